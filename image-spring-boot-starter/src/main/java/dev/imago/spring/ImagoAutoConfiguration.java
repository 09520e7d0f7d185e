package dev.imago.spring;

import dev.imago.core.CommandListener;
import dev.imago.core.ImageService;
import dev.imago.core.Imago;
import dev.imago.core.policy.Rule;
import dev.imago.spi.ImageStore;
import dev.imago.spi.InputException;
import dev.imago.spi.SourceDirectory;
import dev.imago.spi.TenantDirectory;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Gives the application an {@link ImageService} made of its own beans: its {@link
 * TenantDirectory} and {@link SourceDirectory} (both required), its {@link ImageStore} if it has
 * one, every {@link Rule} bean as a host rule, its {@link Clock} if it has one, every {@link
 * CommandListener} bean, and the {@code imago.*} properties ({@link ImagoProperties}).
 *
 * <p>Without an {@code ImageStore} of the application's, the store is the PostgreSQL one over the
 * application's {@code DataSource} when {@code image-jdbc-store} is on the class path, and the
 * in-memory store otherwise, which keeps nothing across restarts and says so in the log.
 *
 * <p>An application that defines its own {@code ImageService} turns all of this off.
 */
@AutoConfiguration(
    afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnMissingBean(ImageService.class)
@EnableConfigurationProperties(ImagoProperties.class)
// In this order: the PostgreSQL store when it can be had, the in-memory one otherwise.
@Import({StoreConfigurations.Jdbc.class, StoreConfigurations.Memory.class})
public class ImagoAutoConfiguration {
  /** Creates the auto-configuration; Spring Boot does. */
  public ImagoAutoConfiguration() {}

  /**
   * Builds the service from the application's beans and the properties.
   *
   * @param store where images are kept
   * @param tenants the application's tenant directory
   * @param sources the application's source directory
   * @param properties the {@code imago.*} properties
   * @param clock the application's clock, if it has one
   * @param rules the application's rules, in their order
   * @param listeners who sees each call, in their order (the metrics binding among them)
   * @return the service
   * @throws org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException
   *     if a property is out of its range
   */
  @Bean
  public ImageService imageService(ImageStore store, TenantDirectory tenants,
      SourceDirectory sources, ImagoProperties properties, ObjectProvider<Clock> clock,
      ObjectProvider<Rule> rules, ObjectProvider<CommandListener> listeners) {
    Imago.Builder builder = Imago.builder()
        .store(store)
        .tenants(tenants)
        .sources(sources)
        .settings(properties.toSettings());
    try {
      builder.maxAttempts(properties.maxAttempts());
    } catch (InputException invalid) {
      throw ImagoProperties.asPropertyError(invalid);
    }
    clock.ifAvailable(builder::clock);
    rules.orderedStream().forEach(builder::addRule);
    listeners.orderedStream().forEach(builder::listener);
    return builder.build();
  }
}
