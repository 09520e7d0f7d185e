package dev.imago.spi;

import java.io.Serializable;

/**
 * The id of an image. Ids are never reused, not even after the image is deleted.
 *
 * @param value the id as text, validated by rule {@code INPUT_ID}
 */
public record ImageId(String value) implements Serializable {
  /**
   * Validates the id.
   *
   * @throws InputException if the value is malformed (rule {@code INPUT_ID})
   */
  public ImageId {
    Inputs.id(value, "imageId");
  }

  /**
   * Returns the id with the given text.
   *
   * @param value the id as text
   * @return the id
   * @throws InputException if the value is malformed (rule {@code INPUT_ID})
   */
  public static ImageId of(String value) {
    return new ImageId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
