package dev.imago.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Listing by scanning, for a store that keeps few images or answers queries with no index: the
 * SPI's definitions of the listed set ({@link ImageQuery#matches}), the order ({@link ImageSort})
 * and the cursor ({@link PageCursor}) put together. A page costs a pass over every image, so an
 * indexed store pages from its indexes instead, with the same definitions.
 */
public final class Listings {
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
}
