package dev.imago.spi;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One page of a listing.
 *
 * @param <T> what is listed
 */
@Value.Immutable
public abstract class Page<T> {
  Page() {}

  /**
   * Returns a page.
   *
   * @param <T> what is listed
   * @param items the items, in order
   * @param nextCursor the cursor of the next page, or empty on the last page
   * @return the page
   */
  public static <T> Page<T> of(List<T> items, Optional<String> nextCursor) {
    return ImmutablePage.<T>builder().items(items).nextCursor(nextCursor).build();
  }

  /**
   * Returns the items on this page, in order.
   *
   * @return the items
   */
  public abstract List<T> items();

  /**
   * Returns the opaque cursor that reads the next page; empty on the last page.
   *
   * @return the next cursor
   */
  public abstract Optional<String> nextCursor();

  @Value.Check
  void check() {
    Inputs.presentElements(items(), "items");
  }
}
