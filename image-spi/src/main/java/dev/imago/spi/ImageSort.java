package dev.imago.spi;

/**
 * The order of a listing. Ties are broken by image id so that pages are stable: ascending for
 * OLDEST_FIRST and NAME, descending for NEWEST_FIRST, which is the exact reverse of OLDEST_FIRST.
 */
public enum ImageSort {
  /** By creation time, newest first. */
  NEWEST_FIRST,
  /** By creation time, oldest first. */
  OLDEST_FIRST,
  /** By name, in Unicode code point order. */
  NAME;
}
