package dev.imago.spring;

import dev.imago.spi.ImageStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Adds {@link ImagoHealthIndicator} as the {@code imago} health contributor when the application
 * has Spring Boot's health support ({@code spring-boot-health}, which the actuator brings). It
 * is off with {@code management.health.imago.enabled=false}, and an application bean named
 * {@code imagoHealthIndicator} replaces it.
 */
@AutoConfiguration(after = ImagoAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(ImageStore.class)
@ConditionalOnEnabledHealthIndicator("imago")
public class ImagoHealthAutoConfiguration {
  /** Creates the auto-configuration; Spring Boot does. */
  public ImagoHealthAutoConfiguration() {}

  /**
   * Checks the store, and the schema of the PostgreSQL store that Imago configured.
   *
   * @param store the store
   * @param schema the schema check of the PostgreSQL store, when Imago configured that store
   * @return the indicator
   */
  @Bean
  @ConditionalOnMissingBean(name = "imagoHealthIndicator")
  public ImagoHealthIndicator imagoHealthIndicator(ImageStore store,
      ObjectProvider<SchemaCheck> schema) {
    SchemaCheck check = schema.getIfAvailable();
    return new ImagoHealthIndicator(store, check == null ? null : check::version);
  }
}
