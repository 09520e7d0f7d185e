package dev.imago.store.memory.internal;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Images kept sorted in one order, in a row of short sorted arrays (chunks): a position is found
 * by two binary searches (the chunk, then the place in it) and a listing reads on from it through
 * contiguous arrays. An insertion or removal moves at most one chunk's elements and, when a chunk
 * splits, merges or empties, the row's references to chunks.
 *
 * <p>Far denser than a tree of nodes: about one reference per image, where a red-black tree
 * spends a 40-byte node. Not thread-safe: the store guards it.
 */
final class SortedChunks {
  /** The most images a chunk holds. */
  static final int MAX_CHUNK = 64;
  private static final int FIRST_CAPACITY = 2;

  private final boolean byName;
  private IndexedImage[][] chunks = new IndexedImage[1][];
  private int[] counts = new int[1];
  private int chunkCount;
  private int size;

  /**
   * Creates an empty list.
   *
   * @param byName {@code true} to keep NAME order, {@code false} creation-time order
   */
  SortedChunks(boolean byName) {
    this.byName = byName;
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /**
   * Adds an image, which must not be in the list yet.
   *
   * @param image the image
   */
  void add(IndexedImage image) {
    if (chunkCount == 0) {
      IndexedImage[] first = new IndexedImage[FIRST_CAPACITY];
      first[0] = image;
      insertChunk(0, first, 1);
      size++;
      return;
    }
    int chunk = Math.min(firstChunkReaching(image, false), chunkCount - 1);
    int index = indexIn(chunk, image, false);
    if (counts[chunk] == MAX_CHUNK) {
      if (index == MAX_CHUNK && chunk == chunkCount - 1) {
        // Appending past the last full chunk, as images arrive in creation order: a new chunk
        // keeps the full one full, where halving it would leave every chunk half empty.
        insertChunk(chunkCount, new IndexedImage[FIRST_CAPACITY], 0);
        chunk++;
        index = 0;
      } else {
        split(chunk);
        if (index > counts[chunk]) {
          index -= counts[chunk];
          chunk++;
        }
      }
    }
    if (counts[chunk] == chunks[chunk].length) {
      chunks[chunk] = Arrays.copyOf(chunks[chunk], Math.min(MAX_CHUNK, counts[chunk] * 2));
    }
    IndexedImage[] images = chunks[chunk];
    System.arraycopy(images, index, images, index + 1, counts[chunk] - index);
    images[index] = image;
    counts[chunk]++;
    size++;
  }

  /**
   * Removes the image at a key.
   *
   * @param key the image's key
   * @return the image removed, or {@code null} when none was at that key
   */
  @Nullable IndexedImage remove(SortKey key) {
    int chunk = firstChunkReaching(key, false);
    if (chunk == chunkCount) {
      return null;
    }
    int index = indexIn(chunk, key, false);
    IndexedImage[] images = chunks[chunk];
    IndexedImage found = images[index];
    if (SortKey.compare(byName, found, key) != 0) {
      return null;
    }
    int count = --counts[chunk];
    System.arraycopy(images, index + 1, images, index, count - index);
    images[count] = null;
    size--;
    if (count == 0) {
      removeChunk(chunk);
    } else if (chunk + 1 < chunkCount && count + counts[chunk + 1] <= MAX_CHUNK / 2) {
      mergeWithNext(chunk);
    } else if (chunk > 0 && counts[chunk - 1] + count <= MAX_CHUNK / 2) {
      mergeWithNext(chunk - 1);
    }
    return found;
  }

  /**
   * Returns the image at a key.
   *
   * @param key the image's key
   * @return the image, or {@code null} when none is at that key
   */
  @Nullable IndexedImage find(SortKey key) {
    int chunk = firstChunkReaching(key, false);
    if (chunk == chunkCount) {
      return null;
    }
    IndexedImage found = chunks[chunk][indexIn(chunk, key, false)];
    return SortKey.compare(byName, found, key) == 0 ? found : null;
  }

  /**
   * Returns a reader from the first image, or from the first image at or after (with {@code
   * inclusive}) or after a key, onwards.
   *
   * @param from the key, or {@code null} to start at the first image
   * @param inclusive whether an image at {@code from} is read
   * @return the reader
   */
  Reader ascending(@Nullable SortKey from, boolean inclusive) {
    if (from == null) {
      return new Reader(this, 0, 0, false);
    }
    int chunk = firstChunkReaching(from, !inclusive);
    int index = chunk == chunkCount ? 0 : indexIn(chunk, from, !inclusive);
    return new Reader(this, chunk, index, false);
  }

  /**
   * Returns a reader from the last image, or from the last image before a key, backwards.
   *
   * @param before the key, or {@code null} to start at the last image
   * @return the reader
   */
  Reader descending(@Nullable SortKey before) {
    int chunk = before == null ? chunkCount : firstChunkReaching(before, false);
    int index = chunk == chunkCount ? 0 : indexIn(chunk, before, false);
    // One step back from the first image at or after the key.
    if (index == 0) {
      chunk--;
      index = chunk < 0 ? 0 : counts[chunk];
    }
    return new Reader(this, chunk, index - 1, true);
  }

  /**
   * Returns the first chunk whose last image comes after {@code key} ({@code strict}) or at or
   * after it; {@code chunkCount} when there is none.
   */
  private int firstChunkReaching(SortKey key, boolean strict) {
    int low = 0;
    int high = chunkCount;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (reaches(chunks[middle][counts[middle] - 1], key, strict)) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    return low;
  }

  /** Returns the first index in a chunk whose image reaches {@code key}, or its count. */
  private int indexIn(int chunk, SortKey key, boolean strict) {
    IndexedImage[] images = chunks[chunk];
    int low = 0;
    int high = counts[chunk];
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (reaches(images[middle], key, strict)) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    return low;
  }

  private boolean reaches(SortKey image, SortKey key, boolean strict) {
    int order = SortKey.compare(byName, image, key);
    return strict ? order > 0 : order >= 0;
  }

  private void split(int chunk) {
    IndexedImage[] images = chunks[chunk];
    int half = counts[chunk] / 2;
    int moved = counts[chunk] - half;
    IndexedImage[] right = Arrays.copyOfRange(images, half, counts[chunk]);
    Arrays.fill(images, half, counts[chunk], null);
    counts[chunk] = half;
    insertChunk(chunk + 1, right, moved);
  }

  private void mergeWithNext(int chunk) {
    int count = counts[chunk];
    int nextCount = counts[chunk + 1];
    IndexedImage[] images = chunks[chunk];
    if (images.length < count + nextCount) {
      images = Arrays.copyOf(images, count + nextCount);
      chunks[chunk] = images;
    }
    System.arraycopy(chunks[chunk + 1], 0, images, count, nextCount);
    counts[chunk] = count + nextCount;
    removeChunk(chunk + 1);
  }

  private void insertChunk(int at, IndexedImage[] images, int count) {
    if (chunkCount == chunks.length) {
      chunks = Arrays.copyOf(chunks, chunkCount * 2);
      counts = Arrays.copyOf(counts, chunkCount * 2);
    }
    System.arraycopy(chunks, at, chunks, at + 1, chunkCount - at);
    System.arraycopy(counts, at, counts, at + 1, chunkCount - at);
    chunks[at] = images;
    counts[at] = count;
    chunkCount++;
  }

  private void removeChunk(int at) {
    chunkCount--;
    System.arraycopy(chunks, at + 1, chunks, at, chunkCount - at);
    System.arraycopy(counts, at + 1, counts, at, chunkCount - at);
    chunks[chunkCount] = null;
    counts[chunkCount] = 0;
  }

  /**
   * Reads the images one by one from a position, forwards or backwards. It reads the list as it
   * was when the reader was made: the list must not change while it is read.
   */
  static final class Reader {
    private final SortedChunks list;
    private final boolean backwards;
    private int chunk;
    private int index;
    private @Nullable IndexedImage current;

    private Reader(SortedChunks list, int chunk, int index, boolean backwards) {
      this.list = list;
      this.chunk = chunk;
      this.index = index;
      this.backwards = backwards;
      this.current = at();
    }

    /** Returns the image the reader is at, or {@code null} once it has read them all. */
    @Nullable IndexedImage current() {
      return current;
    }

    /** Moves to the next image in the reader's direction. */
    void advance() {
      if (backwards) {
        if (--index < 0 && --chunk >= 0) {
          index = list.counts[chunk] - 1;
        }
      } else if (++index == list.counts[chunk]) {
        chunk++;
        index = 0;
      }
      current = at();
    }

    private @Nullable IndexedImage at() {
      return chunk >= 0 && chunk < list.chunkCount && index >= 0 && index < list.counts[chunk]
          ? list.chunks[chunk][index] : null;
    }
  }
}
