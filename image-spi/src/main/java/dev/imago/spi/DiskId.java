package dev.imago.spi;

import java.io.Serializable;

/**
 * The id of a disk (EVS) that a data-disk image can be created from.
 *
 * @param value the id as text, validated by rule {@code INPUT_ID}
 */
public record DiskId(String value) implements Serializable {
  /**
   * Validates the id.
   *
   * @throws InputException if the value is malformed (rule {@code INPUT_ID})
   */
  public DiskId {
    Inputs.id(value, "diskId");
  }

  /**
   * Returns the id with the given text.
   *
   * @param value the id as text
   * @return the id
   * @throws InputException if the value is malformed (rule {@code INPUT_ID})
   */
  public static DiskId of(String value) {
    return new DiskId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
