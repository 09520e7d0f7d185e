package dev.imago.spring;

import dev.imago.spi.ImageStore;
import dev.imago.spi.RegionId;
import dev.imago.spi.TenantId;
import java.util.function.IntSupplier;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Imago's health ({@code imago} in the health endpoint): UP while the store answers and, for the
 * PostgreSQL store, while the database holds the schema version this application's Imago
 * reads and writes; DOWN with the reason otherwise.
 *
 * <p>The store is asked for the image count of a tenant that does not exist: the cheapest
 * question every store must answer, and one that reads nobody's data.
 */
public final class ImagoHealthIndicator extends AbstractHealthIndicator {
  private static final TenantId PROBE = TenantId.of("imago-health-probe");
  private static final RegionId PROBE_REGION = RegionId.of("imago-health-probe");

  private final ImageStore store;
  private final IntSupplier schemaVersion;

  /**
   * Creates the indicator for a store without a schema to check.
   *
   * @param store the store the service uses
   */
  public ImagoHealthIndicator(ImageStore store) {
    this(store, null);
  }

  /**
   * Creates the indicator.
   *
   * @param store the store the service uses
   * @param schemaVersion checks the database's schema and returns its version, throwing when it
   *     is not the one expected; {@code null} for a store without a schema
   */
  public ImagoHealthIndicator(ImageStore store, IntSupplier schemaVersion) {
    super("Imago's store is not available");
    this.store = store;
    this.schemaVersion = schemaVersion;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    store.countOwned(PROBE, PROBE_REGION);
    builder.up().withDetail("store", store.getClass().getSimpleName());
    if (schemaVersion != null) {
      builder.withDetail("schemaVersion", schemaVersion.getAsInt());
    }
  }
}
