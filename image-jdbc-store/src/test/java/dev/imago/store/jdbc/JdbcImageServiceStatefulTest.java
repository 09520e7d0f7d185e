package dev.imago.store.jdbc;

import dev.imago.spi.ImageStore;
import dev.imago.testkit.ImageServiceStatefulContract;

/**
 * The stateful service contract, with its concurrent trials, unchanged, on PostgreSQL. It runs 100
 * sequences and trials by default, a third of the memory store's 300, which run the same model:
 * each sequence here costs a fresh schema's worth of round trips, and the whole build stays
 * within its time. {@code -Dimago.testkit.examples=N} runs more.
 */
class JdbcImageServiceStatefulTest extends ImageServiceStatefulContract {
  @Override
  protected ImageStore newStore() {
    return TestSchemas.emptyStore("stateful");
  }

  @Override
  protected int examples() {
    return Integer.getInteger(EXAMPLES_PROPERTY, 100);
  }
}
