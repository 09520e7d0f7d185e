package dev.imago.core;

import dev.imago.core.policy.ActionKind;
import dev.imago.spi.InputException;
import dev.imago.spi.Inputs;
import dev.imago.spi.RuleCode;
import java.time.Duration;
import java.util.List;

/**
 * What one call of {@link ImageService} came to, as a {@link CommandListener} sees it: the kind
 * of action, how it ended, the codes of the rules involved, how many attempts it took and how
 * long. It names no tenant and no image, so that a host may turn every part of it into a metric
 * tag without leaking who did what, and without one time series per tenant.
 *
 * @param action the kind of action: the command's (SHARE for {@code share}), READ for {@code get}
 *     and for a member reading its own membership, LIST_MEMBERS for the owner reading members,
 *     USE for {@code authorizeUse}, LIST for {@code listVisible} and {@code listSharedWithMe}, the
 *     checked action's for {@code check} (READ when the action itself was absent)
 * @param check {@code true} for {@link ImageService#check}, which decides and changes nothing;
 *     {@code false} for every other call
 * @param outcome how the call ended
 * @param codes the codes of a denial, each once, in evaluation order; the one code of an input
 *     error; empty otherwise
 * @param attempts how many times the call decided: 1, or more when the image changed under a
 *     command and it reloaded and decided again
 * @param duration how long the call took, from a monotonic clock
 */
public record CommandObservation(ActionKind action, boolean check, Outcome outcome,
    List<RuleCode> codes, int attempts, Duration duration) {
  /**
   * Checks and copies the parts.
   *
   * @throws InputException if a part is absent, an element of {@code codes} is
   *     absent, {@code attempts} is below 1 or {@code duration} is negative
   */
  public CommandObservation {
    Inputs.present(action, "action");
    Inputs.present(outcome, "outcome");
    codes = List.copyOf(Inputs.presentElements(codes, "codes"));
    Inputs.range(attempts, 1, Integer.MAX_VALUE, "attempts");
    if (Inputs.present(duration, "duration").isNegative()) {
      throw new InputException("duration", duration, RuleCode.INPUT_VALUE,
          "must not be negative");
    }
  }

  /** How a call ended, by what it returned or threw. */
  public enum Outcome {
    /** It returned normally; for {@code check}, with an allowing decision. */
    ALLOWED,
    /**
     * A rule denied it: {@link ImagePolicyException}, a denying decision from {@code check}, or
     * the quota taken by another host in the meantime ({@link
     * dev.imago.spi.QuotaExceededException}, code {@code CREATE_QUOTA}).
     */
    DENIED,
    /** {@link ImageNotFoundException}: the image does not exist or the caller may not see it. */
    NOT_FOUND,
    /** {@link InputException}: bad input, or a caller no tenant directory knows. */
    INPUT_ERROR,
    /**
     * {@link dev.imago.spi.VersionConflictException}: the image kept changing until the
     * attempts ran out.
     */
    CONFLICT,
    /**
     * {@link dev.imago.spi.StoreException}: the store, a directory or the id generator failed.
     */
    STORE_FAILURE,
    /**
     * Anything else was thrown, such as a runtime exception from a host's directory or rule that
     * broke its contract.
     */
    ERROR
  }
}
