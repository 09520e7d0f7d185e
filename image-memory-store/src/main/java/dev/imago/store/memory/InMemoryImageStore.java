package dev.imago.store.memory;

import dev.imago.spi.ImageChange;
import dev.imago.spi.ImageEvent;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageQuery;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.ImageStore;
import dev.imago.spi.InputException;
import dev.imago.spi.Inputs;
import dev.imago.spi.Listings;
import dev.imago.spi.Page;
import dev.imago.spi.PageCursor;
import dev.imago.spi.QuotaExceededException;
import dev.imago.spi.RegionId;
import dev.imago.spi.StoredEvent;
import dev.imago.spi.TenantId;
import dev.imago.spi.VersionConflictException;
import dev.imago.store.memory.internal.Guard;
import dev.imago.store.memory.internal.Listing;
import dev.imago.store.memory.internal.QueryFilter;
import dev.imago.store.memory.internal.SortKey;
import dev.imago.store.memory.internal.TenantIds;
import dev.imago.store.memory.internal.VisibilityIndex;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Imago's embedded {@link ImageStore}: every image and event in memory, nothing persisted.
 *
 * <p>Listings are indexed: the images are filed by owner, by member and membership status, and
 * PUBLIC and MARKET images by region, each bucket sorted in the listing orders, so a page costs
 * the page and a logarithm, not a scan (filters other than visibility are applied while reading).
 * Cursors are the SPI's {@link PageCursor}s. The owned count for the quota is the size of an index
 * bucket.
 *
 * <p>The store keeps one tenant id object per tenant: a saved record whose owner or members carry
 * other objects for the same ids is kept as an equal copy that uses the store's, so {@link
 * #load(ImageId)} returns a record equal to the one saved, not always the same object.
 *
 * <p>Thread-safe: one read-write lock guards the state, so saves are atomic, with their version,
 * quota and unchanged-image checks, and no load, page or count sees half of one. Loading one image
 * takes no lock: the record is published last. Several {@code ImageService}s may share one store,
 * as several hosts share a database.
 */
public final class InMemoryImageStore implements ImageStore {
  private final Guard guard = new Guard();
  // Concurrent, so that load() reads it without the lock; save() writes it last (see there).
  private final Map<ImageId, ImageRecord> records = new ConcurrentHashMap<>();
  private final VisibilityIndex index = new VisibilityIndex();
  private final TenantIds tenantIds = new TenantIds();
  private final List<StoredEvent> log = new ArrayList<>();
  // The images in recycle bins, in purge order, so that a purge reads only the expired ones.
  private final NavigableSet<ImageRecord> recycled = new TreeSet<>(Listings.PURGE_ORDER);

  /** Creates an empty store. */
  public InMemoryImageStore() {}

  /**
   * {@inheritDoc}
   *
   * @throws InputException if {@code id} is absent (rule {@code INPUT_VALUE})
   */
  @Override
  public Optional<ImageRecord> load(ImageId id) {
    Inputs.present(id, "id");
    return Optional.ofNullable(records.get(id));
  }

  /**
   * {@inheritDoc}
   *
   * @throws VersionConflictException if the stored image, or one of the unchanged images, has
   *     another version; nothing was written
   * @throws QuotaExceededException if the save would pass the owned limit; nothing was written
   * @throws InputException if the change is absent; nothing was written
   */
  @Override
  public void save(ImageChange change) {
    Inputs.present(change, "change");
    long expectedVersion = change.expectedVersion();
    ImageRecord kept = tenantIds.share(change.record());
    guard.write(() -> {
      ImageRecord stored = records.get(kept.id());
      if (versionOf(stored) != expectedVersion) {
        throw new VersionConflictException(kept.id(), expectedVersion);
      }
      for (Map.Entry<ImageId, Long> unchanged : change.unchangedImages().entrySet()) {
        if (versionOf(records.get(unchanged.getKey())) != unchanged.getValue()) {
          throw new VersionConflictException(unchanged.getKey(), unchanged.getValue());
        }
      }
      if (change.ownedLimit().isPresent() && kept.isCountedInQuota()
          && (stored == null || !stored.isCountedInQuota())) {
        TenantId owner = kept.owner().orElseThrow();
        long limit = change.ownedLimit().getAsLong();
        if (index.countOwned(owner, kept.region()) >= limit) {
          throw new QuotaExceededException(owner, kept.region(), limit);
        }
      }
      if (stored == null) {
        index.add(kept);
      } else {
        index.replace(stored, kept);
        if (stored.status() == ImageStatus.RECYCLED) {
          recycled.remove(stored);
        }
      }
      if (kept.status() == ImageStatus.RECYCLED) {
        recycled.add(kept);
      }
      for (ImageEvent event : change.events()) {
        log.add(StoredEvent.of(log.size() + 1L, event));
      }
      // Last, as the save's moment: a load that sees the new record comes after everything else
      // the save did, and any read that takes the lock waits until the save is done.
      records.put(kept.id(), kept);
    });
  }

  private static long versionOf(ImageRecord stored) {
    return stored == null ? 0 : stored.version();
  }

  /**
   * {@inheritDoc}
   *
   * @throws InputException if the cursor was not returned by the same query of the same viewer
   *     (rule {@code INPUT_PAGE}), or the query is absent
   */
  @Override
  public Page<ImageRecord> listVisible(ImageQuery query) {
    Inputs.present(query, "query");
    SortKey after = SortKey.after(PageCursor.decode(query).orElse(null), query.sort());
    QueryFilter filter = QueryFilter.of(query);
    int pageSize = query.pageSize();
    return guard.read(() -> {
      Listing listing = index.listing(query, after);
      List<ImageRecord> items = new ArrayList<>(pageSize);
      for (ImageRecord record = listing.next(); record != null; record = listing.next()) {
        if (filter.matches(record)) {
          if (items.size() == pageSize) {
            // One more image passes: the page is full and another follows.
            return Page.of(items, Optional.of(PageCursor.encode(query, items.get(pageSize - 1))));
          }
          items.add(record);
        }
      }
      return Page.of(items, Optional.empty());
    });
  }

  /**
   * {@inheritDoc}
   *
   * @throws InputException if an argument is absent (rule {@code INPUT_VALUE})
   */
  @Override
  public long countOwned(TenantId owner, RegionId region) {
    Inputs.present(owner, "owner");
    Inputs.present(region, "region");
    return guard.read(() -> index.countOwned(owner, region));
  }

  /**
   * {@inheritDoc}
   *
   * @throws InputException if {@code purgeBy} is absent or {@code limit} below 1 (rule {@code
   *     INPUT_VALUE})
   */
  @Override
  public List<ImageRecord> listExpired(Instant purgeBy, int limit) {
    Inputs.present(purgeBy, "purgeBy");
    Inputs.range(limit, 1, Integer.MAX_VALUE, "limit");
    return guard.read(() -> {
      List<ImageRecord> expired = new ArrayList<>();
      for (ImageRecord record : recycled) {
        if (expired.size() == limit || !record.recycling().get().isExpiredAt(purgeBy)) {
          break;
        }
        expired.add(record);
      }
      return expired;
    });
  }

  /**
   * {@inheritDoc}
   *
   * @throws InputException if {@code afterSequence} is negative or {@code limit} below 1 (rule
   *     {@code INPUT_VALUE})
   */
  @Override
  public List<StoredEvent> events(long afterSequence, int limit) {
    Inputs.range(afterSequence, 0, Long.MAX_VALUE, "afterSequence");
    Inputs.range(limit, 1, Integer.MAX_VALUE, "limit");
    return guard.read(() -> {
      int from = (int) Math.min(afterSequence, log.size());
      int to = (int) Math.min(log.size(), (long) from + limit);
      return List.copyOf(log.subList(from, to));
    });
  }
}
