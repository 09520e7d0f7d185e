package dev.imago.spi;

import java.io.Serializable;

/**
 * The id of a tenant: a project in one region, as the host's {@link TenantDirectory} knows it.
 *
 * @param value the id as text, validated by rule {@code INPUT_ID}
 */
public record TenantId(String value) implements Serializable {
  /**
   * Validates the id.
   *
   * @throws InputException if the value is malformed (rule {@code INPUT_ID})
   */
  public TenantId {
    Inputs.id(value, "tenantId");
  }

  /**
   * Returns the id with the given text.
   *
   * @param value the id as text
   * @return the id
   * @throws InputException if the value is malformed (rule {@code INPUT_ID})
   */
  public static TenantId of(String value) {
    return new TenantId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
