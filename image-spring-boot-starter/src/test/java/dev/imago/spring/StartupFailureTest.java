package dev.imago.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imago.spi.SourceDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What a developer reads when the application does not start: the failure analyses Spring Boot
 * prints, found through the jar's own registrations (auto-configuration imports and
 * spring.factories).
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTest {
  @Test
  void a_missing_tenant_directory_is_explained_instead_of_a_bare_missing_bean(
      CapturedOutput output) {
    assertThatThrownBy(() -> start(SourcesOnly.class)).isInstanceOf(Exception.class);

    assertThat(output).contains("APPLICATION FAILED TO START")
        .contains("Imago's ImageService needs a bean of type dev.imago.spi.TenantDirectory")
        .contains("Define a @Bean of type TenantDirectory")
        .doesNotContain("Consider defining a bean of type 'dev.imago.spi.TenantDirectory'");
  }

  @Test
  void a_limit_out_of_range_is_explained_with_its_property_and_range(CapturedOutput output) {
    assertThatThrownBy(() -> start(TestCloud.class,
        "--imago.max-private-images-per-region=-1")).isInstanceOf(Exception.class);

    assertThat(output).contains("APPLICATION FAILED TO START")
        .contains("Invalid value '-1' for configuration property"
            + " 'imago.max-private-images-per-region'")
        .contains("must be from 0 to 2147483647");
  }

  private static void start(Class<?> configuration, String... args) {
    new SpringApplicationBuilder(configuration, Application.class)
        .web(WebApplicationType.NONE)
        .run(args)
        .close();
  }

  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class Application {}

  @Configuration(proxyBeanMethods = false)
  static class SourcesOnly {
    @Bean
    SourceDirectory sources() {
      return new TestCloud().sources();
    }
  }
}
