package dev.imago.spring;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Binds Imago's service to the application's Micrometer {@link ObservationRegistry} through an
 * {@link ObservationCommandListener}, which {@link ImagoAutoConfiguration} registers with the
 * service as it does every {@code CommandListener} bean: a timer per action and outcome through
 * the registry's meter handler, and a span per call with a tracer. An application that defines
 * its own {@code ObservationCommandListener} bean keeps it instead.
 */
@AutoConfiguration(afterName =
    "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
    before = ImagoAutoConfiguration.class)
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean(ObservationRegistry.class)
public class ImagoObservationAutoConfiguration {
  /** Creates the auto-configuration; Spring Boot does. */
  public ImagoObservationAutoConfiguration() {}

  /**
   * Observes each call of the service.
   *
   * @param registry the application's observation registry
   * @return the listener
   */
  @Bean
  @ConditionalOnMissingBean
  public ObservationCommandListener imagoObservations(ObservationRegistry registry) {
    return new ObservationCommandListener(registry);
  }
}
