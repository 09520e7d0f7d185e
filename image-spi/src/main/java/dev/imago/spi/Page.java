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
   * @throws InputException if the items, one of them or the cursor is absent (rule {@code
   *     INPUT_VALUE})
   */
  public static <T> Page<T> of(List<T> items, Optional<String> nextCursor) {
    // The constructor copies the items once into a list of their size; a builder would grow its
    // list step by step and copy it again on build, on every page a store returns.
    return ImmutablePage.of(
        Inputs.present(items, "items"), Inputs.present(nextCursor, "nextCursor"));
  }

  /**
   * Returns the items on this page, in order.
   *
   * @return the items
   */
  @Value.Parameter
  public abstract List<T> items();

  /**
   * Returns the opaque cursor that reads the next page; empty on the last page.
   *
   * @return the next cursor
   */
  @Value.Parameter
  public abstract Optional<String> nextCursor();

  @Value.Check
  void check() {
    Inputs.presentElements(items(), "items");
  }
}
