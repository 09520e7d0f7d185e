package dev.imago.spi;

import java.time.Instant;
import java.util.Comparator;

/**
 * The order of a listing: the one definition every store follows. Ties are broken by image id
 * (ids are ASCII, so their order is plain text order) so that pages are stable: ascending for
 * OLDEST_FIRST and NAME, descending for NEWEST_FIRST, which is the exact reverse of OLDEST_FIRST.
 * Names compare in Unicode code point order ({@link #compareNames}), which is the byte order of
 * their UTF-8 encoding: a PostgreSQL column with {@code COLLATE "C"} in a UTF8 database sorts the
 * same.
 */
public enum ImageSort {
  /** By creation time, newest first; ties by id, highest first. */
  NEWEST_FIRST,
  /** By creation time, oldest first; ties by id, lowest first. */
  OLDEST_FIRST,
  /** By name, in Unicode code point order; ties by id, lowest first. */
  NAME;

  /**
   * Compares two listing keys in this order.
   *
   * @param left a key
   * @param right another key
   * @return negative, zero or positive as {@code left} is listed before, with or after {@code
   *     right}; zero only for keys of the same image
   */
  public int compare(ListingKey left, ListingKey right) {
    return compare(left.createdAt(), left.name(), left.id(),
        right.createdAt(), right.name(), right.id());
  }

  /**
   * Returns this order as a comparator of records.
   *
   * @return the comparator
   */
  public Comparator<ImageRecord> comparator() {
    return (left, right) -> compare(left.createdAt(), left.name(), left.id(),
        right.createdAt(), right.name(), right.id());
  }

  private int compare(Instant leftCreated, String leftName, ImageId leftId,
      Instant rightCreated, String rightName, ImageId rightId) {
    int order = switch (this) {
      case NEWEST_FIRST -> rightCreated.compareTo(leftCreated);
      case OLDEST_FIRST -> leftCreated.compareTo(rightCreated);
      case NAME -> compareNames(leftName, rightName);
    };
    if (order != 0) {
      return order;
    }
    int byId = leftId.value().compareTo(rightId.value());
    return this == NEWEST_FIRST ? -byId : byId;
  }

  /**
   * Compares two texts in Unicode code point order. {@link String#compareTo} compares UTF-16
   * units instead, which puts supplementary characters (emoji, rare CJK) before U+E000..U+FFFF.
   *
   * @param left a text
   * @param right another text
   * @return negative, zero or positive as {@code left} comes before, with or after {@code right}
   */
  public static int compareNames(String left, String right) {
    int length = Math.min(left.length(), right.length());
    for (int i = 0; i < length; i++) {
      char a = left.charAt(i);
      char b = right.charAt(i);
      if (a != b) {
        // Only where surrogates meet other units does UTF-16 order differ from code points.
        if (Character.isSurrogate(a) != Character.isSurrogate(b)) {
          return Character.isSurrogate(a) ? 1 : -1;
        }
        return a - b;
      }
    }
    return left.length() - right.length();
  }
}
