package example.host;

import dev.imago.core.policy.PolicySettings;
import dev.imago.spi.ImageStore;
import dev.imago.spring.ImagoProperties;
import dev.imago.store.jdbc.ImagoSchema;
import dev.imago.store.jdbc.JdbcImageStore;
import javax.sql.DataSource;

/**
 * What a host on PostgreSQL and a Spring Boot host write against Imago's other published
 * modules, compiled as strictly as the rest: the schema applied and the store made over the
 * host's pool, and the limits read from the {@code imago.*} properties.
 */
final class HostWiring {
  private HostWiring() {}

  static ImageStore postgres(DataSource dataSource) {
    ImagoSchema.migrate(dataSource);
    return new JdbcImageStore(dataSource);
  }

  static PolicySettings limits(ImagoProperties properties) {
    return properties.toSettings();
  }
}
