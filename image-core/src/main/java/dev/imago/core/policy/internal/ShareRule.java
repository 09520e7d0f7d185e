package dev.imago.core.policy.internal;

import dev.imago.core.policy.Action;
import dev.imago.core.policy.ActionKind;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.Violation;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.RuleCode;
import dev.imago.spi.TenantId;
import java.util.List;
import java.util.function.Consumer;

/** A rule about the recipients of a share. */
abstract class ShareRule extends BuiltInRule {
  ShareRule(RuleCode code) {
    super(code, ActionKind.SHARE);
  }

  @Override
  final void check(Context context, ImageRecord image, Consumer<Violation> violations) {
    check(context, image, ((Action.Share) context.action()).recipients(), violations);
  }

  abstract void check(Context context, ImageRecord image, List<TenantId> recipients,
      Consumer<Violation> violations);
}
