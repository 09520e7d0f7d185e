package dev.imago.benchmarks;

/**
 * Which page of a viewer's listing a benchmark asks for: the first or one deep in the middle of
 * everything the viewer sees, each with or without filters.
 */
public enum ListingPage {
  FIRST(false, false),
  DEEP(true, false),
  FIRST_FILTERED(false, true),
  DEEP_FILTERED(true, true);

  final boolean deep;
  /** Only ACTIVE system-disk images. */
  final boolean filtered;

  ListingPage(boolean deep, boolean filtered) {
    this.deep = deep;
    this.filtered = filtered;
  }
}
