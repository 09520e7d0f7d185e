package dev.imago.spi;

import java.math.BigDecimal;
import java.util.Currency;
import org.immutables.value.Value;

/** The price of a paid market image (rule {@code MARKET_PRICE}). */
@Value.Immutable
public abstract class Price {
  Price() {}

  /**
   * Returns a price.
   *
   * @param amount the amount, positive
   * @param currencyCode the ISO 4217 currency code, such as {@code "USD"}
   * @param unit how the price is charged
   * @return the price
   * @throws InputException if the amount is not a positive number, the currency is not an ISO
   *     4217 code, or the unit is absent (rule {@code MARKET_PRICE})
   */
  public static Price of(String amount, String currencyCode, PriceUnit unit) {
    BigDecimal value;
    try {
      value = new BigDecimal(Inputs.present(amount, "price.amount"));
    } catch (NumberFormatException e) {
      throw new InputException("price.amount", amount, RuleCode.MARKET_PRICE, "must be a number");
    }
    Currency currency;
    try {
      currency = Currency.getInstance(Inputs.present(currencyCode, "price.currency"));
    } catch (IllegalArgumentException e) {
      throw new InputException("price.currency", currencyCode, RuleCode.MARKET_PRICE,
          "must be an ISO 4217 currency code");
    }
    return ImmutablePrice.builder().amount(value).currency(currency).unit(unit).build();
  }

  /**
   * Returns the amount charged per unit.
   *
   * @return the amount, positive
   */
  public abstract BigDecimal amount();

  /**
   * Returns the currency.
   *
   * @return the ISO 4217 currency
   */
  public abstract Currency currency();

  /**
   * Returns how the price is charged.
   *
   * @return the unit
   */
  public abstract PriceUnit unit();

  @Value.Check
  void check() {
    if (amount() == null || amount().signum() <= 0) {
      throw new InputException("price.amount", amount(), RuleCode.MARKET_PRICE, "must be positive");
    }
    if (currency() == null) {
      throw new InputException("price.currency", null, RuleCode.MARKET_PRICE,
          "must be an ISO 4217 currency code");
    }
    if (unit() == null) {
      throw new InputException("price.unit", null, RuleCode.MARKET_PRICE,
          "must be PER_HOUR or ONE_OFF");
    }
  }

  @Override
  public String toString() {
    return amount().toPlainString() + " " + currency().getCurrencyCode()
        + (unit() == PriceUnit.PER_HOUR ? " per hour" : " one-off");
  }
}
