package dev.imago.store.memory.internal;

import dev.imago.spi.ImageClass;
import dev.imago.spi.ImageQuery;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageSort;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.MembershipStatus;
import dev.imago.spi.RegionId;
import dev.imago.spi.TenantId;
import dev.imago.spi.Visibility;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;

/**
 * The non-deleted images, filed under every reason they are visible for: by owner, by member
 * and membership status, and PUBLIC and MARKET images by region. Each bucket keeps its images in
 * the listing orders, so a listing reads a few buckets from a position instead of scanning.
 *
 * <p>Not thread-safe: the store guards it.
 */
public final class VisibilityIndex {
  private final Map<Bucket, OrderedImages> buckets = new HashMap<>();

  /**
   * Files a record under every bucket it belongs to; a DELETED record belongs to none.
   *
   * @param record the record
   */
  public void add(ImageRecord record) {
    SortKey key = SortKey.of(record);
    for (Bucket bucket : bucketsOf(record)) {
      buckets.computeIfAbsent(bucket, unused -> new OrderedImages()).add(key);
    }
  }

  /**
   * Removes a record from every bucket {@link #add(ImageRecord)} filed it under.
   *
   * @param record the record as it was added
   */
  public void remove(ImageRecord record) {
    SortKey key = SortKey.of(record);
    for (Bucket bucket : bucketsOf(record)) {
      removeFrom(bucket, key);
    }
  }

  private void removeFrom(Bucket bucket, SortKey key) {
    OrderedImages images = buckets.get(bucket);
    images.remove(key);
    if (images.isEmpty()) {
      buckets.remove(bucket);
    }
  }

  /**
   * Files a changed record in place of its stored version. A change that keeps the image's place
   * in the listing orders only moves it between the buckets that differ: accepting or revoking
   * one membership of an image with 128 members touches one or two buckets, not 129 twice.
   *
   * @param stored the record as it was added
   * @param record its new version
   */
  public void replace(ImageRecord stored, ImageRecord record) {
    SortKey key = SortKey.of(record);
    if (!key.equals(SortKey.of(stored))) {
      remove(stored);
      add(record);
      return;
    }
    Set<Bucket> before = new HashSet<>(bucketsOf(stored));
    Set<Bucket> after = new HashSet<>(bucketsOf(record));
    for (Bucket bucket : before) {
      if (!after.contains(bucket)) {
        removeFrom(bucket, key);
      }
    }
    for (Bucket bucket : after) {
      if (!before.contains(bucket)) {
        buckets.computeIfAbsent(bucket, unused -> new OrderedImages()).add(key);
      }
    }
  }

  /**
   * Counts the non-deleted images a tenant owns in a region.
   *
   * @param owner the tenant
   * @param region the region
   * @return the count
   */
  public long countOwned(TenantId owner, RegionId region) {
    OrderedImages owned = buckets.get(new Bucket.Owned(owner, region));
    return owned == null ? 0 : owned.size();
  }

  /**
   * Returns the keys of the images a query may list, in the query's order, each once, starting
   * after {@code after}. The caller still applies the query's filters.
   *
   * @param query the query
   * @param after the last key already listed, if any
   * @return the keys, lazily merged from the query's buckets
   */
  public Iterator<SortKey> keys(ImageQuery query, Optional<SortKey> after) {
    ImageSort sort = query.sort();
    Optional<String> namePrefix = sort == ImageSort.NAME ? query.namePrefix() : Optional.empty();
    List<Iterator<SortKey>> sources = new ArrayList<>();
    for (Bucket bucket : bucketsFor(query)) {
      OrderedImages images = buckets.get(bucket);
      if (images != null) {
        NavigableSet<SortKey> ordered = images.in(sort);
        if (after.isPresent()) {
          ordered = ordered.tailSet(after.get(), false);
        } else if (namePrefix.isPresent()) {
          ordered = ordered.tailSet(SortKey.lowestNamed(namePrefix.get()), true);
        }
        sources.add(ordered.iterator());
      }
    }
    Iterator<SortKey> merged = new DistinctMerge(sources, SortKey.order(sort));
    // Names with a prefix are contiguous in NAME order: the first name without it ends them.
    return namePrefix.isEmpty() ? merged : new WhileNamed(merged, namePrefix.get());
  }

  private static List<Bucket> bucketsOf(ImageRecord record) {
    if (record.status() == ImageStatus.DELETED) {
      return List.of();
    }
    RegionId region = record.region();
    List<Bucket> places = new ArrayList<>();
    record.owner().ifPresent(owner -> places.add(new Bucket.Owned(owner, region)));
    if (record.imageClass() == ImageClass.PUBLIC) {
      places.add(new Bucket.Public(region));
    } else if (record.imageClass() == ImageClass.MARKET) {
      places.add(new Bucket.Market(region));
    }
    record.members().values().forEach(membership ->
        places.add(new Bucket.SharedWith(membership.tenant(), region, membership.status())));
    return places;
  }

  private static List<Bucket> bucketsFor(ImageQuery query) {
    TenantId viewer = query.viewer();
    RegionId region = query.region();
    List<Bucket> places = new ArrayList<>();
    for (Visibility reason : query.include()) {
      switch (reason) {
        case OWN -> places.add(new Bucket.Owned(viewer, region));
        case PUBLIC -> places.add(new Bucket.Public(region));
        case MARKET -> places.add(new Bucket.Market(region));
        case SHARED -> {
          for (MembershipStatus status : query.membership()) {
            places.add(new Bucket.SharedWith(viewer, region, status));
          }
        }
      }
    }
    return places;
  }
}
