package dev.imago.testkit;

import dev.imago.spi.ImageChange;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageQuery;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageStore;
import dev.imago.spi.Page;
import dev.imago.spi.RegionId;
import dev.imago.spi.StoredEvent;
import dev.imago.spi.TenantId;
import java.util.List;
import java.util.Optional;

/**
 * Fails one chosen call to the host's ports (the store and both directories) with an exception
 * that is none of Imago's, as a broken connection would: the service must report it as a {@code
 * StoreException} and change nothing. Used from one thread at a time.
 */
final class PortFaults {
  private int countdown;
  private boolean fired;

  /** Arms the faults: the {@code call}-th port call from now fails; 0 fails none. */
  void arm(int call) {
    countdown = call;
    fired = false;
  }

  /** Lets every later call pass. */
  void disarm() {
    countdown = 0;
  }

  /** Whether the armed call came and failed. */
  boolean fired() {
    return fired;
  }

  /** Counts a call to a port, and fails it when it is the chosen one. */
  void pass(String port) {
    if (countdown > 0 && --countdown == 0) {
      fired = true;
      throw new IllegalStateException("injected failure of " + port);
    }
  }

  /** The store, with every call counted before it is passed on. */
  ImageStore around(ImageStore store) {
    return new ForwardingImageStore(store) {
      @Override
      public Optional<ImageRecord> load(ImageId id) {
        pass("load");
        return super.load(id);
      }

      @Override
      public void save(ImageChange change) {
        pass("save");
        super.save(change);
      }

      @Override
      public Page<ImageRecord> listVisible(ImageQuery query) {
        pass("listVisible");
        return super.listVisible(query);
      }

      @Override
      public long countOwned(TenantId owner, RegionId region) {
        pass("countOwned");
        return super.countOwned(owner, region);
      }

      @Override
      public List<StoredEvent> events(long afterSequence, int limit) {
        pass("events");
        return super.events(afterSequence, limit);
      }
    };
  }
}
