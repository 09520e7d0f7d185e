package dev.imago.core.policy.internal;

import dev.imago.core.policy.ActionKind;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.Violation;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.RuleCode;
import java.util.function.Consumer;

/** Only the owner shares, revokes or lists members (SHARE_NOT_OWNER). */
final class OnlyTheOwnerManagesMembers extends BuiltInRule {
  OnlyTheOwnerManagesMembers() {
    super(RuleCode.SHARE_NOT_OWNER, ActionKind.SHARE, ActionKind.REVOKE, ActionKind.LIST_MEMBERS);
  }

  @Override
  void check(Context context, ImageRecord image, Consumer<Violation> violations) {
    if (!Facts.isOwner(context, image)) {
      refuse(violations, "only the owner manages the members of image " + image.id(), "imageId");
    }
  }
}
