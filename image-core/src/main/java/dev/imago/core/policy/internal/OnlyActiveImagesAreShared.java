package dev.imago.core.policy.internal;

import dev.imago.core.policy.ActionKind;
import dev.imago.core.policy.Category;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.Violation;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.RuleCode;
import java.util.function.Consumer;

/** Only ACTIVE images are shared (SHARE_NOT_ACTIVE). */
final class OnlyActiveImagesAreShared extends BuiltInRule {
  OnlyActiveImagesAreShared() {
    super(RuleCode.SHARE_NOT_ACTIVE, ActionKind.SHARE);
  }

  @Override
  void check(Context context, ImageRecord image, Consumer<Violation> violations) {
    if (image.status() != ImageStatus.ACTIVE) {
      violations.accept(violation(Category.CONFLICT,
          "image " + image.id() + " is " + image.status() + ", not ACTIVE", "imageId"));
    }
  }
}
