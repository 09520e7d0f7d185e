package dev.imago.spi;

import org.immutables.value.Value;

/** A server an image can be created from, as the host's {@link SourceDirectory} knows it. */
@Value.Immutable
public abstract class ServerFacts {
  ServerFacts() {}

  /**
   * Returns a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@code ServerFacts}; {@code build()} checks it. */
  public static final class Builder extends ImmutableServerFacts.Builder {
    Builder() {}
  }

  /**
   * Returns the resource's id.
   *
   * @return the id
   */
  public abstract ServerId id();

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
   * Returns what the server holds.
   *
   * @return the machine facts
   */
  public abstract MachineFacts machine();

  @Value.Check
  void check() {
    Inputs.present(id(), "server.id");
    Inputs.present(owner(), "server.owner");
    Inputs.present(region(), "server.region");
    Inputs.present(machine(), "server.machine");
  }
}
