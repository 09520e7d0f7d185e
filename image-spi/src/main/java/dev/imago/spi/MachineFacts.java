package dev.imago.spi;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** What a server, or a backup of a whole server, holds: the facts an image is made from. */
@Value.Immutable
public abstract class MachineFacts {
  MachineFacts() {}

  /**
   * Returns a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@code MachineFacts}; {@code build()} checks it. */
  public static final class Builder extends ImmutableMachineFacts.Builder {
    Builder() {}
  }

  /**
   * Returns the kind of server.
   *
   * @return ECS or BMS
   */
  public abstract ServerKind kind();

  /**
   * Returns the operating system on the system disk.
   *
   * @return the OS facts
   */
  public abstract OsFacts os();

  /**
   * Returns the server's RAM.
   *
   * @return the RAM in MiB
   */
  public abstract int ramMib();

  /**
   * Returns the disks: the SYSTEM disk first, then every attached DATA disk.
   *
   * @return the disks
   */
  public abstract List<DiskSpec> disks();

  /**
   * Returns the key the system disk is encrypted with.
   *
   * @return the key, or empty when unencrypted
   */
  public abstract Optional<KeyId> encryptionKey();

  /**
   * Returns the system disk.
   *
   * @return the first disk
   */
  public final DiskSpec systemDisk() {
    return disks().get(0);
  }

  @Value.Check
  void check() {
    Inputs.present(kind(), "machine.kind");
    Inputs.present(os(), "machine.os");
    Inputs.range(ramMib(), 1, ImageRecord.MAX_MIN_RAM_MIB, "machine.ramMib");
    Inputs.presentElements(disks(), "machine.disks");
    if (disks().isEmpty()
        || disks().get(0).role() != DiskRole.SYSTEM
        || disks().stream().skip(1).anyMatch(disk -> disk.role() != DiskRole.DATA)) {
      throw new InputException("machine.disks", disks(), RuleCode.CREATE_FULL_SERVER,
          "must be one SYSTEM disk followed by the DATA disks");
    }
  }
}
