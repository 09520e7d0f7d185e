package dev.imago.core.policy.internal;

import dev.imago.spi.Family;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.TenantId;
import dev.imago.spi.Visibility;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * Rule FAMILY_LATEST: a family resolves, for a caller, to the newest image of that family the
 * caller may use now: ACTIVE, not deprecated, not excluded from "latest", in the caller's region.
 * Not an action the engine judges but a choice among the images a listing finds: the service
 * lists the family newest first through the reasons of visibility below and takes the first
 * candidate.
 */
public final class FamilyLatest {
  private FamilyLatest() {}

  /**
   * Returns why a viewer may see the images of a family: its own, the platform's public ones,
   * or another tenant's that are shared with it or on the market.
   *
   * @param family the family
   * @param viewer the tenant that resolves it
   * @return the reasons of visibility to list
   */
  public static Set<Visibility> reasons(Family family, TenantId viewer) {
    if (family.owner().isEmpty()) {
      return EnumSet.of(Visibility.PUBLIC);
    }
    return family.owner().get().equals(viewer) ? EnumSet.of(Visibility.OWN)
        : EnumSet.of(Visibility.SHARED, Visibility.MARKET);
  }

  /**
   * Tells whether an image the viewer sees in its region may be the family's latest now.
   *
   * @param image an image of the family
   * @param now the decision's clock
   * @return {@code true} when it is ACTIVE, not deprecated and not excluded from "latest"
   */
  public static boolean isCandidate(ImageRecord image, Instant now) {
    return image.status() == ImageStatus.ACTIVE && !image.isDeprecatedAt(now)
        && !image.excludedFromLatest();
  }
}
