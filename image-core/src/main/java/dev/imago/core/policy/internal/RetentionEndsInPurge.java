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
 * After its retention period an image in a recycle bin is purged, DELETED for good, by the
 * host's schedule acting as the operator; not before (RECYCLE_RETENTION).
 */
final class RetentionEndsInPurge extends BuiltInRule {
  RetentionEndsInPurge() {
    super(RuleCode.RECYCLE_RETENTION, ActionKind.PURGE);
  }

  @Override
  void check(Context context, ImageRecord image, Consumer<Violation> violations) {
    if (!context.caller().isOperator()) {
      refuse(violations, "only the host's schedule purges image " + image.id(), "imageId");
    } else if (image.status() != ImageStatus.RECYCLED) {
      violations.accept(violation(Category.CONFLICT,
          "image " + image.id() + " is not in a recycle bin", "imageId"));
    } else if (!image.recycling().get().isExpiredAt(context.now())) {
      violations.accept(violation(Category.CONFLICT, "the retention of image " + image.id()
          + " lasts until " + image.recycling().get().purgeAt(), "imageId"));
    }
  }
}
