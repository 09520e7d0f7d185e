package dev.imago.spring;

import static dev.imago.spring.TestCloud.ACME_CALLER;
import static dev.imago.spring.TestCloud.GLOBEX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imago.core.CommandObservation;
import dev.imago.core.CommandObservation.Outcome;
import dev.imago.core.ImageNotFoundException;
import dev.imago.core.ImagePolicyException;
import dev.imago.core.ImageService;
import dev.imago.core.policy.ActionKind;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.RuleCode;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The meters of the service's calls, and that they name no tenant and no image. */
class ImagoMetricsTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ImagoAutoConfiguration.class,
          ImagoMetricsAutoConfiguration.class))
      .withUserConfiguration(TestCloud.class, Registry.class);

  @Test
  void each_call_is_timed_by_action_and_outcome_and_each_denial_counted_by_code() {
    runner.run(context -> {
      ImageService images = context.getBean(ImageService.class);
      MeterRegistry registry = context.getBean(MeterRegistry.class);
      ImageRecord image = images.createImage(ACME_CALLER, TestCloud.encryptedImage());
      images.reportProgress(image.id(), ImageStatus.ACTIVE);
      assertThatThrownBy(() -> images.share(ACME_CALLER, image.id(), List.of(GLOBEX)))
          .isInstanceOf(ImagePolicyException.class);
      assertThatThrownBy(() -> images.get(ACME_CALLER, ImageId.of("no-such-image")))
          .isInstanceOf(ImageNotFoundException.class);

      assertThat(registry.get(MicrometerCommandListener.COMMANDS)
          .tags("action", "CREATE", "outcome", "ALLOWED", "check", "false").timer().count())
          .isEqualTo(1);
      assertThat(registry.get(MicrometerCommandListener.COMMANDS)
          .tags("action", "SHARE", "outcome", "DENIED").timer().count()).isEqualTo(1);
      assertThat(registry.get(MicrometerCommandListener.COMMANDS)
          .tags("action", "READ", "outcome", "NOT_FOUND").timer().count()).isEqualTo(1);
      assertThat(registry.get(MicrometerCommandListener.DENIALS)
          .tags("action", "SHARE", "code", "SHARE_ENCRYPTED").counter().count()).isEqualTo(1);
      assertThat(registry.get(MicrometerCommandListener.ATTEMPTS)
          .tags("action", "CREATE").summary().totalAmount()).isEqualTo(1);
    });
  }

  @Test
  void no_meter_names_a_tenant_or_an_image() {
    runner.run(context -> {
      ImageService images = context.getBean(ImageService.class);
      MeterRegistry registry = context.getBean(MeterRegistry.class);
      ImageRecord image = images.createImage(ACME_CALLER, TestCloud.webImage());
      images.reportProgress(image.id(), ImageStatus.ACTIVE);
      images.share(ACME_CALLER, image.id(), List.of(GLOBEX));
      images.accept(dev.imago.core.Caller.tenant(GLOBEX), image.id());
      images.get(dev.imago.core.Caller.tenant(GLOBEX), image.id());
      assertThatThrownBy(() -> images.share(ACME_CALLER, image.id(), List.of(ACME_CALLER
          .tenant().orElseThrow()))).isInstanceOf(ImagePolicyException.class);

      List<Meter> meters = registry.getMeters();
      assertThat(meters).isNotEmpty();
      Set<String> keys = Set.of("action", "outcome", "check", "code");
      for (Meter meter : meters) {
        assertThat(meter.getId().getName()).startsWith("imago.");
        for (Tag tag : meter.getId().getTags()) {
          assertThat(keys).as("tag of %s", meter.getId()).contains(tag.getKey());
          assertThat(tag.getValue()).as("tag of %s", meter.getId())
              .doesNotContain(image.id().value())
              .doesNotContain(GLOBEX.value())
              .doesNotContain(TestCloud.ACME.value());
        }
      }
      Set<String> values = meters.stream().flatMap(meter -> meter.getId().getTags().stream())
          .map(Tag::getValue).collect(Collectors.toSet());
      assertThat(values).contains("SHARE", "ACCEPT", "READ", "ALLOWED", "DENIED");
    });
  }

  @Test
  void with_observations_each_call_is_an_observation_timed_by_action_and_outcome() {
    runner.withConfiguration(AutoConfigurations.of(ImagoObservationAutoConfiguration.class))
        .withUserConfiguration(Observations.class).run(context -> {
          ImageService images = context.getBean(ImageService.class);
          MeterRegistry registry = context.getBean(MeterRegistry.class);
          ImageRecord image = images.createImage(ACME_CALLER, TestCloud.encryptedImage());
          images.reportProgress(image.id(), ImageStatus.ACTIVE);
          assertThatThrownBy(() -> images.share(ACME_CALLER, image.id(), List.of(GLOBEX)))
              .isInstanceOf(ImagePolicyException.class);

          assertThat(registry.get(ObservationCommandListener.NAME)
              .tags("action", "CREATE", "outcome", "ALLOWED", "check", "false").timer().count())
              .isEqualTo(1);
          assertThat(registry.get(ObservationCommandListener.NAME)
              .tags("action", "SHARE", "outcome", "DENIED").timer().count()).isEqualTo(1);
          assertThat(registry.find(MicrometerCommandListener.COMMANDS).meters())
              .as("calls timed once, by the observations").isEmpty();
          assertThat(registry.get(MicrometerCommandListener.DENIALS)
              .tags("action", "SHARE", "code", "SHARE_ENCRYPTED").counter().count())
              .isEqualTo(1);
          for (Meter meter : registry.find(ObservationCommandListener.NAME).meters()) {
            for (Tag tag : meter.getId().getTags()) {
              assertThat(tag.getKey()).isIn("action", "outcome", "check", "error");
              assertThat(tag.getValue()).doesNotContain(image.id().value())
                  .doesNotContain(TestCloud.ACME.value()).doesNotContain(GLOBEX.value());
            }
          }
        });
  }

  @Test
  void observations_of_nested_calls_stop_in_order_on_their_thread() {
    MeterRegistry meters = new SimpleMeterRegistry();
    ObservationRegistry observations = ObservationRegistry.create();
    observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
    ObservationCommandListener listener = new ObservationCommandListener(observations);

    listener.onStart(ActionKind.SHARE, false);
    listener.onStart(ActionKind.READ, false);
    listener.onCommand(new CommandObservation(ActionKind.READ, false, Outcome.NOT_FOUND,
        List.of(), 1, Duration.ofNanos(5)));
    listener.onCommand(new CommandObservation(ActionKind.SHARE, false, Outcome.ALLOWED,
        List.of(), 1, Duration.ofNanos(9)));

    assertThat(meters.get(ObservationCommandListener.NAME)
        .tags("action", "READ", "outcome", "NOT_FOUND").timer().count()).isEqualTo(1);
    assertThat(meters.get(ObservationCommandListener.NAME)
        .tags("action", "SHARE", "outcome", "ALLOWED").timer().count()).isEqualTo(1);
  }

  @Test
  void without_an_observation_registry_there_is_no_observation_listener() {
    runner.withConfiguration(AutoConfigurations.of(ImagoObservationAutoConfiguration.class))
        .run(context -> {
          assertThat(context).doesNotHaveBean(ObservationCommandListener.class);
          assertThat(context).hasSingleBean(MicrometerCommandListener.class);
        });
  }

  @Test
  void without_micrometers_observation_api_on_the_class_path_there_is_no_observation_listener() {
    runner.withConfiguration(AutoConfigurations.of(ImagoObservationAutoConfiguration.class))
        .withClassLoader(new FilteredClassLoader(ObservationRegistry.class))
        .run(context -> assertThat(context)
            .doesNotHaveBean(ImagoObservationAutoConfiguration.class));
  }

  @Test
  void a_command_that_gave_up_on_conflicts_is_counted_with_its_attempts() {
    MeterRegistry registry = new SimpleMeterRegistry();
    MicrometerCommandListener listener = new MicrometerCommandListener(registry);

    listener.onCommand(new CommandObservation(ActionKind.SHARE, false, Outcome.CONFLICT,
        List.of(), 5, Duration.ofMillis(3)));
    listener.onCommand(new CommandObservation(ActionKind.SHARE, false, Outcome.ALLOWED,
        List.of(), 2, Duration.ofMillis(1)));

    assertThat(registry.get(MicrometerCommandListener.RETRIES_EXHAUSTED)
        .tags("action", "SHARE").counter().count()).isEqualTo(1);
    assertThat(registry.get(MicrometerCommandListener.ATTEMPTS).tags("action", "SHARE")
        .summary()).satisfies(summary -> {
          assertThat(summary.count()).isEqualTo(2);
          assertThat(summary.totalAmount()).isEqualTo(7);
          assertThat(summary.max()).isEqualTo(5);
        });
  }

  @Test
  void reads_and_checks_record_no_attempts_and_checks_count_no_denials() {
    MeterRegistry registry = new SimpleMeterRegistry();
    MicrometerCommandListener listener = new MicrometerCommandListener(registry);

    listener.onCommand(new CommandObservation(ActionKind.READ, false, Outcome.ALLOWED,
        List.of(), 1, Duration.ofNanos(800)));
    listener.onCommand(new CommandObservation(ActionKind.SHARE, true, Outcome.DENIED,
        List.of(RuleCode.SHARE_ENCRYPTED), 1, Duration.ofNanos(900)));

    assertThat(registry.find(MicrometerCommandListener.ATTEMPTS).meters()).isEmpty();
    assertThat(registry.find(MicrometerCommandListener.DENIALS).meters()).isEmpty();
    assertThat(registry.get(MicrometerCommandListener.COMMANDS)
        .tags("action", "SHARE", "outcome", "DENIED", "check", "true").timer()
        .totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isEqualTo(900);
  }

  @Test
  void a_metrics_listener_of_the_applications_is_kept() {
    runner.withUserConfiguration(OwnListener.class).run(context -> {
      assertThat(context).getBean(MicrometerCommandListener.class)
          .isSameAs(context.getBean(OwnListener.class).listener);
    });
  }

  @Test
  void without_a_registry_there_is_no_metrics_listener() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ImagoAutoConfiguration.class,
            ImagoMetricsAutoConfiguration.class))
        .withUserConfiguration(TestCloud.class)
        .run(context -> {
          assertThat(context).hasSingleBean(ImageService.class);
          assertThat(context).doesNotHaveBean(MicrometerCommandListener.class);
        });
  }

  @Configuration(proxyBeanMethods = false)
  static class Registry {
    @Bean
    MeterRegistry registry() {
      return new SimpleMeterRegistry();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Observations {
    @Bean
    ObservationRegistry observationRegistry(MeterRegistry meters) {
      ObservationRegistry registry = ObservationRegistry.create();
      registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
      return registry;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnListener {
    final MicrometerCommandListener listener =
        new MicrometerCommandListener(new SimpleMeterRegistry());

    @Bean
    MicrometerCommandListener ownMetrics() {
      return listener;
    }
  }
}
