package dev.imago.spi;

import java.time.Instant;
import org.immutables.value.Value;

/**
 * How an image lies in its owner's recycle bin (rules {@code RECYCLE_RETENTION} and {@code
 * RECYCLE_RESTORE}): when it was deleted, until when it may be restored, and the status it comes
 * back with. A recycling is valid when built: the purge time is after the deletion time, and the
 * status it comes back with is one an image in use has.
 */
@Value.Immutable
public abstract class Recycling {
  Recycling() {}

  /**
   * Returns a recycling.
   *
   * @param recycledAt when the image was deleted into the recycle bin
   * @param purgeAt when its retention ends and it is purged
   * @param statusBefore the status it had, which it comes back with
   * @return the recycling
   * @throws InputException if a part is absent, the purge time is not after the deletion time
   *     (field {@code recycling.purgeAt}), or the status is RECYCLED or DELETED (field {@code
   *     recycling.statusBefore})
   */
  public static Recycling of(Instant recycledAt, Instant purgeAt, ImageStatus statusBefore) {
    return ImmutableRecycling.builder().recycledAt(recycledAt).purgeAt(purgeAt)
        .statusBefore(statusBefore).build();
  }

  /**
   * Returns when the image was deleted into the recycle bin.
   *
   * @return the deletion time
   */
  public abstract Instant recycledAt();

  /**
   * Returns when the image's retention ends: from then on it is no longer restored, and a purge
   * makes it DELETED for good.
   *
   * @return the purge time
   */
  public abstract Instant purgeAt();

  /**
   * Returns the status the image had when it was deleted, which it comes back with.
   *
   * @return the status before
   */
  public abstract ImageStatus statusBefore();

  /**
   * Tells whether the image's retention has ended at a moment.
   *
   * @param now the moment
   * @return {@code true} from the purge time on
   * @throws InputException if the moment is absent (field {@code now})
   */
  public final boolean isExpiredAt(Instant now) {
    return !Inputs.present(now, "now").isBefore(purgeAt());
  }

  @Value.Check
  void check() {
    Inputs.present(recycledAt(), "recycling.recycledAt");
    Inputs.present(purgeAt(), "recycling.purgeAt");
    Inputs.present(statusBefore(), "recycling.statusBefore");
    if (!purgeAt().isAfter(recycledAt())) {
      throw new InputException("recycling.purgeAt", purgeAt(), RuleCode.RECYCLE_RETENTION,
          "must be after the deletion time " + recycledAt());
    }
    if (statusBefore() == ImageStatus.RECYCLED || statusBefore() == ImageStatus.DELETED) {
      throw new InputException("recycling.statusBefore", statusBefore(),
          RuleCode.RECYCLE_RESTORE, "must be a status an image in use has");
    }
  }
}
