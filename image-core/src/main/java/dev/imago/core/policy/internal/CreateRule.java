package dev.imago.core.policy.internal;

import dev.imago.core.policy.Action;
import dev.imago.core.policy.ActionKind;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.ImageSpec;
import dev.imago.core.policy.Violation;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.RuleCode;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** A rule about the spec of a new image, private or public. */
abstract class CreateRule extends BuiltInRule {
  CreateRule(RuleCode code, ActionKind first, ActionKind... rest) {
    super(code, first, rest);
  }

  @Override
  final void judge(Context context, @Nullable ImageRecord image, Consumer<Violation> violations) {
    if (context.action() instanceof Action.Create create) {
      check(context, create.spec(), violations);
    } else if (context.action() instanceof Action.RegisterPublic register) {
      check(context, register.spec(), violations);
    }
  }

  abstract void check(Context context, ImageSpec spec, Consumer<Violation> violations);
}
