package dev.imago.core;

import dev.imago.core.policy.Decision;
import dev.imago.core.policy.Violation;
import dev.imago.spi.ImagoException;
import java.util.stream.Collectors;

/**
 * The policy denied the action. The exception carries the whole {@link Decision}, with every
 * violated rule, so that a host answers with all of them at once.
 */
public final class ImagePolicyException extends ImagoException {
  private static final long serialVersionUID = 1L;

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

  private static String describe(Decision decision) {
    return "denied: " + decision.violations().stream()
        .map(Violation::toString)
        .collect(Collectors.joining("; "));
  }
}
