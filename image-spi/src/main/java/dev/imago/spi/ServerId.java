package dev.imago.spi;

import java.io.Serializable;

/**
 * The id of a server (ECS or BMS) that an image can be created from.
 *
 * @param value the id as text, validated by rule {@code INPUT_ID}
 */
public record ServerId(String value) implements Serializable {
  /**
   * Validates the id.
   *
   * @throws InputException if the value is malformed (rule {@code INPUT_ID})
   */
  public ServerId {
    Inputs.id(value, "serverId");
  }

  /**
   * Returns the id with the given text.
   *
   * @param value the id as text
   * @return the id
   * @throws InputException if the value is malformed (rule {@code INPUT_ID})
   */
  public static ServerId of(String value) {
    return new ServerId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
