package dev.imago.core.policy.internal;

import dev.imago.core.policy.Action;
import dev.imago.core.policy.ActionKind;
import dev.imago.core.policy.Category;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.Violation;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageType;
import dev.imago.spi.RuleCode;
import java.util.function.Consumer;

/** Accepting a full-server image needs the member's backup vault (SHARE_ACCEPT_VAULT). */
final class FullServerAcceptNeedsAVault extends BuiltInRule {
  FullServerAcceptNeedsAVault() {
    super(RuleCode.SHARE_ACCEPT_VAULT, ActionKind.ACCEPT);
  }

  @Override
  void check(Context context, ImageRecord image, Consumer<Violation> violations) {
    if (image.type() == ImageType.FULL_SERVER
        && ((Action.Accept) context.action()).vault().isEmpty()) {
      violations.accept(violation(Category.INVALID, "accepting full-server image " + image.id()
          + " needs the backup vault that will hold its backup", "vault"));
    }
  }
}
