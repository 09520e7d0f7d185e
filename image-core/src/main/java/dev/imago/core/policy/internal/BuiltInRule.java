package dev.imago.core.policy.internal;

import dev.imago.core.policy.ActionKind;
import dev.imago.core.policy.Category;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.Rule;
import dev.imago.core.policy.Violation;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.RuleCode;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * What every built-in rule shares: its code, the actions it judges, and the step from a context
 * to the image it concerns. A rule about an image is not asked when the context has none.
 *
 * <p>The engine resolves the image once per decision and asks each rule through {@link
 * #judge}, so that a rule is one virtual call away and no rule unwraps the context's image again.
 *
 * <p>A rule about who may act reports with {@link #refuse} rather than as a plain violation: a
 * refusal ends the evaluation and is all the decision says ({@link Verdicts}).
 */
abstract class BuiltInRule implements Rule {
  private final RuleCode code;
  private final Set<ActionKind> actions;

  BuiltInRule(RuleCode code, ActionKind first, ActionKind... rest) {
    this.code = code;
    this.actions = java.util.Collections.unmodifiableSet(EnumSet.of(first, rest));
  }

  @Override
  public final RuleCode code() {
    return code;
  }

  @Override
  public final Set<ActionKind> actions() {
    return actions;
  }

  @Override
  public final void check(Context context, Consumer<Violation> violations) {
    judge(context, context.image().orElse(null), violations);
  }

  /**
   * Reports each way the action breaks the rule; rules about new images, or about a missing one,
   * override this instead of the image's check.
   *
   * @param context the facts of the decision
   * @param image the context's image, or {@code null} when it has none
   * @param violations where to report
   */
  void judge(Context context, @Nullable ImageRecord image, Consumer<Violation> violations) {
    if (image != null) {
      check(context, image, violations);
    }
  }

  /** Judges an action on an existing image; rules about new images override the other check. */
  void check(Context context, ImageRecord image, Consumer<Violation> violations) {}

  final Violation violation(Category category, String message, String... fields) {
    return new Violation(code, category, message, List.of(fields));
  }

  /**
   * Reports that the caller may not act at all; asked by anything but the engine (a test with a
   * list), it reports a plain FORBIDDEN violation.
   */
  final void refuse(Consumer<Violation> violations, String message, String... fields) {
    refuse(violations, Category.FORBIDDEN, message, fields);
  }

  // A refusal ends the decision: no other rule speaks after it (see Verdicts).
  final void refuse(Consumer<Violation> violations, Category category, String message,
      String... fields) {
    Violation refusal = violation(category, message, fields);
    if (violations instanceof Verdicts verdicts) {
      verdicts.refuse(refusal);
    } else {
      violations.accept(refusal);
    }
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + " (" + code + ")";
  }
}
