package example.host;

import dev.imago.spi.ImageStore;
import dev.imago.testkit.ImageServiceStatefulContract;

class HostImageServiceStatefulTest extends ImageServiceStatefulContract {
  @Override
  protected ImageStore newStore() {
    return new HostImageStore();
  }
}
