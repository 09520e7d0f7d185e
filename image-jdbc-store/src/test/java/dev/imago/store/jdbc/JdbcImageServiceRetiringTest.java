package dev.imago.store.jdbc;

import dev.imago.spi.ImageStore;
import dev.imago.testkit.ImageServiceRetiringContract;

/** The retiring rules through the service, unchanged, on PostgreSQL. */
class JdbcImageServiceRetiringTest extends ImageServiceRetiringContract {
  @Override
  protected ImageStore newStore() {
    return TestSchemas.emptyStore("retiring");
  }
}
