package dev.imago.core.policy;

import dev.imago.spi.Inputs;
import dev.imago.spi.Price;

/**
 * One fee that using an image incurs (rule {@code USE_MARKET_TERMS}).
 *
 * @param kind what the fee is for
 * @param price the price
 */
public record Charge(Kind kind, Price price) {
  /** What a fee is for. */
  public enum Kind {
    /** The market seller's fee for the image. */
    IMAGE_FEE,
    /** The platform's fee for the server the image runs on. */
    SERVER_FEE
  }

  /**
   * Checks the parts.
   *
   * @throws dev.imago.spi.InputException if a part is absent
   */
  public Charge {
    Inputs.present(kind, "charge.kind");
    Inputs.present(price, "charge.price");
  }

  @Override
  public String toString() {
    return kind + " " + price;
  }
}
