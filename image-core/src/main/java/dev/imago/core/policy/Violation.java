package dev.imago.core.policy;

import dev.imago.spi.Inputs;
import dev.imago.spi.RuleCode;
import java.util.List;

/**
 * One broken rule: its stable code, its category, a message for people and the fields of the
 * request it concerns.
 *
 * @param code the rule's code
 * @param category the kind of violation
 * @param message what is wrong and, where there is one, the way out ("replicate the image to
 *     that region first")
 * @param fields the request fields involved, possibly none
 */
public record Violation(RuleCode code, Category category, String message, List<String> fields) {
  /**
   * Checks and copies the parts.
   *
   * @throws dev.imago.spi.InputException if a part is absent
   */
  public Violation {
    Inputs.present(code, "code");
    Inputs.present(category, "category");
    Inputs.present(message, "message");
    fields = List.copyOf(Inputs.presentElements(fields, "fields"));
  }

  /**
   * Returns a violation.
   *
   * @param code the rule's code
   * @param category the kind of violation
   * @param message what is wrong
   * @param fields the request fields involved
   * @return the violation
   * @throws dev.imago.spi.InputException if a part is absent
   */
  public static Violation of(RuleCode code, Category category, String message, String... fields) {
    return new Violation(code, category, message, List.of(fields));
  }

  @Override
  public String toString() {
    return code + " (" + category + "): " + message + (fields.isEmpty() ? "" : " " + fields);
  }
}
