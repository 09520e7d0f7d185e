package dev.imago.spi;

import java.io.Serializable;

/**
 * The id of a cloud server backup (CBR) that a full-server image can be created from.
 *
 * @param value the id as text, validated by rule {@code INPUT_ID}
 */
public record BackupId(String value) implements Serializable {
  /**
   * Validates the id.
   *
   * @throws InputException if the value is malformed (rule {@code INPUT_ID})
   */
  public BackupId {
    Inputs.id(value, "backupId");
  }

  /**
   * Returns the id with the given text.
   *
   * @param value the id as text
   * @return the id
   * @throws InputException if the value is malformed (rule {@code INPUT_ID})
   */
  public static BackupId of(String value) {
    return new BackupId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
