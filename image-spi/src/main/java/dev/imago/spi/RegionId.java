package dev.imago.spi;

import java.io.Serializable;

/**
 * The id of a region, such as {@code cn-north-4}.
 *
 * @param value the id as text, validated by rule {@code INPUT_ID}
 */
public record RegionId(String value) implements Serializable {
  /**
   * Validates the id.
   *
   * @throws InputException if the value is malformed (rule {@code INPUT_ID})
   */
  public RegionId {
    Inputs.regionId(value, "regionId");
  }

  /**
   * Returns the id with the given text.
   *
   * @param value the id as text
   * @return the id
   * @throws InputException if the value is malformed (rule {@code INPUT_ID})
   */
  public static RegionId of(String value) {
    return new RegionId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
