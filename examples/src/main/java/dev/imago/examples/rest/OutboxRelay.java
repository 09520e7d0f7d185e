package dev.imago.examples.rest;

import dev.imago.core.ImageService;
import dev.imago.spi.StoredEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Relays Imago's event log ({@link ImageService#events}) to an {@link EventPublisher}, in order,
 * from a checkpoint kept in the application's database (table {@code outbox_checkpoint}, from the
 * example's {@code schema.sql}, not in Imago's schema).
 *
 * <p>Each round locks the checkpoint row ({@code FOR UPDATE SKIP LOCKED}), so that of several
 * instances of the service one relays at a time and the others skip the round; it publishes the
 * events after the checkpoint, then moves the checkpoint past the last one published, in the same
 * transaction as the lock. An event is published once per advance of the checkpoint: a publisher
 * that fails keeps its event and the ones after it for the next round. Only a crash between a
 * publication and the commit of the checkpoint publishes an event again after the restart: the
 * relay delivers at least once, and receivers deduplicate by sequence number.
 */
public class OutboxRelay {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

  private static final String CREATE_CHECKPOINT =
      "INSERT INTO outbox_checkpoint (name, last_sequence) VALUES (?, 0)"
          + " ON CONFLICT (name) DO NOTHING";
  private static final String LOCK_CHECKPOINT =
      "SELECT last_sequence FROM outbox_checkpoint WHERE name = ? FOR UPDATE SKIP LOCKED";
  private static final String ADVANCE_CHECKPOINT =
      "UPDATE outbox_checkpoint SET last_sequence = ? WHERE name = ?";
  private static final String READ_CHECKPOINT =
      "SELECT last_sequence FROM outbox_checkpoint WHERE name = ?";

  private final ImageService images;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final EventPublisher publisher;
  private final String name;
  private final int batchSize;
  private ScheduledExecutorService schedule;

  /**
   * Creates a relay.
   *
   * @param images the service whose event log it reads
   * @param jdbc the database of the checkpoint
   * @param transactions transactions on that database
   * @param publisher where the events go
   * @param name the checkpoint's name, one per destination
   * @param batchSize the largest number of events published in one round
   */
  public OutboxRelay(ImageService images, JdbcTemplate jdbc, TransactionTemplate transactions,
      EventPublisher publisher, String name, int batchSize) {
    this.images = images;
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.publisher = publisher;
    this.name = name;
    this.batchSize = batchSize;
  }

  /**
   * Publishes the events after the checkpoint, up to a batch, and moves the checkpoint past them.
   *
   * @return how many events were published; 0 when there were none or another instance holds
   *     the checkpoint
   * @throws RuntimeException the publisher's failure, after the checkpoint has moved past the
   *     events published before it
   */
  public int relayOnce() {
    jdbc.update(CREATE_CHECKPOINT, name);
    Round round = transactions.execute(status -> {
      List<Long> locked = jdbc.queryForList(LOCK_CHECKPOINT, Long.class, name);
      if (locked.isEmpty()) {
        return new Round(0, null);
      }
      long checkpoint = locked.get(0);
      long published = checkpoint;
      int count = 0;
      RuntimeException failure = null;
      for (StoredEvent event : images.events(checkpoint, batchSize)) {
        try {
          publisher.publish(event);
        } catch (RuntimeException failed) {
          failure = failed;
          break;
        }
        published = event.sequence();
        count++;
      }
      if (published > checkpoint) {
        // Committed even when the publisher failed: the events before the failure are out.
        jdbc.update(ADVANCE_CHECKPOINT, published, name);
      }
      return new Round(count, failure);
    });
    if (round.failure() != null) {
      throw round.failure();
    }
    return round.published();
  }

  /**
   * Returns the sequence number of the last event published.
   *
   * @return the checkpoint, 0 before the first event
   */
  public long checkpoint() {
    jdbc.update(CREATE_CHECKPOINT, name);
    return jdbc.queryForObject(READ_CHECKPOINT, Long.class, name);
  }

  /**
   * Relays in the background, a round at each interval.
   *
   * @param interval the pause between rounds
   */
  public synchronized void start(Duration interval) {
    if (schedule != null) {
      return;
    }
    schedule = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "outbox-relay-" + name);
      thread.setDaemon(true);
      return thread;
    });
    schedule.scheduleWithFixedDelay(this::relayQuietly, 0, interval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** Stops relaying in the background, after the round in progress. */
  public synchronized void stop() {
    if (schedule == null) {
      return;
    }
    schedule.shutdown();
    try {
      schedule.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    schedule = null;
  }

  private void relayQuietly() {
    try {
      // Drain what has piled up, then wait for the next round.
      while (relayOnce() == batchSize) {
        LOG.debug("outbox relay {}: a full batch published, reading on", name);
      }
    } catch (RuntimeException failed) {
      LOG.warn("outbox relay {}: a round failed and is retried ({})", name,
          failed.getClass().getSimpleName());
      LOG.debug("outbox relay failure", failed);
    }
  }

  private record Round(int published, RuntimeException failure) {}
}
