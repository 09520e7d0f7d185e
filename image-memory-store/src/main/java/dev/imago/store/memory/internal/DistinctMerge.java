package dev.imago.store.memory.internal;

import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * Merges sorted sources lazily into one sorted sequence in which each key appears once: an image
 * visible for two reasons sits in two sources under the same key.
 */
final class DistinctMerge implements Iterator<SortKey> {
  private final Comparator<SortKey> order;
  private final PriorityQueue<Head> heads;

  DistinctMerge(List<Iterator<SortKey>> sources, Comparator<SortKey> order) {
    this.order = order;
    this.heads = new PriorityQueue<>(Math.max(1, sources.size()),
        (left, right) -> order.compare(left.key, right.key));
    for (Iterator<SortKey> source : sources) {
      if (source.hasNext()) {
        heads.add(new Head(source));
      }
    }
  }

  @Override
  public boolean hasNext() {
    return !heads.isEmpty();
  }

  @Override
  public SortKey next() {
    if (heads.isEmpty()) {
      throw new NoSuchElementException();
    }
    SortKey smallest = heads.peek().key;
    while (!heads.isEmpty() && order.compare(heads.peek().key, smallest) == 0) {
      Head head = heads.poll();
      if (head.advance()) {
        heads.add(head);
      }
    }
    return smallest;
  }

  /** A source and the key it is at. */
  private static final class Head {
    private final Iterator<SortKey> source;
    private SortKey key;

    Head(Iterator<SortKey> source) {
      this.source = source;
      this.key = source.next();
    }

    boolean advance() {
      if (!source.hasNext()) {
        return false;
      }
      key = source.next();
      return true;
    }
  }
}
