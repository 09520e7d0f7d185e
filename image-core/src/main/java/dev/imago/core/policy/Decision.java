package dev.imago.core.policy;

import dev.imago.spi.Inputs;
import dev.imago.spi.RuleCode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The answer to "may this happen?": allowed, or denied with every violated rule, never just the
 * first. A decision on using a paid market image also lists the charges.
 */
public final class Decision {
  private static final Decision ALLOWED = new Decision(List.of(), List.of());

  private final List<Violation> violations;
  private final List<Charge> charges;

  private Decision(List<Violation> violations, List<Charge> charges) {
    this.violations = violations;
    this.charges = charges;
  }

  /**
   * Returns the decision that allows, with no charges.
   *
   * @return the allowing decision
   */
  public static Decision allowed() {
    return ALLOWED;
  }

  /**
   * Returns a decision with the given violations and charges: allowed when there are no
   * violations.
   *
   * @param violations every violated rule, in the order the rules were evaluated
   * @param charges the fees using the image incurs, possibly none
   * @return the decision
   * @throws dev.imago.spi.InputException if a list or an element is absent
   */
  public static Decision of(List<Violation> violations, List<Charge> charges) {
    if (violations.isEmpty() && charges.isEmpty()) {
      return ALLOWED;
    }
    return new Decision(
        List.copyOf(Inputs.presentElements(violations, "violations")),
        List.copyOf(Inputs.presentElements(charges, "charges")));
  }

  /**
   * Tells whether the action may happen.
   *
   * @return {@code true} when no rule is violated
   */
  public boolean isAllowed() {
    return violations.isEmpty();
  }

  /**
   * Returns every violated rule, in evaluation order; empty when allowed.
   *
   * @return the violations
   */
  public List<Violation> violations() {
    return violations;
  }

  /**
   * Returns the codes of the violated rules, each once, in evaluation order.
   *
   * @return the codes
   */
  public Set<RuleCode> codes() {
    Set<RuleCode> codes = new LinkedHashSet<>();
    for (Violation violation : violations) {
      codes.add(violation.code());
    }
    return codes;
  }

  /**
   * Tells whether the decision is a denial because the image is not there for the caller: it does
   * not exist, is deleted, or the caller may not see it. Such a decision holds no other
   * violation, so that nothing about the image leaks.
   *
   * @return {@code true} for a not-found denial
   */
  public boolean isNotFound() {
    return !violations.isEmpty() && violations.get(0).category() == Category.NOT_FOUND;
  }

  /**
   * Returns the fees that using the image incurs: the image fee and the server fee of a paid
   * market image; empty otherwise.
   *
   * @return the charges
   */
  public List<Charge> charges() {
    return charges;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Decision decision
        && decision.violations.equals(violations)
        && decision.charges.equals(charges);
  }

  @Override
  public int hashCode() {
    return 31 * violations.hashCode() + charges.hashCode();
  }

  @Override
  public String toString() {
    return isAllowed() ? "allowed" + (charges.isEmpty() ? "" : " " + charges)
        : "denied " + violations;
  }
}
