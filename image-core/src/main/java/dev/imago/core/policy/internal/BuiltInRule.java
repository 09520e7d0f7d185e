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

/**
 * What every built-in rule shares: its code, the actions it judges, and the step from a context
 * to the image it concerns. A rule about an image is not asked when the context has none.
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
  public void check(Context context, Consumer<Violation> violations) {
    if (context.image().isPresent()) {
      check(context, context.image().get(), violations);
    }
  }

  /** Judges an action on an existing image; rules about new images override the other check. */
  void check(Context context, ImageRecord image, Consumer<Violation> violations) {}

  final Violation violation(Category category, String message, String... fields) {
    return new Violation(code, category, message, List.of(fields));
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + " (" + code + ")";
  }
}
