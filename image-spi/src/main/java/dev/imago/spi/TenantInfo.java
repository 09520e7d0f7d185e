package dev.imago.spi;

import java.util.Map;
import org.immutables.value.Value;

/** What the host's {@link TenantDirectory} knows of a tenant. */
@Value.Immutable
public abstract class TenantInfo implements WithTenantInfo {
  TenantInfo() {}

  /**
   * Returns a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@code TenantInfo}; {@code build()} checks it. */
  public static final class Builder extends ImmutableTenantInfo.Builder {
    Builder() {}
  }

  /**
   * Returns the tenant's id.
   *
   * @return the id
   */
  public abstract TenantId id();

  /**
   * Returns the one region the tenant lives in.
   *
   * @return the region
   */
  public abstract RegionId region();

  /**
   * Returns whether the tenant may act.
   *
   * @return the status
   */
  @Value.Default
  public TenantStatus status() {
    return TenantStatus.ACTIVE;
  }

  /**
   * Tells whether the tenant is a registered marketplace seller (rule {@code MARKET_PUBLISH}).
   *
   * @return {@code true} for a registered seller
   */
  @Value.Default
  public boolean seller() {
    return false;
  }

  /**
   * Returns the host's own facts about the tenant, for the host's own rules (an organization, a
   * contract level...).
   *
   * @return the attributes
   */
  public abstract Map<String, String> attributes();

  /**
   * Tells whether the tenant is ACTIVE.
   *
   * @return {@code true} when active
   */
  public final boolean isActive() {
    return status() == TenantStatus.ACTIVE;
  }

  @Value.Check
  void check() {
    Inputs.present(id(), "tenant.id");
    Inputs.present(region(), "tenant.region");
    Inputs.present(status(), "tenant.status");
    Inputs.present(attributes(), "tenant.attributes");
  }
}
