package example.host;

import dev.imago.store.memory.InMemoryImageStore;
import dev.imago.testkit.ForwardingImageStore;

/**
 * The host's own store, as small as a store can be: a decorator of the memory store, as a host
 * wraps its store with caching or metrics. Kept without overrides so that it follows the SPI.
 */
final class HostImageStore extends ForwardingImageStore {
  HostImageStore() {
    super(new InMemoryImageStore());
  }
}
