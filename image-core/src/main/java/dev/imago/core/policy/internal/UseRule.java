package dev.imago.core.policy.internal;

import dev.imago.core.policy.Action;
import dev.imago.core.policy.ActionKind;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.UseRequest;
import dev.imago.core.policy.Violation;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.RuleCode;
import java.util.function.Consumer;

/** A rule about using an image. */
abstract class UseRule extends BuiltInRule {
  UseRule(RuleCode code) {
    super(code, ActionKind.USE);
  }

  @Override
  final void check(Context context, ImageRecord image, Consumer<Violation> violations) {
    check(context, image, ((Action.Use) context.action()).request(), violations);
  }

  abstract void check(
      Context context, ImageRecord image, UseRequest request, Consumer<Violation> violations);
}
