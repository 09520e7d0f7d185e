package dev.imago.core.policy.internal;

import dev.imago.core.policy.ActionKind;
import dev.imago.core.policy.Category;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.Violation;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.RuleCode;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A tenant owns a bounded number of non-deleted private images per region; a replica counts
 * against its new owner (CREATE_QUOTA).
 */
final class PrivateImagesStayWithinQuota extends BuiltInRule {
  PrivateImagesStayWithinQuota() {
    super(RuleCode.CREATE_QUOTA, ActionKind.CREATE, ActionKind.REPLICATE, ActionKind.RESTORE);
  }

  @Override
  void judge(Context context, @Nullable ImageRecord image, Consumer<Violation> violations) {
    int quota = context.settings().maxPrivateImagesPerRegion();
    if (context.ownedImages() >= quota) {
      violations.accept(violation(Category.QUOTA, "the owner already has "
          + context.ownedImages() + " private images in the region; the quota is " + quota));
    }
  }
}
