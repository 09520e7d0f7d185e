package dev.imago.testkit;

import dev.imago.spi.ImageStore;

/** The SPI's listing definitions make a store of a few lines pass the store contract. */
class ScanningImageStoreTest extends ImageStoreContract {
  @Override
  protected ImageStore newStore() {
    return new ScanningImageStore();
  }

  @Override
  protected int propertyExamples() {
    return 50;
  }
}
