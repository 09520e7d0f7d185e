package dev.imago.core.policy.internal;

import dev.imago.core.policy.Violation;
import java.util.function.Consumer;

/**
 * Where the engine gathers what the rules report: violations, and refusals. A refusal says the
 * caller may not act at all (only the owner shares); it ends the evaluation and is all the
 * decision says, so that a caller who may not act learns nothing beyond it: not how many members
 * an image has, whether a recipient exists, nor what another tenant's source holds.
 */
public interface Verdicts extends Consumer<Violation> {
  /**
   * Reports that the caller may not act: nothing else is evaluated or told.
   *
   * @param refusal the violation that says so, of category FORBIDDEN
   */
  void refuse(Violation refusal);
}
