package dev.imago.testkit;

import dev.imago.spi.ImageChange;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageQuery;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageStore;
import dev.imago.spi.Inputs;
import dev.imago.spi.Listings;
import dev.imago.spi.Page;
import dev.imago.spi.QuotaExceededException;
import dev.imago.spi.RegionId;
import dev.imago.spi.StoredEvent;
import dev.imago.spi.TenantId;
import dev.imago.spi.VersionConflictException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simplest store a host could write against the SPI: a map under one lock, and listings by
 * scanning through {@link Listings#page}. It passes the same contracts as the indexed stores.
 */
final class ScanningImageStore implements ImageStore {
  private final Map<ImageId, ImageRecord> records = new LinkedHashMap<>();
  private final List<StoredEvent> log = new ArrayList<>();

  @Override
  public synchronized Optional<ImageRecord> load(ImageId id) {
    return Optional.ofNullable(records.get(Inputs.present(id, "id")));
  }

  @Override
  public synchronized void save(ImageChange change) {
    Inputs.present(change, "change");
    ImageRecord record = change.record();
    ImageRecord stored = records.get(record.id());
    if (versionOf(stored) != change.expectedVersion()) {
      throw new VersionConflictException(record.id(), change.expectedVersion());
    }
    change.unchangedImages().forEach((id, version) -> {
      if (versionOf(records.get(id)) != version) {
        throw new VersionConflictException(id, version);
      }
    });
    if (change.ownedLimit().isPresent() && record.isCountedInQuota()
        && (stored == null || !stored.isCountedInQuota())) {
      TenantId owner = record.owner().orElseThrow();
      if (countOwned(owner, record.region()) >= change.ownedLimit().getAsLong()) {
        throw new QuotaExceededException(owner, record.region(), change.ownedLimit().getAsLong());
      }
    }
    records.put(record.id(), record);
    change.events().forEach(event -> log.add(StoredEvent.of(log.size() + 1L, event)));
  }

  @Override
  public synchronized Page<ImageRecord> listVisible(ImageQuery query) {
    return Listings.page(Inputs.present(query, "query"), records.values());
  }

  @Override
  public synchronized long countOwned(TenantId owner, RegionId region) {
    Inputs.present(owner, "owner");
    Inputs.present(region, "region");
    return records.values().stream()
        .filter(record -> record.isCountedInQuota() && record.isOwnedBy(owner)
            && record.region().equals(region))
        .count();
  }

  @Override
  public synchronized List<ImageRecord> listExpired(Instant purgeBy, int limit) {
    return Listings.expired(records.values(), purgeBy, limit);
  }

  @Override
  public synchronized List<StoredEvent> events(long afterSequence, int limit) {
    Inputs.range(afterSequence, 0, Long.MAX_VALUE, "afterSequence");
    Inputs.range(limit, 1, Integer.MAX_VALUE, "limit");
    int from = (int) Math.min(afterSequence, log.size());
    return List.copyOf(log.subList(from, (int) Math.min(log.size(), (long) from + limit)));
  }

  private static long versionOf(ImageRecord record) {
    return record == null ? 0 : record.version();
  }
}

