package dev.imago.store.jdbc;

import dev.imago.spi.ImageStore;
import dev.imago.testkit.ImageStoreContract;

/** The store contract, unchanged, on PostgreSQL. */
class JdbcImageStoreTest extends ImageStoreContract {
  @Override
  protected ImageStore newStore() {
    return TestSchemas.emptyStore("contract");
  }
}
