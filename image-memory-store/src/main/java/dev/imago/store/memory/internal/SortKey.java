package dev.imago.store.memory.internal;

import dev.imago.spi.ImageId;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageSort;
import java.time.Instant;
import java.util.Comparator;

/**
 * Where an image stands in the orders of a listing. Each order compares one field and breaks
 * ties by image id, so two keys compare equal exactly when they name the same image.
 *
 * @param id the image
 * @param name the image's name, compared in NAME order
 * @param createdAt the image's creation time, compared in the creation-time orders
 */
public record SortKey(ImageId id, String name, Instant createdAt) {
  /** By creation time, then id. */
  static final Comparator<SortKey> BY_CREATED =
      Comparator.comparing(SortKey::createdAt).thenComparing(SortKey::idValue);
  /** By name in code point order, then id. */
  static final Comparator<SortKey> BY_NAME =
      Comparator.comparing(SortKey::name, SortKey::compareCodePoints)
          .thenComparing(SortKey::idValue);

  // "0" sorts before every other id: ids start with a letter or digit, and '0' is the lowest.
  private static final ImageId LOWEST_ID = ImageId.of("0");

  /**
   * Returns the key of a record.
   *
   * @param record the record
   * @return its key
   */
  public static SortKey of(ImageRecord record) {
    return new SortKey(record.id(), record.name(), record.createdAt());
  }

  /**
   * Returns a key that sorts, in NAME order, at or before every image whose name is at least
   * {@code name}.
   *
   * @param name the name
   * @return the lowest key with that name
   */
  static SortKey lowestNamed(String name) {
    return new SortKey(LOWEST_ID, name, Instant.EPOCH);
  }

  /**
   * Returns the order of a sort.
   *
   * @param sort the sort
   * @return the comparator that lists keys in that order
   */
  public static Comparator<SortKey> order(ImageSort sort) {
    return switch (sort) {
      case NEWEST_FIRST -> BY_CREATED.reversed();
      case OLDEST_FIRST -> BY_CREATED;
      case NAME -> BY_NAME;
    };
  }

  private String idValue() {
    return id.value();
  }

  // String.compareTo compares UTF-16 units, which puts supplementary characters before
  // U+E000..U+FFFF; the listing promises code point order.
  private static int compareCodePoints(String left, String right) {
    int i = 0;
    int j = 0;
    while (i < left.length() && j < right.length()) {
      int a = left.codePointAt(i);
      int b = right.codePointAt(j);
      if (a != b) {
        return Integer.compare(a, b);
      }
      i += Character.charCount(a);
      j += Character.charCount(b);
    }
    return Boolean.compare(i < left.length(), j < right.length());
  }
}
