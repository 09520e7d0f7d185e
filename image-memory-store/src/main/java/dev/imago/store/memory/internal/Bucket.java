package dev.imago.store.memory.internal;

import dev.imago.spi.MembershipStatus;
import dev.imago.spi.RegionId;
import dev.imago.spi.TenantId;
import org.jspecify.annotations.Nullable;

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

  /**
   * The images of one family of a region, whoever sees them: a listing by family reads them
   * alone and judges each image's visibility, so that resolving a family reads only its
   * versions.
   *
   * @param owner the family's owner, or {@code null} for a family of the platform's PUBLIC images
   */
  record InFamily(@Nullable TenantId owner, RegionId region, String name) implements Bucket {}
}
