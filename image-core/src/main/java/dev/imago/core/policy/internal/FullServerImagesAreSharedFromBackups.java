package dev.imago.core.policy.internal;

import dev.imago.core.policy.ActionKind;
import dev.imago.core.policy.Category;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.Violation;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageSource;
import dev.imago.spi.ImageType;
import dev.imago.spi.RuleCode;
import java.util.function.Consumer;

/** A full-server image is shared only if it was made from a cloud backup (SHARE_FULL_SERVER_SOURCE). */
final class FullServerImagesAreSharedFromBackups extends BuiltInRule {
  FullServerImagesAreSharedFromBackups() {
    super(RuleCode.SHARE_FULL_SERVER_SOURCE, ActionKind.SHARE);
  }

  @Override
  void check(Context context, ImageRecord image, Consumer<Violation> violations) {
    if (image.type() == ImageType.FULL_SERVER && image.source() != ImageSource.CLOUD_BACKUP) {
      violations.accept(violation(Category.CONFLICT, "full-server image " + image.id()
          + " was made from a " + image.source() + ", and only those made from a cloud backup"
          + " are shared", "imageId"));
    }
  }
}
