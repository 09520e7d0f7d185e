package dev.imago.core.internal;

import dev.imago.spi.ImageChange;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageEvent;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.TenantId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What an allowed command produced: the image after it, whether that is a new state to save (a
 * command that changes nothing saves nothing), the version it replaces, the events that describe
 * it, the quota the save must keep, and for a share which recipients were added and which were
 * members already.
 *
 * @param after the image after the command: its new state, or the stored one when unchanged
 * @param saves whether {@code after} is a new state to save
 * @param expectedVersion the version the new state replaces, 0 for a new image
 * @param events what happened, in order; none when unchanged
 * @param ownedLimit the owner's quota, which the store keeps in the save (rule {@code
 *     CREATE_QUOTA}), for a change that adds to the owner's images
 * @param added the tenants that became members
 * @param alreadyMembers the recipients that were members already (rule {@code SHARE_DUPLICATE})
 * @param unchangedImages the other images the decision read, with the versions read, which the
 *     store checks in the save (a deprecation's replacements, rule {@code DEPRECATE_REPLACEMENT})
 */
public record Change(
    ImageRecord after,
    boolean saves,
    long expectedVersion,
    List<ImageEvent> events,
    OptionalLong ownedLimit,
    List<TenantId> added,
    List<TenantId> alreadyMembers,
    Map<ImageId, Long> unchangedImages) {

  /** Copies the lists. */
  public Change {
    events = List.copyOf(events);
    added = List.copyOf(added);
    alreadyMembers = List.copyOf(alreadyMembers);
    unchangedImages = Map.copyOf(unchangedImages);
  }

  static Change of(ImageRecord record, long expectedVersion, List<ImageEvent> events) {
    return new Change(record, true, expectedVersion, events, OptionalLong.empty(), List.of(),
        List.of(), Map.of());
  }

  /** A command that leaves the image as it is: nothing is saved and no event told. */
  static Change unchanged(ImageRecord image) {
    return new Change(image, false, image.version(), List.of(), OptionalLong.empty(), List.of(),
        List.of(), Map.of());
  }

  /**
   * Returns the state to save.
   *
   * @return the new state, or empty when the command changed nothing
   */
  public Optional<ImageRecord> record() {
    return saves ? Optional.of(after) : Optional.empty();
  }

  /**
   * Returns what the store saves.
   *
   * @return the change as the store takes it
   * @throws IllegalStateException if nothing changed
   */
  public ImageChange toStore() {
    if (!saves) {
      throw new IllegalStateException("an unchanged image is not saved");
    }
    return ImageChange.builder()
        .record(after)
        .expectedVersion(expectedVersion)
        .events(events)
        .ownedLimit(ownedLimit)
        .unchangedImages(unchangedImages)
        .build();
  }
}
