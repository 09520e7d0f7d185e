package dev.imago.core.policy.internal;

import dev.imago.core.policy.Category;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.UseRequest;
import dev.imago.core.policy.Violation;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.RuleCode;
import java.util.function.Consumer;

/** Only ACTIVE images are used (USE_NOT_ACTIVE). */
final class OnlyActiveImagesAreUsed extends UseRule {
  OnlyActiveImagesAreUsed() {
    super(RuleCode.USE_NOT_ACTIVE);
  }

  @Override
  void check(Context context, ImageRecord image, UseRequest request,
      Consumer<Violation> violations) {
    if (image.status() != ImageStatus.ACTIVE) {
      violations.accept(violation(Category.CONFLICT,
          "image " + image.id() + " is " + image.status() + ", not ACTIVE", "imageId"));
    }
  }
}
