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
 * An image in its owner's recycle bin is out of use: nobody else sees it (it answers as not
 * found), and its owner reads it and restores it, nothing else, until its retention ends and a
 * purge deletes it for good (RECYCLE_RETENTION).
 */
final class RecycledImagesWaitInTheBin extends BuiltInRule {
  RecycledImagesWaitInTheBin() {
    super(RuleCode.RECYCLE_RETENTION, ActionKind.READ, BuiltInRules.ON_IMAGES);
  }

  @Override
  void check(Context context, ImageRecord image, Consumer<Violation> violations) {
    if (image.status() != ImageStatus.RECYCLED) {
      return;
    }
    ActionKind kind = context.action().kind();
    boolean owner = Facts.isOwner(context, image);
    if (!owner && !context.caller().isOperator()) {
      violations.accept(violation(Category.NOT_FOUND,
          "image " + image.id() + " does not exist", "imageId"));
    } else if (kind != ActionKind.RESTORE && kind != ActionKind.PURGE
        && !(owner && kind == ActionKind.READ)) {
      refuse(violations, Category.CONFLICT, "image " + image.id()
          + " is in the recycle bin until " + image.recycling().get().purgeAt()
          + "; restore it first", "imageId");
    }
  }
}
