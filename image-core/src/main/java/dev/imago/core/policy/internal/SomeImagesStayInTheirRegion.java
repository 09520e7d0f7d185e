package dev.imago.core.policy.internal;

import dev.imago.core.policy.ActionKind;
import dev.imago.core.policy.Category;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.Violation;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageType;
import dev.imago.spi.RuleCode;
import java.util.function.Consumer;

/** Encrypted images, ISO images and images above the size limit are not replicated (REPLICATE_EXCLUDED). */
final class SomeImagesStayInTheirRegion extends BuiltInRule {
  SomeImagesStayInTheirRegion() {
    super(RuleCode.REPLICATE_EXCLUDED, ActionKind.REPLICATE);
  }

  @Override
  void check(Context context, ImageRecord image, Consumer<Violation> violations) {
    if (image.isEncrypted()) {
      violations.accept(violation(Category.CONFLICT,
          "image " + image.id() + " is encrypted and is not replicated", "imageId"));
    }
    if (image.type() == ImageType.ISO) {
      violations.accept(violation(Category.CONFLICT,
          "image " + image.id() + " is an ISO image and is not replicated", "imageId"));
    }
    long limit = context.settings().maxReplicationBytes();
    if (image.sizeBytes() > limit) {
      violations.accept(violation(Category.CONFLICT, "image " + image.id() + " has "
          + image.sizeBytes() + " bytes; images above " + limit + " are not replicated",
          "imageId"));
    }
  }
}
