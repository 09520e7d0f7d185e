package dev.imago.spi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Listing by scanning, for a store that keeps few images or answers queries with no index: the
 * SPI's definitions of the listed set ({@link ImageQuery#matches}), the order ({@link ImageSort})
 * and the cursor ({@link PageCursor}) put together. A page costs a pass over every image, so an
 * indexed store pages from its indexes instead, with the same definitions.
 */
public final class Listings {
  /** The order of {@link ImageStore#listExpired}: the earliest purge time first, ties by id. */
  public static final Comparator<ImageRecord> PURGE_ORDER = Comparator
      .<ImageRecord, Instant>comparing(record -> record.recycling().orElseThrow().purgeAt())
      .thenComparing(record -> record.id().value());
  private Listings() {}

  /**
   * Returns the page of a query among the given images.
   *
   * @param query the query, with its cursor and page size
   * @param records every image of the store, in any order and of any status
   * @return the page: the images the query lists after its cursor, in its order, and the cursor
   *     of the next page when more follow
   * @throws InputException if an argument is absent, or the cursor is not this query's (field
   *     {@code cursor}, rule {@code INPUT_PAGE})
   */
  public static Page<ImageRecord> page(ImageQuery query, Iterable<ImageRecord> records) {
    Inputs.present(query, "query");
    Inputs.present(records, "records");
    Optional<ListingKey> after = PageCursor.decode(query);
    ImageSort sort = query.sort();
    List<ImageRecord> listed = new ArrayList<>();
    for (ImageRecord record : records) {
      if (query.matches(record)
          && (after.isEmpty() || sort.compare(ListingKey.of(record), after.get()) > 0)) {
        listed.add(record);
      }
    }
    listed.sort(sort.comparator());
    if (listed.size() <= query.pageSize()) {
      return Page.of(listed, Optional.empty());
    }
    List<ImageRecord> items = listed.subList(0, query.pageSize());
    return Page.of(items, Optional.of(PageCursor.encode(query, items.get(items.size() - 1))));
  }
  /**
   * Returns the images whose retention in a recycle bin has ended, as {@link
   * ImageStore#listExpired} lists them, among the given images.
   *
   * @param records every image of the store, in any order and of any status
   * @param purgeBy the moment
   * @param limit the largest number of images to return, at least 1
   * @return the RECYCLED images whose purge time is not after {@code purgeBy}, the earliest purge
   *     time first (ties by id), at most {@code limit}
   * @throws InputException if an argument is absent (field {@code records} or {@code purgeBy})
   *     or {@code limit} is below 1 (field {@code limit})
   */
  public static List<ImageRecord> expired(Iterable<ImageRecord> records, Instant purgeBy,
      int limit) {
    Inputs.present(records, "records");
    Inputs.present(purgeBy, "purgeBy");
    Inputs.range(limit, 1, Integer.MAX_VALUE, "limit");
    List<ImageRecord> expired = new ArrayList<>();
    for (ImageRecord record : records) {
      if (record.recycling().filter(recycling -> recycling.isExpiredAt(purgeBy)).isPresent()) {
        expired.add(record);
      }
    }
    expired.sort(PURGE_ORDER);
    return List.copyOf(expired.subList(0, Math.min(limit, expired.size())));
  }
}
