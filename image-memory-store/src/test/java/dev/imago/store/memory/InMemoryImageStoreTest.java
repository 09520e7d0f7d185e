package dev.imago.store.memory;

import dev.imago.spi.ImageStore;
import dev.imago.testkit.ImageStoreContract;

class InMemoryImageStoreTest extends ImageStoreContract {
  @Override
  protected ImageStore newStore() {
    return new InMemoryImageStore();
  }
}
