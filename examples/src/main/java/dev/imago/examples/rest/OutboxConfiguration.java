package dev.imago.examples.rest;

import dev.imago.core.ImageService;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox relay and its schedule: every {@code example.outbox.interval} (1 s by default; 0
 * relays only when asked), to the application's {@link EventPublisher}, or to the log.
 */
@Configuration(proxyBeanMethods = false)
public class OutboxConfiguration {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxConfiguration.class);

  /** Creates the configuration; Spring does. */
  public OutboxConfiguration() {}

  /**
   * The relay.
   *
   * @param images the service
   * @param jdbc the database
   * @param transactions its transactions
   * @param publishers the application's publisher, if it has one; else the events are logged
   *     by number and type, never with their image or tenants
   * @param batchSize the largest batch
   * @return the relay
   */
  @Bean
  public OutboxRelay outboxRelay(ImageService images, JdbcTemplate jdbc,
      TransactionTemplate transactions, ObjectProvider<EventPublisher> publishers,
      @Value("${example.outbox.batch-size:100}") int batchSize) {
    EventPublisher publisher = publishers.getIfAvailable(() -> event ->
        LOG.info("event {} {}", event.sequence(), event.event().type()));
    return new OutboxRelay(images, jdbc, transactions, publisher, "events", batchSize);
  }

  /**
   * Starts the relay with the application and stops it before the database goes.
   *
   * @param relay the relay
   * @param interval the pause between rounds; zero for none
   * @return the lifecycle
   */
  @Bean
  public SmartLifecycle outboxSchedule(OutboxRelay relay,
      @Value("${example.outbox.interval:1s}") Duration interval) {
    return new SmartLifecycle() {
      private volatile boolean running;

      @Override
      public void start() {
        if (!interval.isZero()) {
          relay.start(interval);
        }
        running = true;
      }

      @Override
      public void stop() {
        relay.stop();
        running = false;
      }

      @Override
      public boolean isRunning() {
        return running;
      }
    };
  }
}
