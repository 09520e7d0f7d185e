package dev.imago.store.memory.internal;

import dev.imago.spi.Family;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

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
    List<Bucket> places = bucketsOf(record);
    if (places.isEmpty()) {
      return;
    }
    IndexedImage image = new IndexedImage(record);
    for (Bucket bucket : places) {
      buckets.computeIfAbsent(bucket, unused -> new OrderedImages()).add(image);
    }
  }

  private void removeFrom(Bucket bucket, IndexedImage image) {
    OrderedImages images = buckets.get(bucket);
    images.remove(image);
    if (images.isEmpty()) {
      buckets.remove(bucket);
    }
  }

  /**
   * Files a changed record in place of its stored version. A change that keeps the image's place
   * in the listing orders takes the new record in the one object all its buckets share, and only
   * moves it between the buckets that differ: accepting or revoking one membership of an image
   * with 128 members touches one or two buckets, not 129 twice.
   *
   * @param stored the record as it was added
   * @param record its new version
   */
  public void replace(ImageRecord stored, ImageRecord record) {
    List<Bucket> before = bucketsOf(stored);
    // Every filed image is in its owner's bucket or, when PUBLIC, its region's: look there.
    @Nullable IndexedImage image = before.isEmpty() ? null
        : buckets.get(before.get(0)).find(SortKey.created(stored.createdAt(), stored.id()));
    if (image == null) {
      add(record);
      return;
    }
    if (!stored.createdAt().equals(record.createdAt()) || !stored.name().equals(record.name())) {
      for (Bucket bucket : before) {
        removeFrom(bucket, image);
      }
      add(record);
      return;
    }
    image.update(record);
    Set<Bucket> was = new HashSet<>(before);
    Set<Bucket> is = new HashSet<>(bucketsOf(record));
    for (Bucket bucket : was) {
      if (!is.contains(bucket)) {
        removeFrom(bucket, image);
      }
    }
    for (Bucket bucket : is) {
      if (!was.contains(bucket)) {
        buckets.computeIfAbsent(bucket, unused -> new OrderedImages()).add(image);
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
   * Returns the images a query may list, in the query's order, each once, starting after {@code
   * after}. The caller still applies the query's filters.
   *
   * @param query the query
   * @param after the key of the last image already listed, or {@code null} to start at the first
   * @return the images, lazily merged from the query's buckets; valid until the index changes
   */
  public Listing listing(ImageQuery query, @Nullable SortKey after) {
    ImageSort sort = query.sort();
    boolean byName = sort == ImageSort.NAME;
    boolean descending = sort == ImageSort.NEWEST_FIRST;
    @Nullable String namePrefix = byName ? query.namePrefix().orElse(null) : null;
    @Nullable SortKey from =
        after == null && namePrefix != null ? SortKey.lowestNamed(namePrefix) : after;
    List<SortedChunks.Reader> sources = new ArrayList<>();
    for (Bucket bucket : bucketsFor(query)) {
      OrderedImages images = buckets.get(bucket);
      if (images != null) {
        sources.add(descending ? images.byCreated().descending(from)
            : (byName ? images.byName() : images.byCreated()).ascending(from, after == null));
      }
    }
    return new Listing(sources, byName, descending, namePrefix);
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
    if (record.family().isPresent()
        && (record.owner().isPresent() || record.imageClass() == ImageClass.PUBLIC)) {
      places.add(new Bucket.InFamily(record.owner().orElse(null), region, record.family().get()));
    }
    return places;
  }

  private static List<Bucket> bucketsFor(ImageQuery query) {
    TenantId viewer = query.viewer();
    RegionId region = query.region();
    if (query.family().isPresent()) {
      Family family = query.family().get();
      return List.of(new Bucket.InFamily(family.owner().orElse(null), region, family.name()));
    }
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
