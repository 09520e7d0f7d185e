package dev.imago.spi;

import java.io.Serializable;

/**
 * The id of an encryption key (KMS) that encrypts an image.
 *
 * @param value the id as text, validated by rule {@code INPUT_ID}
 */
public record KeyId(String value) implements Serializable {
  /**
   * Validates the id.
   *
   * @throws InputException if the value is malformed (rule {@code INPUT_ID})
   */
  public KeyId {
    Inputs.id(value, "keyId");
  }

  /**
   * Returns the id with the given text.
   *
   * @param value the id as text
   * @return the id
   * @throws InputException if the value is malformed (rule {@code INPUT_ID})
   */
  public static KeyId of(String value) {
    return new KeyId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
