package dev.imago.store.memory.internal;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/** The keys of a source up to the first one whose name does not start with a prefix. */
final class WhileNamed implements Iterator<SortKey> {
  private final Iterator<SortKey> source;
  private final String prefix;
  private @Nullable SortKey upcoming;

  WhileNamed(Iterator<SortKey> source, String prefix) {
    this.source = source;
    this.prefix = prefix;
    this.upcoming = fetch();
  }

  @Override
  public boolean hasNext() {
    return upcoming != null;
  }

  @Override
  public SortKey next() {
    SortKey current = upcoming;
    if (current == null) {
      throw new NoSuchElementException();
    }
    upcoming = fetch();
    return current;
  }

  private @Nullable SortKey fetch() {
    if (!source.hasNext()) {
      return null;
    }
    SortKey key = source.next();
    return key.name().startsWith(prefix) ? key : null;
  }
}
