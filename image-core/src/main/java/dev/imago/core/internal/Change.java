package dev.imago.core.internal;

import dev.imago.spi.ImageEvent;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.TenantId;
import java.util.List;
import java.util.Optional;

/**
 * What an allowed command produced: the state to save (if anything changed), the version it
 * replaces, the events that describe it, and for a share which recipients were added and which
 * were members already.
 *
 * @param record the new state, empty when nothing changed
 * @param expectedVersion the version the new state replaces, 0 for a new image
 * @param events what happened, in order
 * @param added the tenants that became members
 * @param alreadyMembers the recipients that were members already (rule {@code SHARE_DUPLICATE})
 */
public record Change(
    Optional<ImageRecord> record,
    long expectedVersion,
    List<ImageEvent> events,
    List<TenantId> added,
    List<TenantId> alreadyMembers) {

  /** Copies the lists. */
  public Change {
    events = List.copyOf(events);
    added = List.copyOf(added);
    alreadyMembers = List.copyOf(alreadyMembers);
  }

  static Change none() {
    return new Change(Optional.empty(), 0, List.of(), List.of(), List.of());
  }

  static Change of(ImageRecord record, long expectedVersion, List<ImageEvent> events) {
    return new Change(Optional.of(record), expectedVersion, events, List.of(), List.of());
  }
}
