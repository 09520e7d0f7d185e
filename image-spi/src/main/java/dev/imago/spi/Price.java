package dev.imago.spi;

import java.math.BigDecimal;
import java.util.Currency;
import org.immutables.value.Value;

/**
 * The price of a paid market image (rule {@code MARKET_PRICE}): a positive amount that a billing
 * system can charge, in an ISO 4217 currency, per hour or one-off. The amount has at most {@value
 * #MAX_INTEGER_DIGITS} digits before the decimal point and no more decimals than the currency's
 * minor unit (2 for USD and EUR, 0 for JPY, 3 for KWD; trailing zeros do not count), so that no
 * price renders as an unbounded number.
 */
@Value.Immutable
public abstract class Price {
  /** The most digits an amount has before the decimal point. */
  public static final int MAX_INTEGER_DIGITS = 12;

  Price() {}

  /**
   * Returns a price.
   *
   * @param amount the amount, positive
   * @param currencyCode the ISO 4217 currency code, such as {@code "USD"}
   * @param unit how the price is charged
   * @return the price
   * @throws InputException if the amount is not a positive number of at most 12 integer digits
   *     and the currency's minor unit, the currency is not an ISO 4217 code of a currency with a
   *     minor unit, or the unit is absent (rule {@code MARKET_PRICE})
   */
  public static Price of(String amount, String currencyCode, PriceUnit unit) {
    BigDecimal value;
    try {
      // Longer texts cannot be a bounded amount; the number is not even parsed.
      if (Inputs.present(amount, "price.amount").length() > 64) {
        throw new NumberFormatException();
      }
      value = new BigDecimal(amount);
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
    BigDecimal amount = amount();
    if (amount == null || amount.signum() <= 0) {
      throw new InputException("price.amount", shown(amount), RuleCode.MARKET_PRICE,
          "must be positive");
    }
    if (currency() == null || currency().getDefaultFractionDigits() < 0) {
      throw new InputException("price.currency", currency(), RuleCode.MARKET_PRICE,
          "must be an ISO 4217 code of a currency with a minor unit");
    }
    // In longs: an exponent near Integer.MIN_VALUE must not overflow the digit count.
    long integerDigits = (long) amount.precision() - amount.scale();
    if (integerDigits > MAX_INTEGER_DIGITS) {
      throw new InputException("price.amount", shown(amount), RuleCode.MARKET_PRICE,
          "must have at most " + MAX_INTEGER_DIGITS + " digits before the decimal point");
    }
    int minorUnit = currency().getDefaultFractionDigits();
    if (amount.scale() > minorUnit && amount.stripTrailingZeros().scale() > minorUnit) {
      throw new InputException("price.amount", shown(amount), RuleCode.MARKET_PRICE,
          "must have at most " + minorUnit + " decimals in " + currency().getCurrencyCode());
    }
    if (unit() == null) {
      throw new InputException("price.unit", null, RuleCode.MARKET_PRICE,
          "must be PER_HOUR or ONE_OFF");
    }
  }

  // Scientific notation, never the plain digits: an amount out of bounds may have a billion.
  private static String shown(BigDecimal amount) {
    return amount == null ? null : amount.toString();
  }

  @Override
  public String toString() {
    return amount().toPlainString() + " " + currency().getCurrencyCode()
        + (unit() == PriceUnit.PER_HOUR ? " per hour" : " one-off");
  }
}
