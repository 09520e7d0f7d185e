package dev.imago.core.internal;

import dev.imago.spi.ImageChange;
import dev.imago.spi.ImageEvent;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.TenantId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What an allowed command produced: the state to save (if anything changed), the version it
 * replaces, the events that describe it, the quota the save must keep, and for a share which
 * recipients were added and which were members already.
 *
 * @param record the new state, empty when nothing changed
 * @param expectedVersion the version the new state replaces, 0 for a new image
 * @param events what happened, in order
 * @param ownedLimit the owner's quota, which the store keeps in the save (rule {@code
 *     CREATE_QUOTA}), for a change that adds to the owner's images
 * @param added the tenants that became members
 * @param alreadyMembers the recipients that were members already (rule {@code SHARE_DUPLICATE})
 */
public record Change(
    Optional<ImageRecord> record,
    long expectedVersion,
    List<ImageEvent> events,
    OptionalLong ownedLimit,
    List<TenantId> added,
    List<TenantId> alreadyMembers) {

  /** Copies the lists. */
  public Change {
    events = List.copyOf(events);
    added = List.copyOf(added);
    alreadyMembers = List.copyOf(alreadyMembers);
  }

  static Change none() {
    return new Change(Optional.empty(), 0, List.of(), OptionalLong.empty(), List.of(), List.of());
  }

  static Change of(ImageRecord record, long expectedVersion, List<ImageEvent> events) {
    return new Change(Optional.of(record), expectedVersion, events, OptionalLong.empty(),
        List.of(), List.of());
  }

  /**
   * Returns what the store saves.
   *
   * @return the change as the store takes it
   * @throws java.util.NoSuchElementException if nothing changed
   */
  public ImageChange toStore() {
    return ImageChange.builder()
        .record(record.orElseThrow())
        .expectedVersion(expectedVersion)
        .events(events)
        .ownedLimit(ownedLimit)
        .build();
  }
}
