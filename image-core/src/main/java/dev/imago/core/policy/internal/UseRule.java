package dev.imago.core.policy.internal;

import dev.imago.core.policy.Action;
import dev.imago.core.policy.ActionKind;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.UseRequest;
import dev.imago.core.policy.Violation;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.RuleCode;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** A rule about using an image. */
abstract class UseRule extends BuiltInRule {
  UseRule(RuleCode code) {
    super(code, ActionKind.USE);
  }

  // Overrides judge, not the image check: one virtual call less per rule on every decision.
  @Override
  final void judge(Context context, @Nullable ImageRecord image, Consumer<Violation> violations) {
    if (image != null) {
      check(context, image, ((Action.Use) context.action()).request(), violations);
    }
  }

  abstract void check(
      Context context, ImageRecord image, UseRequest request, Consumer<Violation> violations);
}
