package dev.imago.spi;

import java.io.Serializable;

/**
 * The id of a file in object storage that an image is imported from.
 *
 * @param value the id as text, validated by rule {@code INPUT_ID}
 */
public record FileId(String value) implements Serializable {
  /**
   * Validates the id.
   *
   * @throws InputException if the value is malformed (rule {@code INPUT_ID})
   */
  public FileId {
    Inputs.id(value, "fileId");
  }

  /**
   * Returns the id with the given text.
   *
   * @param value the id as text
   * @return the id
   * @throws InputException if the value is malformed (rule {@code INPUT_ID})
   */
  public static FileId of(String value) {
    return new FileId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
