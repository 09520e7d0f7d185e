package dev.imago.store.memory;

import dev.imago.spi.ImageStore;
import dev.imago.testkit.ImageServiceRetiringContract;

class InMemoryImageServiceRetiringTest extends ImageServiceRetiringContract {
  @Override
  protected ImageStore newStore() {
    return new InMemoryImageStore();
  }
}
