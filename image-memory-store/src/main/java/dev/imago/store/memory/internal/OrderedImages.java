package dev.imago.store.memory.internal;

import org.jspecify.annotations.Nullable;

/** The images of one index bucket, kept in both orders a listing may ask for. */
final class OrderedImages {
  private final SortedChunks byCreated = new SortedChunks(false);
  private final SortedChunks byName = new SortedChunks(true);

  void add(IndexedImage image) {
    byCreated.add(image);
    byName.add(image);
  }

  void remove(IndexedImage image) {
    byCreated.remove(image);
    byName.remove(image);
  }

  int size() {
    return byCreated.size();
  }

  boolean isEmpty() {
    return byCreated.isEmpty();
  }

  /**
   * Returns the image filed at the place of a key, if any.
   *
   * @param key the key, with its creation time and id
   * @return the image, or {@code null}
   */
  @Nullable IndexedImage find(SortKey key) {
    return byCreated.find(key);
  }

  /** Returns the images in NAME order. */
  SortedChunks byName() {
    return byName;
  }

  /** Returns the images in creation-time order. */
  SortedChunks byCreated() {
    return byCreated;
  }
}
