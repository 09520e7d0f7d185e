package dev.imago.spring;

import static dev.imago.spring.TestCloud.ACME_CALLER;
import static dev.imago.spring.TestCloud.GLOBEX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imago.core.CommandListener;
import dev.imago.core.CommandObservation;
import dev.imago.core.ImagePolicyException;
import dev.imago.core.ImageService;
import dev.imago.core.Imago;
import dev.imago.core.policy.ActionKind;
import dev.imago.core.policy.Category;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.PolicySettings;
import dev.imago.core.policy.Rule;
import dev.imago.core.policy.Violation;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.ImageStore;
import dev.imago.spi.ImageType;
import dev.imago.spi.RuleCode;
import dev.imago.spi.SourceDirectory;
import dev.imago.spi.TenantDirectory;
import dev.imago.store.memory.InMemoryImageStore;
import dev.imago.store.memory.InMemoryTenantDirectory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/** Each condition of the auto-configuration, one context per test. */
@ExtendWith(OutputCaptureExtension.class)
class ImagoAutoConfigurationTest {
  private static final String IN_MEMORY_WARNING = "Imago keeps its images in memory";

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ImagoAutoConfiguration.class,
          ImagoMetricsAutoConfiguration.class, ImagoHealthAutoConfiguration.class));

  private final ApplicationContextRunner withCloud = runner.withUserConfiguration(TestCloud.class);

  @Test
  void the_applications_own_store_is_the_one_used(CapturedOutput output) {
    withCloud.withUserConfiguration(OwnStore.class).run(context -> {
      assertThat(context).hasSingleBean(ImageStore.class);
      assertThat(context.getBean(ImageStore.class)).isSameAs(OwnStore.STORE);
      ImageRecord image = context.getBean(ImageService.class).createImage(ACME_CALLER,
          TestCloud.webImage());
      assertThat(OwnStore.STORE.load(image.id())).isPresent();
    });
    assertThat(output).doesNotContain(IN_MEMORY_WARNING);
  }

  @Test
  void without_a_store_or_a_database_images_are_kept_in_memory_and_the_log_says_so(
      CapturedOutput output) {
    withCloud.run(context -> {
      assertThat(context).hasSingleBean(ImageService.class);
      assertThat(context.getBean(ImageStore.class)).isInstanceOf(InMemoryImageStore.class);
    });
    assertThat(output).contains("WARN").contains(IN_MEMORY_WARNING)
        .contains("lost when the application stops");
  }

  @Test
  void a_missing_tenant_directory_fails_startup_saying_which_bean_to_define() {
    runner.withUserConfiguration(SourcesOnly.class).run(context -> {
      assertThat(context).hasFailed();
      FailureAnalysis analysis =
          new MissingDirectoryFailureAnalyzer().analyze(context.getStartupFailure());
      assertThat(analysis).isNotNull();
      assertThat(analysis.getDescription()).contains("dev.imago.spi.TenantDirectory");
      assertThat(analysis.getAction()).contains("Define a @Bean of type TenantDirectory")
          .contains("InMemoryTenantDirectory");
    });
  }

  @Test
  void a_missing_source_directory_fails_startup_saying_which_bean_to_define() {
    runner.withUserConfiguration(TenantsOnly.class).run(context -> {
      assertThat(context).hasFailed();
      FailureAnalysis analysis =
          new MissingDirectoryFailureAnalyzer().analyze(context.getStartupFailure());
      assertThat(analysis).isNotNull();
      assertThat(analysis.getDescription()).contains("dev.imago.spi.SourceDirectory");
      assertThat(analysis.getAction()).contains("Define a @Bean of type SourceDirectory");
    });
  }

  @Test
  void another_missing_bean_is_left_to_spring_boots_own_analysis() {
    runner.withUserConfiguration(NeedsARunnable.class).run(context -> {
      assertThat(context).hasFailed();
      assertThat(new MissingDirectoryFailureAnalyzer().analyze(context.getStartupFailure()))
          .isNull();
    });
  }

  @Test
  void a_value_out_of_range_fails_startup_naming_the_property_and_its_range() {
    withCloud.withPropertyValues("imago.max-private-images-per-region=-1").run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause()
          .isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, invalid -> {
            assertThat(invalid.getName()).isEqualTo("imago.max-private-images-per-region");
            assertThat(invalid.getValue()).isEqualTo("-1");
            assertThat(invalid.getReason()).isEqualTo("must be from 0 to 2147483647");
          });
    });
  }

  @Test
  void each_limit_out_of_range_is_named_by_its_own_property() {
    assertInvalid("imago.max-attempts=0", "imago.max-attempts", "must be from 1 to 1000");
    assertInvalid("imago.max-members-by-type.iso=-2", "imago.max-members-by-type[ISO]",
        "must be from 0 to 2147483647");
    assertInvalid("imago.max-import-size=-1B", "imago.max-import-size",
        "must be from 0 to 9223372036854775807");
    assertInvalid("imago.max-tags=-3", "imago.max-tags", "must be from 0 to 2147483647");
  }

  private void assertInvalid(String setting, String property, String reason) {
    withCloud.withPropertyValues(setting).run(context -> assertThat(context.getStartupFailure())
        .rootCause()
        .isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, invalid -> {
          assertThat(invalid.getName()).isEqualTo(property);
          assertThat(invalid.getReason()).isEqualTo(reason);
        }));
  }

  @Test
  void the_properties_set_every_limit_of_the_policy() {
    withCloud.withPropertyValues(
        "imago.max-private-images-per-region=500",
        "imago.max-import-size=64GB",
        "imago.max-fast-import-size=2TB",
        "imago.default-max-members=64",
        "imago.max-members-by-type.iso=16",
        "imago.max-members-by-type.FULL_SERVER=8",
        "imago.max-tags=20",
        "imago.max-replication-size=256GB",
        "imago.max-deprecation-lead=400d",
        "imago.max-public-deprecation-lead=90d",
        "imago.max-attempts=9",
        "imago.jdbc.migrate=false").run(context -> {
          ImagoProperties properties = context.getBean(ImagoProperties.class);
          assertThat(properties.toSettings()).isEqualTo(PolicySettings.builder()
              .maxPrivateImagesPerRegion(500)
              .maxImportBytes(DataSize.ofGigabytes(64).toBytes())
              .maxFastImportBytes(DataSize.ofTerabytes(2).toBytes())
              .defaultMaxMembers(64)
              .putMaxMembersByType(ImageType.ISO, 16)
              .putMaxMembersByType(ImageType.FULL_SERVER, 8)
              .maxTags(20)
              .maxReplicationBytes(DataSize.ofGigabytes(256).toBytes())
              .maxDeprecationLead(Duration.ofDays(400))
              .maxPublicDeprecationLead(Duration.ofDays(90))
              .build());
          assertThat(properties.maxAttempts()).isEqualTo(9);
          assertThat(properties.jdbc().migrate()).isFalse();
        });
  }

  @Test
  void the_quota_property_reaches_the_service() {
    withCloud.withPropertyValues("imago.max-private-images-per-region=1").run(context -> {
      ImageService images = context.getBean(ImageService.class);
      images.createImage(ACME_CALLER, TestCloud.webImage());
      assertThatThrownBy(() -> images.createImage(ACME_CALLER, TestCloud.webImage()))
          .isInstanceOfSatisfying(ImagePolicyException.class, denied ->
              assertThat(denied.decision().codes()).contains(RuleCode.CREATE_QUOTA));
    });
  }

  @Test
  void without_properties_the_limits_are_the_catalogues() {
    withCloud.run(context -> {
      ImagoProperties properties = context.getBean(ImagoProperties.class);
      assertThat(properties.toSettings()).isEqualTo(PolicySettings.defaults());
      assertThat(properties.maxAttempts()).isEqualTo(5);
      assertThat(properties.jdbc().migrate()).isTrue();
    });
  }

  @Test
  void every_rule_bean_of_the_application_judges_the_service_s_commands() {
    withCloud.withUserConfiguration(SharesStayInTheFamily.class).run(context -> {
      ImageService images = context.getBean(ImageService.class);
      ImageRecord image = images.createImage(ACME_CALLER, TestCloud.webImage());
      images.reportProgress(image.id(), ImageStatus.ACTIVE);

      assertThatThrownBy(() -> images.share(ACME_CALLER, image.id(), List.of(GLOBEX)))
          .isInstanceOfSatisfying(ImagePolicyException.class, denied ->
              assertThat(denied.decision().codes())
                  .containsExactly(SharesStayInTheFamily.CODE));
    });
  }

  @Test
  void the_applications_clock_times_the_records() {
    withCloud.withUserConfiguration(FixedClock.class).run(context -> {
      ImageRecord image = context.getBean(ImageService.class).createImage(ACME_CALLER,
          TestCloud.webImage());
      assertThat(image.createdAt()).isEqualTo(FixedClock.NOW);
    });
  }

  @Test
  void every_command_listener_bean_sees_the_calls() {
    withCloud.withUserConfiguration(Recorder.class).run(context -> {
      context.getBean(ImageService.class).createImage(ACME_CALLER, TestCloud.webImage());
      assertThat(context.getBean(Recorder.class).seen)
          .extracting(CommandObservation::action).containsExactly(ActionKind.CREATE);
    });
  }

  @Test
  void an_image_service_of_the_applications_turns_the_auto_configuration_off(
      CapturedOutput output) {
    // No directories: the auto-configuration would fail if it did not step aside.
    runner.withUserConfiguration(OwnService.class).run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context.getBean(ImageService.class)).isSameAs(OwnService.SERVICE);
      assertThat(context).doesNotHaveBean(InMemoryImageStore.class);
      assertThat(context).doesNotHaveBean(ImagoProperties.class);
    });
    assertThat(output).doesNotContain(IN_MEMORY_WARNING);
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnStore {
    static final InMemoryImageStore STORE = new InMemoryImageStore();

    @Bean
    ImageStore ownStore() {
      return STORE;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class SourcesOnly {
    @Bean
    SourceDirectory sources() {
      return new TestCloud().sources();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class TenantsOnly {
    @Bean
    TenantDirectory tenants() {
      return new TestCloud().tenants();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class NeedsARunnable {
    @Bean
    String needsARunnable(Runnable runnable) {
      return "never";
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class FixedClock {
    static final Instant NOW = Instant.parse("2030-01-02T03:04:05Z");

    @Bean
    Clock clock() {
      return Clock.fixed(NOW, ZoneOffset.UTC);
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Recorder implements CommandListener {
    final List<CommandObservation> seen = new ArrayList<>();

    @Override
    public void onCommand(CommandObservation observation) {
      seen.add(observation);
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnService {
    static final ImageService SERVICE = Imago.builder().store(new InMemoryImageStore())
        .tenants(new InMemoryTenantDirectory()).build();

    @Bean
    ImageService ownService() {
      return SERVICE;
    }
  }

  /** A host rule: images are shared only within the owner's family, which here is nobody. */
  @Configuration(proxyBeanMethods = false)
  static class SharesStayInTheFamily {
    static final RuleCode CODE = RuleCode.of("FAMILY_SHARE_ONLY");

    @Bean
    Rule sharesStayInTheFamily() {
      return new Rule() {
        @Override
        public RuleCode code() {
          return CODE;
        }

        @Override
        public Set<ActionKind> actions() {
          return Set.of(ActionKind.SHARE);
        }

        @Override
        public void check(Context context, Consumer<Violation> violations) {
          violations.accept(Violation.of(CODE, Category.FORBIDDEN,
              "images are shared within the family only", "recipients"));
        }
      };
    }
  }
}
