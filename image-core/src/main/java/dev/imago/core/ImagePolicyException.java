package dev.imago.core;

import dev.imago.core.policy.Decision;
import dev.imago.core.policy.Violation;
import dev.imago.spi.ImagoException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The policy denied the action. The exception carries the whole {@link Decision}, with every
 * violated rule, so that a host answers with all of them at once; its message names the first
 * five, so that a batch that breaks a rule for each of its members still makes a short message.
 */
public final class ImagePolicyException extends ImagoException {
  private static final long serialVersionUID = 1L;
  private static final int SHOWN_VIOLATIONS = 5;

  private final transient Decision decision;

  /**
   * Creates the exception.
   *
   * @param decision the denying decision
   * @throws IllegalArgumentException if the decision allows
   */
  public ImagePolicyException(Decision decision) {
    super(describe(decision), null);
    if (decision.isAllowed()) {
      throw new IllegalArgumentException("an allowing decision is not an exception");
    }
    this.decision = decision;
  }

  /**
   * Returns the decision, with every violation.
   *
   * @return the denying decision
   */
  public Decision decision() {
    return decision;
  }

  // A batch may break a rule once per recipient: the message lists a few, the decision all.
  private static String describe(Decision decision) {
    List<Violation> violations = decision.violations();
    String shown = violations.stream()
        .limit(SHOWN_VIOLATIONS)
        .map(Violation::toString)
        .collect(Collectors.joining("; "));
    return "denied: " + shown + (violations.size() > SHOWN_VIOLATIONS
        ? "; and " + (violations.size() - SHOWN_VIOLATIONS) + " more" : "");
  }
}
