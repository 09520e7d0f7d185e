package dev.imago.testkit;

import dev.imago.core.ImageNotFoundException;
import dev.imago.core.ImagePolicyException;
import dev.imago.spi.InputException;
import dev.imago.spi.RuleCode;
import java.util.Collection;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * What a call answered, in the terms the reference model predicts: allowed with a short account
 * of the result, denied with the set of rule codes, not found, or refused as invalid input. A
 * call that threw anything else failed, and no prediction equals a failure.
 */
final class Outcome {
  private enum Kind { ALLOWED, DENIED, NOT_FOUND, INVALID, FAILED }

  private final Kind kind;
  private final String detail;
  private final Throwable failure;

  private Outcome(Kind kind, String detail, Throwable failure) {
    this.kind = kind;
    this.detail = detail;
    this.failure = failure;
  }

  static Outcome allowed(Object result) {
    return new Outcome(Kind.ALLOWED, String.valueOf(result), null);
  }

  /** Denied; the codes are compared as a set, since rules report in their evaluation order. */
  static Outcome denied(Collection<RuleCode> codes) {
    TreeSet<String> sorted = new TreeSet<>();
    codes.forEach(code -> sorted.add(code.value()));
    return new Outcome(Kind.DENIED, sorted.toString(), null);
  }

  static Outcome notFound() {
    return new Outcome(Kind.NOT_FOUND, "", null);
  }

  static Outcome invalid(RuleCode code) {
    return new Outcome(Kind.INVALID, code.value(), null);
  }

  /**
   * Calls the service and classifies its answer.
   *
   * @param call the call, returning an account of its result
   * @return the outcome
   */
  static Outcome of(Supplier<?> call) {
    try {
      return allowed(call.get());
    } catch (ImagePolicyException denied) {
      return denied(denied.decision().codes());
    } catch (ImageNotFoundException notFound) {
      return notFound();
    } catch (InputException invalid) {
      return invalid(invalid.code());
    } catch (RuntimeException unexpected) {
      return new Outcome(Kind.FAILED, unexpected.toString(), unexpected);
    }
  }

  /** The exception of a failed call, to attach to the report as its cause. */
  Throwable failure() {
    return failure;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Outcome outcome && outcome.kind == kind
        && outcome.detail.equals(detail);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, detail);
  }

  @Override
  public String toString() {
    return switch (kind) {
      case ALLOWED -> detail.isEmpty() ? "allowed" : "allowed: " + detail;
      case DENIED -> "denied " + detail;
      case NOT_FOUND -> "not found";
      case INVALID -> "invalid input (" + detail + ")";
      case FAILED -> "threw " + detail;
    };
  }
}
