package dev.imago.spi;

import java.util.Optional;

/** The host's knowledge of tenants: the port through which Imago asks who exists and where. */
public interface TenantDirectory {
  /**
   * Finds a tenant.
   *
   * @param id the tenant
   * @return what is known of it, or empty when no such tenant exists
   * @throws StoreException if the directory could not be read
   */
  Optional<TenantInfo> find(TenantId id);

  /**
   * Finds the project of the same account in another region: the owner of a replica made in
   * that region (rule {@code REPLICATE_REGION}).
   *
   * @param tenant a tenant
   * @param region the other region
   * @return that project (the tenant itself when the region is its own), or empty when the
   *     account has none there
   * @throws StoreException if the directory could not be read
   */
  Optional<TenantInfo> findProjectIn(TenantId tenant, RegionId region);
}
