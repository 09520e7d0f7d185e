package dev.imago.core.policy.internal;

import dev.imago.core.policy.ActionKind;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.Violation;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.RuleCode;
import java.util.function.Consumer;

/** Only the member itself accepts or rejects a share, and may change its answer (SHARE_MEMBER_ONLY). */
final class OnlyTheMemberAnswers extends BuiltInRule {
  OnlyTheMemberAnswers() {
    super(RuleCode.SHARE_MEMBER_ONLY, ActionKind.ACCEPT, ActionKind.REJECT);
  }

  @Override
  void check(Context context, ImageRecord image, Consumer<Violation> violations) {
    if (Facts.membership(context, image) == null) {
      refuse(violations, "only a member answers a share of image " + image.id(), "imageId");
    }
  }
}
