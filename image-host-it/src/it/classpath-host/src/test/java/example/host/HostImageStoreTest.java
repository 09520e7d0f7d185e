package example.host;

import dev.imago.spi.ImageStore;
import dev.imago.testkit.ImageStoreContract;

class HostImageStoreTest extends ImageStoreContract {
  @Override
  protected ImageStore newStore() {
    return new HostImageStore();
  }
}
