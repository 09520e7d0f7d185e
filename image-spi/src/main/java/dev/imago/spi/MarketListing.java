package dev.imago.spi;

import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * An image's listing in the marketplace: FREE when it has no price, PAID when it has one (rule
 * {@code MARKET_PRICE}). The seller is the image's owner.
 */
@Value.Immutable
public abstract class MarketListing {
  MarketListing() {}

  /**
   * Returns a free listing.
   *
   * @param publishedAt when the image was published
   * @return the listing
   * @throws InputException if the time is absent
   */
  public static MarketListing free(Instant publishedAt) {
    return ImmutableMarketListing.builder().publishedAt(publishedAt).build();
  }

  /**
   * Returns a paid listing.
   *
   * @param price the price
   * @param publishedAt when the image was published
   * @return the listing
   * @throws InputException if the price or the time is absent
   */
  public static MarketListing paid(Price price, Instant publishedAt) {
    Inputs.present(price, "listing.price");
    return ImmutableMarketListing.builder().price(price).publishedAt(publishedAt).build();
  }

  /**
   * Returns the price of a paid listing.
   *
   * @return the price, or empty for a free listing
   */
  public abstract Optional<Price> price();

  /**
   * Returns when the image was published.
   *
   * @return the publication time
   */
  public abstract Instant publishedAt();

  /**
   * Tells whether using the image costs a fee.
   *
   * @return {@code true} for a paid listing
   */
  public boolean isPaid() {
    return price().isPresent();
  }

  @Value.Check
  void check() {
    Inputs.present(publishedAt(), "listing.publishedAt");
  }
}
