package dev.imago.core.policy.internal;

import dev.imago.core.policy.ActionKind;
import dev.imago.core.policy.Category;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.Violation;
import dev.imago.spi.ImageClass;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.RuleCode;
import java.util.function.Consumer;

/** Only private images are shared; public images are already everyone's (SHARE_NOT_PRIVATE). */
final class OnlyPrivateImagesAreShared extends BuiltInRule {
  OnlyPrivateImagesAreShared() {
    super(RuleCode.SHARE_NOT_PRIVATE, ActionKind.SHARE);
  }

  @Override
  void check(Context context, ImageRecord image, Consumer<Violation> violations) {
    if (image.imageClass() == ImageClass.PUBLIC) {
      violations.accept(violation(Category.INVALID,
          "image " + image.id() + " is public and already visible to every tenant", "imageId"));
    }
  }
}
