package dev.imago.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imago.spi.ImageChange;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageQuery;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageStore;
import dev.imago.spi.Page;
import dev.imago.spi.StoredEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import dev.imago.spi.RegionId;
import dev.imago.spi.StoreException;
import dev.imago.spi.TenantId;
import dev.imago.store.memory.InMemoryImageStore;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code imago} health contributor. */
class ImagoHealthTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ImagoAutoConfiguration.class,
          ImagoHealthAutoConfiguration.class))
      .withUserConfiguration(TestCloud.class);

  @Test
  void a_store_that_answers_is_up() {
    runner.run(context -> {
      Health health = context.getBean("imagoHealthIndicator", HealthIndicator.class).health();
      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails()).containsEntry("store", "InMemoryImageStore")
          .doesNotContainKey("schemaVersion");
    });
  }

  @Test
  void a_store_that_fails_is_down_with_the_reason() {
    runner.withUserConfiguration(BrokenStore.class).run(context -> {
      Health health = context.getBean("imagoHealthIndicator", HealthIndicator.class).health();
      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      assertThat(health.getDetails().get("error").toString()).contains("database gone");
    });
  }

  @Test
  void the_indicator_can_be_turned_off() {
    runner.withPropertyValues("management.health.imago.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean("imagoHealthIndicator"));
  }

  @Test
  void an_indicator_of_the_applications_replaces_it() {
    runner.withUserConfiguration(OwnIndicator.class).run(context ->
        assertThat(context.getBean("imagoHealthIndicator")).isSameAs(OwnIndicator.INDICATOR));
  }

  @Test
  void a_schema_check_that_fails_makes_it_down() {
    ImagoHealthIndicator indicator = new ImagoHealthIndicator(new InMemoryImageStore(), () -> {
      throw new StoreException("the database holds Imago schema version 2, newer than 1", null);
    });
    Health health = indicator.health();
    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails().get("error").toString()).contains("schema version 2");
  }

  @Configuration(proxyBeanMethods = false)
  static class BrokenStore {
    @Bean
    ImageStore brokenStore() {
      return new ImageStore() {
        @Override
        public Optional<ImageRecord> load(ImageId id) {
          throw gone();
        }

        @Override
        public void save(ImageChange change) {
          throw gone();
        }

        @Override
        public Page<ImageRecord> listVisible(ImageQuery query) {
          throw gone();
        }

        @Override
        public long countOwned(TenantId owner, RegionId region) {
          throw gone();
        }

        @Override
        public List<ImageRecord> listExpired(Instant purgeBy, int limit) {
          throw gone();
        }

        @Override
        public List<StoredEvent> events(long afterSequence, int limit) {
          throw gone();
        }
      };
    }

    private static StoreException gone() {
      return new StoreException("database gone", null);
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnIndicator {
    static final HealthIndicator INDICATOR = () -> Health.up().build();

    @Bean
    HealthIndicator imagoHealthIndicator() {
      return INDICATOR;
    }
  }
}
