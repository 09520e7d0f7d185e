package dev.imago.spi;

import java.util.Optional;
import org.immutables.value.Value;

/** A disk a data-disk image can be created from. */
@Value.Immutable
public abstract class DiskFacts {
  DiskFacts() {}

  /**
   * Returns a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@code DiskFacts}; {@code build()} checks it. */
  public static final class Builder extends ImmutableDiskFacts.Builder {
    Builder() {}
  }

  /**
   * Returns the resource's id.
   *
   * @return the id
   */
  public abstract DiskId id();

  /**
   * Returns the tenant that owns the resource (rule {@code CREATE_SOURCE_ACCESS}).
   *
   * @return the owner
   */
  public abstract TenantId owner();

  /**
   * Returns the region the resource lives in.
   *
   * @return the region
   */
  public abstract RegionId region();

  /**
   * Returns the disk's role and size.
   *
   * @return the disk
   */
  public abstract DiskSpec spec();

  /**
   * Returns the key the disk is encrypted with.
   *
   * @return the key, or empty when unencrypted
   */
  public abstract Optional<KeyId> encryptionKey();

  @Value.Check
  void check() {
    Inputs.present(id(), "disk.id");
    Inputs.present(owner(), "disk.owner");
    Inputs.present(region(), "disk.region");
    Inputs.present(spec(), "disk.spec");
  }
}
