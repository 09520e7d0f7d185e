package dev.imago.core.policy.internal;

import dev.imago.core.policy.ActionKind;
import dev.imago.core.policy.Category;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.Violation;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.RuleCode;
import java.util.function.Consumer;

/** A protected image is not deleted until its protection is removed (LIFECYCLE_PROTECTED). */
final class ProtectedImagesAreNotDeleted extends BuiltInRule {
  ProtectedImagesAreNotDeleted() {
    super(RuleCode.LIFECYCLE_PROTECTED, ActionKind.DELETE);
  }

  @Override
  void check(Context context, ImageRecord image, Consumer<Violation> violations) {
    if (image.deletionProtected()) {
      violations.accept(violation(Category.CONFLICT,
          "image " + image.id() + " is protected; remove its protection before deleting it",
          "imageId"));
    }
  }
}
