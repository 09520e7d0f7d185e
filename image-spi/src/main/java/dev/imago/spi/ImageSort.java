package dev.imago.spi;

/** The order of a listing; ties are broken by image id so that pages are stable. */
public enum ImageSort {
  /** By creation time, newest first. */
  NEWEST_FIRST,
  /** By creation time, oldest first. */
  OLDEST_FIRST,
  /** By name, in Unicode code point order. */
  NAME;
}
