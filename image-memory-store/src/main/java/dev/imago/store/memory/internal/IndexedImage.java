package dev.imago.store.memory.internal;

import dev.imago.spi.ImageRecord;

/**
 * An image as the index files it: its sort key inline and its current record. Every bucket the
 * image is filed under holds this same object, so a listing reads the record without looking it
 * up again, an image reached through two buckets is recognised by identity, and a save that keeps
 * the image's place replaces the record here once instead of in every bucket.
 */
final class IndexedImage extends SortKey {
  private ImageRecord record;

  IndexedImage(ImageRecord record) {
    super(record.createdAt(), record.id().value(), record.name());
    this.record = record;
  }

  ImageRecord record() {
    return record;
  }

  /**
   * Takes a new version of the record, which must keep the image's place in the orders.
   *
   * @param next the new version
   */
  void update(ImageRecord next) {
    record = next;
  }
}
