package dev.imago.spring;

import dev.imago.spi.ImageStore;
import dev.imago.store.jdbc.ImagoSchema;
import dev.imago.store.jdbc.JdbcImageStore;
import dev.imago.store.memory.InMemoryImageStore;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The stores {@link ImagoAutoConfiguration} may make when the application has none, imported in
 * order of preference. They are nested here rather than in the auto-configuration, whose own
 * member classes Spring would read before its imports, in an order of its own.
 */
final class StoreConfigurations {
  private static final Logger LOG = LoggerFactory.getLogger(ImagoAutoConfiguration.class);

  private StoreConfigurations() {}

  /**
   * The PostgreSQL store over the application's {@code DataSource}, when {@code
   * image-jdbc-store} is on the class path; with {@code imago.jdbc.migrate} (on by default) it
   * applies Imago's schema first.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "dev.imago.store.jdbc.JdbcImageStore")
  @ConditionalOnBean(DataSource.class)
  static class Jdbc {
    @Bean
    @ConditionalOnMissingBean(ImageStore.class)
    JdbcImageStore imagoJdbcStore(DataSource dataSource, ImagoProperties properties) {
      if (properties.jdbc().migrate()) {
        int version = ImagoSchema.migrate(dataSource);
        LOG.info("Imago's schema is at version {} (imago.jdbc.migrate)", version);
      }
      return new JdbcImageStore(dataSource);
    }

    @Bean
    @ConditionalOnBean(JdbcImageStore.class)
    SchemaCheck imagoSchemaCheck(DataSource dataSource) {
      // A new store reads the schema version and refuses any but its own, naming both.
      return () -> {
        new JdbcImageStore(dataSource);
        return ImagoSchema.VERSION;
      };
    }
  }

  /** The store of last resort: in memory, when the application has no store and no database. */
  @Configuration(proxyBeanMethods = false)
  static class Memory {
    @Bean
    @ConditionalOnMissingBean(ImageStore.class)
    InMemoryImageStore imagoInMemoryStore() {
      LOG.warn("Imago keeps its images in memory (InMemoryImageStore): they are lost when the"
          + " application stops. Define an ImageStore bean, or add image-jdbc-store and a"
          + " DataSource, to keep them.");
      return new InMemoryImageStore();
    }
  }
}
