package dev.imago.spi;

import java.io.Serializable;

/**
 * The id of a member's backup vault, where an accepted full-server image's backup is kept.
 *
 * @param value the id as text, validated by rule {@code INPUT_ID}
 */
public record VaultId(String value) implements Serializable {
  /**
   * Validates the id.
   *
   * @throws InputException if the value is malformed (rule {@code INPUT_ID})
   */
  public VaultId {
    Inputs.id(value, "vaultId");
  }

  /**
   * Returns the id with the given text.
   *
   * @param value the id as text
   * @return the id
   * @throws InputException if the value is malformed (rule {@code INPUT_ID})
   */
  public static VaultId of(String value) {
    return new VaultId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
