package dev.imago.core.policy.internal;

import dev.imago.core.policy.ActionKind;
import dev.imago.core.policy.Category;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.Violation;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.RuleCode;
import java.util.function.Consumer;

/**
 * Only the owner restores an image from its recycle bin, only before its retention ends; it comes
 * back with the status it had, without members. Quota room is CREATE_QUOTA's to judge
 * (RECYCLE_RESTORE).
 */
final class OnlyTheOwnerRestoresInTime extends BuiltInRule {
  OnlyTheOwnerRestoresInTime() {
    super(RuleCode.RECYCLE_RESTORE, ActionKind.RESTORE);
  }

  @Override
  void check(Context context, ImageRecord image, Consumer<Violation> violations) {
    if (!Facts.isOwner(context, image)) {
      refuse(violations, "only the owner restores image " + image.id(), "imageId");
      return;
    }
    if (image.status() != ImageStatus.RECYCLED) {
      violations.accept(violation(Category.CONFLICT,
          "image " + image.id() + " is not in the recycle bin", "imageId"));
    } else if (image.recycling().get().isExpiredAt(context.now())) {
      violations.accept(violation(Category.CONFLICT, "the retention of image " + image.id()
          + " ended at " + image.recycling().get().purgeAt() + "; it is no longer restored",
          "imageId"));
    }
  }
}
