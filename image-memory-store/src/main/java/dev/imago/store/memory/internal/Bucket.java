package dev.imago.store.memory.internal;

import dev.imago.spi.MembershipStatus;
import dev.imago.spi.RegionId;
import dev.imago.spi.TenantId;

/** One reason an image is visible to someone: the key of one bucket of the visibility index. */
sealed interface Bucket {
  /** The images a tenant owns in a region, PRIVATE or MARKET. */
  record Owned(TenantId owner, RegionId region) implements Bucket {}

  /** The images of a region shared with a tenant whose membership has a given status. */
  record SharedWith(TenantId member, RegionId region, MembershipStatus status) implements Bucket {}

  /** The PUBLIC images of a region. */
  record Public(RegionId region) implements Bucket {}

  /** The MARKET images of a region. */
  record Market(RegionId region) implements Bucket {}
}
