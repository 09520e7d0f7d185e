package dev.imago.spi;

import org.immutables.value.Value;

/**
 * Which of the images a tenant sees to list, and how: the reasons for visibility and the
 * membership statuses that count, the filters, the order and the page. A host asks {@code
 * ImageService.listVisible} with a filter; the service adds the caller as viewer and its region,
 * which makes the store's {@link ImageQuery}.
 *
 * <p>To read the next page, ask again with the same filter and the page's cursor: {@code
 * filter.withCursor(page.nextCursor())}.
 */
@Value.Immutable
public abstract class ImageFilter extends ListingAttributes implements WithImageFilter {
  /** The largest page (rule {@code INPUT_PAGE}). */
  public static final int MAX_PAGE_SIZE = 1000;
  /** The page size when none is given. */
  public static final int DEFAULT_PAGE_SIZE = 100;

  ImageFilter() {}

  /**
   * Returns a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the filter that lists every image a tenant sees, newest first, 100 to a page.
   *
   * @return the default filter
   */
  public static ImageFilter all() {
    return builder().build();
  }

  /** Builds an {@code ImageFilter}; {@code build()} checks it. */
  public static final class Builder extends ImmutableImageFilter.Builder {
    Builder() {}
  }
}
