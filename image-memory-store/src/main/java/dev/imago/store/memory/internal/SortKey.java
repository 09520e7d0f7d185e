package dev.imago.store.memory.internal;

import dev.imago.spi.ImageId;
import dev.imago.spi.ImageSort;
import dev.imago.spi.ListingKey;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Where an image stands in the orders of a listing. Each order compares one field and breaks
 * ties by image id, so two keys compare equal exactly when they name the same image.
 *
 * <p>The creation time is kept as two numbers and the id as its text, so that ordering keys reads
 * no other object than the key and, for ties and names, its strings.
 */
public class SortKey {
  // "0" sorts before every other id: ids start with a letter or digit, and '0' is the lowest.
  private static final String LOWEST_ID = "0";

  final long createdSecond;
  final int createdNano;
  final String id;
  final String name;

  SortKey(Instant createdAt, String id, String name) {
    this.createdSecond = createdAt.getEpochSecond();
    this.createdNano = createdAt.getNano();
    this.id = id;
    this.name = name;
  }

  /**
   * Returns the key of an image in the creation-time orders; its name is left out.
   *
   * @param createdAt the image's creation time
   * @param id the image's id
   * @return the key
   */
  static SortKey created(Instant createdAt, ImageId id) {
    return new SortKey(createdAt, id.value(), "");
  }

  /**
   * Returns the key of an image in NAME order; its creation time is left out.
   *
   * @param name the image's name
   * @param id the image's id
   * @return the key
   */
  static SortKey named(String name, ImageId id) {
    return new SortKey(Instant.EPOCH, id.value(), name);
  }

  /**
   * Returns the key a listing in the given order continues after.
   *
   * @param key the key a cursor carries, or {@code null} for none
   * @param sort the listing's order
   * @return the key in this index's form, or {@code null} for none
   */
  public static @Nullable SortKey after(@Nullable ListingKey key, ImageSort sort) {
    if (key == null) {
      return null;
    }
    return sort == ImageSort.NAME
        ? named(key.name(), key.id()) : created(key.createdAt(), key.id());
  }

  /**
   * Returns a key that sorts, in NAME order, at or before every image whose name is at least
   * {@code name}.
   *
   * @param name the name
   * @return the lowest key with that name
   */
  static SortKey lowestNamed(String name) {
    return new SortKey(Instant.EPOCH, LOWEST_ID, name);
  }

  /**
   * Compares two keys in NAME order (by name in code point order, then id) or in creation-time
   * order (oldest first, then id).
   *
   * @param byName {@code true} for NAME order
   * @param left a key
   * @param right another key
   * @return negative, zero or positive as {@code left} comes before, with or after {@code right}
   */
  static int compare(boolean byName, SortKey left, SortKey right) {
    int order;
    if (byName) {
      order = ImageSort.compareNames(left.name, right.name);
    } else {
      order = Long.compare(left.createdSecond, right.createdSecond);
      if (order == 0) {
        order = Integer.compare(left.createdNano, right.createdNano);
      }
    }
    return order != 0 ? order : left.id.compareTo(right.id);
  }
}
