package dev.imago.store.memory.internal;

import dev.imago.spi.ImageRecord;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The images of a listing, merged from the buckets it reads in the listing's order, each once
 * (an image visible for two reasons sits in two buckets), up to the first whose name lacks the
 * listing's name prefix, if it has one.
 */
public final class Listing {
  private final SortedChunks.Reader[] sources;
  private final boolean byName;
  private final boolean descending;
  private final @Nullable String namePrefix;
  private boolean over;

  Listing(List<SortedChunks.Reader> sources, boolean byName, boolean descending,
      @Nullable String namePrefix) {
    this.sources = sources.toArray(new SortedChunks.Reader[0]);
    this.byName = byName;
    this.descending = descending;
    this.namePrefix = namePrefix;
  }

  /**
   * Returns the next image's record.
   *
   * @return the record, or {@code null} once the listing is over
   */
  public @Nullable ImageRecord next() {
    if (over) {
      return null;
    }
    // A listing reads a handful of buckets: a linear pick beats a heap.
    @Nullable IndexedImage first = null;
    for (SortedChunks.Reader source : sources) {
      IndexedImage candidate = source.current();
      if (candidate != null && (first == null || comesBefore(candidate, first))) {
        first = candidate;
      }
    }
    if (first == null) {
      return null;
    }
    for (SortedChunks.Reader source : sources) {
      // The buckets of an image share its one IndexedImage: identity finds the same image.
      if (source.current() == first) {
        source.advance();
      }
    }
    // Names with a prefix are contiguous in NAME order: the first name without it ends them.
    if (namePrefix != null && !first.name.startsWith(namePrefix)) {
      over = true;
      return null;
    }
    return first.record();
  }

  private boolean comesBefore(IndexedImage candidate, IndexedImage first) {
    int order = SortKey.compare(byName, candidate, first);
    return descending ? order > 0 : order < 0;
  }
}
