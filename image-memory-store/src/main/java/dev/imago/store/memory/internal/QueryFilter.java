package dev.imago.store.memory.internal;

import dev.imago.spi.ImageQuery;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.OsFacts;
import dev.imago.spi.OsType;
import dev.imago.spi.Platform;
import dev.imago.spi.TenantId;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The filters of a query other than visibility, which the index already answers, read once from
 * the query so that testing a record reads only the record's fields a filter sets.
 */
public final class QueryFilter {
  private static final long ANY = -1L;

  private final long types;
  private final long statuses;
  private final @Nullable OsType osType;
  private final @Nullable Platform platform;
  private final @Nullable String namePrefix;
  private final @Nullable String tagKey;
  private final @Nullable String tagValue;
  private final TenantId viewer;
  // Null when deprecated images are listed: no record is hidden for being deprecated.
  private final @Nullable Instant deprecatedBy;
  // A listing by family reads the family's bucket, which holds what others may not see.
  private final @Nullable ImageQuery visibleTo;

  private QueryFilter(ImageQuery query) {
    this.viewer = query.viewer();
    this.visibleTo = query.family().isPresent() ? query : null;
    this.deprecatedBy = query.includeDeprecated() ? null : query.asOf().orElse(null);
    this.types = query.types().isEmpty() ? ANY : mask(query.types());
    this.statuses = query.statuses().isEmpty() ? ANY : mask(query.statuses());
    this.osType = query.osType().orElse(null);
    this.platform = query.platform().orElse(null);
    this.namePrefix = query.namePrefix().orElse(null);
    this.tagKey = query.tagKey().orElse(null);
    this.tagValue = query.tagValue().orElse(null);
  }

  /**
   * Returns the filter of a query.
   *
   * @param query the query
   * @return its filter
   */
  public static QueryFilter of(ImageQuery query) {
    return new QueryFilter(query);
  }

  /**
   * Returns a set of enum constants as a bit mask of their ordinals, which is the same for equal
   * sets whatever their order.
   *
   * @param values the constants, of an enum with at most 64 constants
   * @return the mask
   */
  static long mask(Set<? extends Enum<?>> values) {
    long mask = 0;
    for (Enum<?> value : values) {
      mask |= 1L << value.ordinal();
    }
    return mask;
  }

  /**
   * Tells whether a record passes every filter of the query.
   *
   * @param record a record visible to the query's viewer
   * @return {@code true} when the record is listed
   */
  public boolean matches(ImageRecord record) {
    if (visibleTo != null) {
      return visibleTo.matches(record);
    }
    return (types == ANY || (types & 1L << record.type().ordinal()) != 0)
        && (statuses == ANY || (statuses & 1L << record.status().ordinal()) != 0)
        && (osType == null || record.os().map(OsFacts::osType).orElse(null) == osType)
        && (platform == null || record.os().map(OsFacts::platform).orElse(null) == platform)
        && (namePrefix == null || record.name().startsWith(namePrefix))
        && (tagKey == null || hasTag(record, tagKey))
        && (deprecatedBy == null || record.deprecation().isEmpty()
            || !record.isDeprecatedAt(deprecatedBy) || record.isOwnedBy(viewer));
  }

  private boolean hasTag(ImageRecord record, String key) {
    String actual = record.tags().get(key);
    return actual != null && (tagValue == null || actual.equals(tagValue));
  }
}
