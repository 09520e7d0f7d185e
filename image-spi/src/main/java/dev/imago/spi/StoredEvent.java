package dev.imago.spi;

import org.immutables.value.Value;

/** An event as the store keeps it: with its place in the one ordered log of all events. */
@Value.Immutable
public abstract class StoredEvent {
  StoredEvent() {}

  /**
   * Returns a stored event.
   *
   * @param sequence the event's sequence number, from 1, without gaps
   * @param event the event
   * @return the stored event
   * @throws InputException if the sequence is below 1 or the event absent
   */
  public static StoredEvent of(long sequence, ImageEvent event) {
    return ImmutableStoredEvent.builder().sequence(sequence).event(event).build();
  }

  /**
   * Returns the event's place in the log: 1 for the first event ever saved, one more for each
   * following event.
   *
   * @return the sequence number
   */
  public abstract long sequence();

  /**
   * Returns the event.
   *
   * @return the event
   */
  public abstract ImageEvent event();

  @Value.Check
  void check() {
    Inputs.range(sequence(), 1, Long.MAX_VALUE, "sequence");
    Inputs.present(event(), "event");
  }
}
