package dev.imago.store.memory.service;

import static dev.imago.store.memory.service.World.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imago.core.policy.PolicySettings;
import dev.imago.spi.ImageChange;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.StoreException;
import dev.imago.spi.StoredEvent;
import dev.imago.spi.TenantId;
import dev.imago.store.memory.InMemoryImageStore;
import dev.imago.testkit.ForwardingImageStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A storage failure during a save is reported as such and leaves the earlier state. */
class StoreFaultTest {
  /** Passes everything to the memory store, but can make the next save fail. */
  static final class FailingStore extends ForwardingImageStore {
    volatile boolean failNextSave;

    FailingStore() {
      super(new InMemoryImageStore());
    }

    @Override
    public void save(ImageChange change) {
      if (failNextSave) {
        failNextSave = false;
        // Not one of Imago's exceptions: the service still reports a StoreException.
        throw new IllegalStateException("disk full");
      }
      super.save(change);
    }
  }

  @Test
  void a_failing_save_is_reported_as_a_store_exception_and_leaves_the_earlier_state() {
    FailingStore store = new FailingStore();
    World world = new World(PolicySettings.defaults(), store);
    ImageRecord image = world.activeSystemDiskImage("fragile");
    TenantId other = world.addTenant("hooli-north", NORTH);
    List<StoredEvent> eventsBefore = store.events(0, 1000);

    store.failNextSave = true;
    assertThatThrownBy(() -> world.images.share(acme(), image.id(), List.of(GLOBEX, other)))
        .isInstanceOf(StoreException.class);

    assertThat(store.load(image.id())).contains(image);
    assertThat(store.events(0, 1000)).isEqualTo(eventsBefore);
    assertThat(world.images.share(acme(), image.id(), List.of(GLOBEX, other)).added())
        .containsExactly(GLOBEX, other);
  }
}
