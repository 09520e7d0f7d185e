package dev.imago.store.memory;

import dev.imago.spi.ImageStore;
import dev.imago.testkit.ImageServiceStatefulContract;

class InMemoryImageServiceStatefulTest extends ImageServiceStatefulContract {
  @Override
  protected ImageStore newStore() {
    return new InMemoryImageStore();
  }
}
