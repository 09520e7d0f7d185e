package dev.imago.core.policy;

import dev.imago.spi.Inputs;
import dev.imago.spi.RuleCode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The answer to "may this happen?": allowed, or denied with every violated rule, never just the
 * first. A decision on using a paid market image also lists the charges, and an allowed decision
 * may carry notices: warnings that do not refuse, such as a deprecated image's replacement.
 */
public final class Decision {
  private static final Decision ALLOWED = new Decision(List.of(), List.of(), List.of());

  private final List<Violation> violations;
  private final List<Charge> charges;
  private final List<Notice> notices;

  private Decision(List<Violation> violations, List<Charge> charges, List<Notice> notices) {
    this.violations = violations;
    this.charges = charges;
    this.notices = notices;
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
    return of(violations, charges, List.of());
  }

  /**
   * Returns a decision with the given violations, charges and notices: allowed when there are no
   * violations. A denied decision carries no notices: the refusal says what to do.
   *
   * @param violations every violated rule, in the order the rules were evaluated
   * @param charges the fees using the image incurs, possibly none
   * @param notices what an allowed action should tell the caller, possibly nothing
   * @return the decision
   * @throws dev.imago.spi.InputException if a list or an element is absent
   */
  public static Decision of(List<Violation> violations, List<Charge> charges,
      List<Notice> notices) {
    Inputs.presentElements(violations, "violations");
    Inputs.presentElements(charges, "charges");
    Inputs.presentElements(notices, "notices");
    if (violations.isEmpty() && charges.isEmpty() && notices.isEmpty()) {
      return ALLOWED;
    }
    return new Decision(List.copyOf(violations), List.copyOf(charges),
        violations.isEmpty() ? List.copyOf(notices) : List.of());
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

  /**
   * Returns what an allowed action should tell the caller, such as a deprecation warning (rule
   * {@code USE_DEPRECATED}); a denied decision has none.
   *
   * @return the notices, in the order the rules gave them
   */
  public List<Notice> notices() {
    return notices;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Decision decision
        && decision.violations.equals(violations)
        && decision.charges.equals(charges)
        && decision.notices.equals(notices);
  }

  @Override
  public int hashCode() {
    return (31 * violations.hashCode() + charges.hashCode()) * 31 + notices.hashCode();
  }

  @Override
  public String toString() {
    return isAllowed() ? "allowed" + (charges.isEmpty() ? "" : " " + charges)
        + (notices.isEmpty() ? "" : " " + notices)
        : "denied " + violations;
  }
}
