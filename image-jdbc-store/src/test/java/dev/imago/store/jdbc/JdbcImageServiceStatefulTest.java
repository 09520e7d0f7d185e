package dev.imago.store.jdbc;

import dev.imago.spi.ImageStore;
import dev.imago.testkit.ImageServiceStatefulContract;

/** The stateful service contract, with its concurrent trials, unchanged, on PostgreSQL. */
class JdbcImageServiceStatefulTest extends ImageServiceStatefulContract {
  @Override
  protected ImageStore newStore() {
    return TestSchemas.emptyStore("stateful");
  }
}
