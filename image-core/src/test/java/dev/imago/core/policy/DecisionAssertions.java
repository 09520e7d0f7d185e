package dev.imago.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.imago.spi.InputException;
import dev.imago.spi.RuleCode;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions on decisions and input errors that say what was decided when they fail. */
public final class DecisionAssertions {
  private DecisionAssertions() {}

  /** Asserts that the decision allows. */
  public static Decision assertAllowed(Decision decision) {
    assertThat(decision.isAllowed()).as("expected allowed, was %s", decision).isTrue();
    return decision;
  }

  /** Asserts that the decision denies with exactly these codes, in any order. */
  public static Decision assertDenied(Decision decision, RuleCode... codes) {
    assertThat(decision.isAllowed()).as("expected denied, was %s", decision).isFalse();
    assertThat(decision.codes()).as("%s", decision).containsExactlyInAnyOrder(codes);
    return decision;
  }

  /** Asserts that the decision denies, with at least these codes among others. */
  public static Decision assertDeniedWith(Decision decision, RuleCode... codes) {
    assertThat(decision.isAllowed()).as("expected denied, was %s", decision).isFalse();
    assertThat(decision.codes()).as("%s", decision).contains(codes);
    return decision;
  }

  /** Asserts that the call throws an input error with the code, and returns it. */
  public static InputException assertInputError(RuleCode code, ThrowingCallable call) {
    InputException error = catchThrowableOfType(InputException.class, call);
    assertThat(error).as("expected an InputException with code %s", code).isNotNull();
    assertThat(error.code()).as(error.getMessage()).isEqualTo(code);
    return error;
  }
}
