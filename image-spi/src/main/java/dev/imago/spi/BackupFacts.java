package dev.imago.spi;

import org.immutables.value.Value;

/** A cloud server backup a full-server image can be created from. */
@Value.Immutable
public abstract class BackupFacts {
  BackupFacts() {}

  /**
   * Returns a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@code BackupFacts}; {@code build()} checks it. */
  public static final class Builder extends ImmutableBackupFacts.Builder {
    Builder() {}
  }

  /**
   * Returns the resource's id.
   *
   * @return the id
   */
  public abstract BackupId id();

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
   * Returns what the backed-up server held.
   *
   * @return the machine facts
   */
  public abstract MachineFacts machine();

  @Value.Check
  void check() {
    Inputs.present(id(), "backup.id");
    Inputs.present(owner(), "backup.owner");
    Inputs.present(region(), "backup.region");
    Inputs.present(machine(), "backup.machine");
  }
}
