/**
 * Imago's embedded storage: an indexed, thread-safe {@link dev.imago.spi.ImageStore} and
 * in-memory tenant and source directories.
 */
module dev.imago.store.memory {
  requires transitive dev.imago.spi;
  requires static org.jspecify;

  exports dev.imago.store.memory;
}
