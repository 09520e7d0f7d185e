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
 * A deleted image cannot be read, used, shared or changed by anyone (LIFECYCLE_DELETED). Only
 * those who could see it learn that it was deleted; to anyone else it answers as not found.
 */
final class DeletedImagesAreGone extends BuiltInRule {
  DeletedImagesAreGone() {
    super(RuleCode.LIFECYCLE_DELETED, ActionKind.READ, BuiltInRules.ON_IMAGES);
  }

  @Override
  void check(Context context, ImageRecord image, Consumer<Violation> violations) {
    if (image.status() == ImageStatus.DELETED) {
      violations.accept(violation(Category.NOT_FOUND,
          "image " + image.id() + " does not exist", "imageId"));
    }
  }
}
