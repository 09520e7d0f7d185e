package dev.imago.store.memory.internal;

import dev.imago.spi.ImageSort;
import java.util.NavigableSet;
import java.util.TreeSet;

/** The images of one index bucket, kept in both orders a listing may ask for. */
final class OrderedImages {
  private final NavigableSet<SortKey> byCreated = new TreeSet<>(SortKey.BY_CREATED);
  private final NavigableSet<SortKey> byName = new TreeSet<>(SortKey.BY_NAME);

  void add(SortKey key) {
    byCreated.add(key);
    byName.add(key);
  }

  void remove(SortKey key) {
    byCreated.remove(key);
    byName.remove(key);
  }

  int size() {
    return byCreated.size();
  }

  boolean isEmpty() {
    return byCreated.isEmpty();
  }

  /** Returns a view of the images in the order of {@code sort}. */
  NavigableSet<SortKey> in(ImageSort sort) {
    return switch (sort) {
      case NEWEST_FIRST -> byCreated.descendingSet();
      case OLDEST_FIRST -> byCreated;
      case NAME -> byName;
    };
  }
}
