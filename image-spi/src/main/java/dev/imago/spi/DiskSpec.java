package dev.imago.spi;

import org.immutables.value.Value;

/** One disk of an image or a server: its role and its size. */
@Value.Immutable
public abstract class DiskSpec {
  /** The largest disk, in GiB. */
  public static final int MAX_SIZE_GIB = 65_536;

  DiskSpec() {}

  /**
   * Returns a disk of the given role and size.
   *
   * @param role the disk's role
   * @param sizeGib the size in GiB, from 1 to 65536
   * @return the disk
   * @throws InputException if the role is absent or the size outside its range
   */
  public static DiskSpec of(DiskRole role, int sizeGib) {
    return ImmutableDiskSpec.builder().role(role).sizeGib(sizeGib).build();
  }

  /**
   * Returns the disk's role.
   *
   * @return the role
   */
  public abstract DiskRole role();

  /**
   * Returns the disk's size.
   *
   * @return the size in GiB
   */
  public abstract int sizeGib();

  @Override
  public String toString() {
    return role() + " " + sizeGib() + " GiB";
  }

  @Value.Check
  void check() {
    Inputs.present(role(), "disk.role");
    Inputs.range(sizeGib(), 1, MAX_SIZE_GIB, "disk.sizeGib");
  }
}
