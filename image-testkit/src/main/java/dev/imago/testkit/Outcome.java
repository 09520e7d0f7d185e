package dev.imago.testkit;

import dev.imago.core.ImageNotFoundException;
import dev.imago.core.ImagePolicyException;
import dev.imago.spi.InputException;
import dev.imago.spi.RuleCode;
import dev.imago.spi.StoreException;
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
  // Everything the caller was told, messages included; not compared with the model.
  private final String told;

  private Outcome(Kind kind, String detail, Throwable failure) {
    this(kind, detail, failure, detail);
  }

  private Outcome(Kind kind, String detail, Throwable failure, String told) {
    this.kind = kind;
    this.detail = detail;
    this.failure = failure;
    this.told = told;
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
      Outcome outcome = denied(denied.decision().codes());
      StringBuilder told = new StringBuilder(String.valueOf(denied.getMessage()));
      denied.decision().violations().forEach(violation ->
          told.append(System.lineSeparator()).append(violation.message()));
      return new Outcome(Kind.DENIED, outcome.detail, null, told.toString());
    } catch (ImageNotFoundException notFound) {
      return new Outcome(Kind.NOT_FOUND, "", null, String.valueOf(notFound.getMessage()));
    } catch (InputException invalid) {
      // The message shows the value the caller sent, which it knows: nothing more is told.
      return new Outcome(Kind.INVALID, invalid.code().value(), null,
          invalid.field() + " [" + invalid.code() + "]");
    } catch (RuntimeException unexpected) {
      return new Outcome(Kind.FAILED, unexpected.toString(), unexpected);
    }
  }

  /** Everything the call told its caller: the result, or the messages of its refusal. */
  String told() {
    return told;
  }

  /** Whether the call was refused (denied, not found or invalid): it must have changed nothing. */
  boolean isRefusal() {
    return kind == Kind.DENIED || kind == Kind.NOT_FOUND || kind == Kind.INVALID;
  }

  /** Whether the call failed with the store's failure, {@code StoreException}. */
  boolean isStoreFailure() {
    return kind == Kind.FAILED && failure instanceof StoreException;
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
