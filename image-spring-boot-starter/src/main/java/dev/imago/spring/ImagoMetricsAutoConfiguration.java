package dev.imago.spring;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Binds Imago's service to the application's Micrometer {@link MeterRegistry} through a {@link
 * MicrometerCommandListener}, which {@link ImagoAutoConfiguration} registers with the service as
 * it does every {@code CommandListener} bean. An application that defines its own {@code
 * MicrometerCommandListener} bean keeps it instead.
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"},
    before = ImagoAutoConfiguration.class)
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public class ImagoMetricsAutoConfiguration {
  /** Creates the auto-configuration; Spring Boot does. */
  public ImagoMetricsAutoConfiguration() {}

  /**
   * Records each call of the service in the registry.
   *
   * @param registry the application's registry
   * @param observations the application's observation registry, if it has one
   * @return the listener
   */
  @Bean
  @ConditionalOnMissingBean
  public MicrometerCommandListener imagoMetrics(MeterRegistry registry,
      ObjectProvider<ObservationRegistry> observations) {
    // With observations the calls are timed there (ImagoObservationAutoConfiguration).
    return new MicrometerCommandListener(registry, observations.getIfAvailable() == null);
  }
}
