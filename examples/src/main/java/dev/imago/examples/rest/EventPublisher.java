package dev.imago.examples.rest;

import dev.imago.spi.StoredEvent;

/**
 * Where {@link OutboxRelay} sends Imago's events: a message broker, a webhook, a search index.
 * The example's own logs each event's sequence number and type.
 */
@FunctionalInterface
public interface EventPublisher {
  /**
   * Publishes one event. It may be called again with the same event after a crash (the relay
   * delivers at least once), so receivers deduplicate by {@link StoredEvent#sequence()}.
   *
   * @param event the event
   * @throws RuntimeException if the event could not be published; the relay keeps it for the
   *     next round
   */
  void publish(StoredEvent event);
}
