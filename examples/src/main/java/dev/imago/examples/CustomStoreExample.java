package dev.imago.examples;

import static dev.imago.examples.DemoCloud.ACME;
import static dev.imago.examples.DemoCloud.ACME_SERVER;
import static dev.imago.examples.DemoCloud.GLOBEX;

import dev.imago.core.Caller;
import dev.imago.core.ImageService;
import dev.imago.core.Imago;
import dev.imago.core.policy.ImageSpec;
import dev.imago.core.policy.SourceRef;
import dev.imago.spi.ImageChange;
import dev.imago.spi.ImageEvent;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageQuery;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.ImageStore;
import dev.imago.spi.ImageType;
import dev.imago.spi.Page;
import dev.imago.spi.RegionId;
import dev.imago.spi.StoredEvent;
import dev.imago.spi.TenantId;
import dev.imago.store.memory.InMemoryImageStore;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The storage SPI from a host's side: a store decorator that counts what Imago asks of the store
 * and prints every save, wrapped around the in-memory store. A host's own store (a database, a
 * key-value service) implements the same six methods and proves itself with image-testkit.
 */
public final class CustomStoreExample {
  private CustomStoreExample() {}

  /** Counts the calls a store receives and prints each save with its events. */
  static final class CountingStore implements ImageStore {
    private final ImageStore delegate;
    private final PrintStream out;
    final AtomicLong loads = new AtomicLong();
    final AtomicLong saves = new AtomicLong();
    final AtomicLong queries = new AtomicLong();

    CountingStore(ImageStore delegate, PrintStream out) {
      this.delegate = delegate;
      this.out = out;
    }

    @Override
    public Optional<ImageRecord> load(ImageId id) {
      loads.incrementAndGet();
      return delegate.load(id);
    }

    @Override
    public void save(ImageChange change) {
      saves.incrementAndGet();
      delegate.save(change);
      ImageRecord record = change.record();
      out.println("   saved " + record.id() + " v" + record.version() + " (" + record.status()
          + ") with events " + change.events().stream().map(ImageEvent::type).toList());
    }

    @Override
    public Page<ImageRecord> listVisible(ImageQuery query) {
      queries.incrementAndGet();
      return delegate.listVisible(query);
    }

    @Override
    public long countOwned(TenantId owner, RegionId region) {
      queries.incrementAndGet();
      return delegate.countOwned(owner, region);
    }

    @Override
    public List<ImageRecord> listExpired(Instant purgeBy, int limit) {
      queries.incrementAndGet();
      return delegate.listExpired(purgeBy, limit);
    }

    @Override
    public List<StoredEvent> events(long afterSequence, int limit) {
      queries.incrementAndGet();
      return delegate.events(afterSequence, limit);
    }
  }

  /**
   * Runs the example and prints it.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    run(System.out);
  }

  private static void run(PrintStream out) {
    DemoCloud cloud = new DemoCloud();
    CountingStore store = new CountingStore(new InMemoryImageStore(), out);
    ImageService images = Imago.builder()
        .store(store)
        .tenants(cloud.tenants)
        .sources(cloud.sources)
        .idGenerator(new ReadableIds())
        .build();
    Caller acme = Caller.tenant(ACME);

    out.println(ACME + " creates an image, the pipeline activates it, " + ACME + " shares it:");
    ImageRecord image = images.createImage(acme, ImageSpec.builder().name("base")
        .type(ImageType.SYSTEM_DISK).source(SourceRef.server(ACME_SERVER)).build());
    images.reportProgress(image.id(), ImageStatus.ACTIVE);
    images.share(acme, image.id(), List.of(GLOBEX));
    images.listSharedWithMe(Caller.tenant(GLOBEX),
        java.util.EnumSet.of(dev.imago.spi.MembershipStatus.PENDING), 100);
    out.println("The store saw " + store.loads + " loads, " + store.saves + " saves and "
        + store.queries + " queries; the event log holds " + images.events(0, 100).size()
        + " events.");
  }
}
