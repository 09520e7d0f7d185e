package dev.imago.core.policy;

import dev.imago.spi.Inputs;
import dev.imago.spi.RuleCode;
import java.util.List;

/**
 * What an allowed decision tells the caller besides "yes": a warning with a rule's code and a
 * message that says the better choice, such as a deprecated image's replacement (rule {@code
 * USE_DEPRECATED}). A notice never refuses anything; a console shows it beside the action.
 *
 * @param code the code of the rule that gives the notice
 * @param message what to tell the caller, including the way forward
 * @param fields the input fields the notice concerns, possibly none
 */
public record Notice(RuleCode code, String message, List<String> fields) {
  /**
   * Checks the notice.
   *
   * @throws dev.imago.spi.InputException if a part is absent
   */
  public Notice {
    Inputs.present(code, "code");
    Inputs.present(message, "message");
    fields = List.copyOf(Inputs.presentElements(fields, "fields"));
  }

  /**
   * Returns a notice.
   *
   * @param code the rule's code
   * @param message what to tell the caller
   * @param fields the fields concerned
   * @return the notice
   * @throws dev.imago.spi.InputException if a part is absent
   */
  public static Notice of(RuleCode code, String message, String... fields) {
    return new Notice(code, message, List.of(fields));
  }

  @Override
  public String toString() {
    return code + ": " + message + (fields.isEmpty() ? "" : " " + fields);
  }
}
