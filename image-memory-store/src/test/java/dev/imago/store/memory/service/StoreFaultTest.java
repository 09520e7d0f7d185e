package dev.imago.store.memory.service;

import static dev.imago.store.memory.service.World.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imago.core.policy.PolicySettings;
import dev.imago.spi.ImageEvent;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.StoreException;
import dev.imago.spi.StoredEvent;
import dev.imago.spi.TenantId;
import dev.imago.store.memory.InMemoryImageStore;
import dev.imago.testkit.ForwardingImageStore;
import java.util.AbstractList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A storage failure during a save leaves the earlier state and no events. */
class StoreFaultTest {
  /** Passes everything to the memory store, but can make the next save fail half-way. */
  static final class FailingStore extends ForwardingImageStore {
    volatile boolean failNextSave;

    FailingStore() {
      super(new InMemoryImageStore());
    }

    @Override
    public void save(ImageRecord record, long expectedVersion, List<ImageEvent> events) {
      if (!failNextSave) {
        super.save(record, expectedVersion, events);
        return;
      }
      failNextSave = false;
      // The store reads the first event, then the storage "fails" on the second.
      super.save(record, expectedVersion, new AbstractList<>() {
        @Override
        public ImageEvent get(int index) {
          if (index > 0) {
            throw new IllegalStateException("disk full");
          }
          return events.get(0);
        }

        @Override
        public int size() {
          return Math.max(2, events.size());
        }
      });
    }
  }

  @Test
  void a_save_failing_half_way_leaves_the_earlier_state_and_no_events() {
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
