package dev.imago.benchmarks;

/** A way to decide a {@link DecisionCase}: Imago, the hand-written floor, or a peer. */
interface Policy {
  /**
   * Decides a case.
   *
   * @param decision the case
   * @return whether it is allowed
   */
  boolean allows(DecisionCase decision);
}
