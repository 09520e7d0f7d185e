package dev.imago.store.memory.internal;

import dev.imago.spi.ImageQuery;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.OsFacts;
import java.util.Optional;

/** The filters of a query other than visibility, which the index already answers. */
public final class QueryFilter {
  private QueryFilter() {}

  /**
   * Tells whether a record passes every filter a query sets.
   *
   * @param query the query
   * @param record a record visible to the query's viewer
   * @return {@code true} when the record is listed
   */
  public static boolean matches(ImageQuery query, ImageRecord record) {
    return (query.types().isEmpty() || query.types().contains(record.type()))
        && (query.statuses().isEmpty() || query.statuses().contains(record.status()))
        && matchesIfSet(query.osType(), record.os().map(OsFacts::osType))
        && matchesIfSet(query.platform(), record.os().map(OsFacts::platform))
        && query.namePrefix().map(prefix -> record.name().startsWith(prefix)).orElse(true)
        && query.tagKey().map(key -> hasTag(record, key, query.tagValue())).orElse(true);
  }

  private static <T> boolean matchesIfSet(Optional<T> wanted, Optional<T> actual) {
    return wanted.isEmpty() || wanted.equals(actual);
  }

  private static boolean hasTag(ImageRecord record, String key, Optional<String> value) {
    String actual = record.tags().get(key);
    return actual != null && value.map(actual::equals).orElse(true);
  }
}
