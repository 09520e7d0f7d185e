package dev.imago.core.policy.internal;

import dev.imago.core.policy.ActionKind;
import dev.imago.core.policy.Category;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.Violation;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.RuleCode;
import java.util.function.Consumer;

/** Encrypted images are not shared (SHARE_ENCRYPTED). */
final class EncryptedImagesAreNotShared extends BuiltInRule {
  EncryptedImagesAreNotShared() {
    super(RuleCode.SHARE_ENCRYPTED, ActionKind.SHARE);
  }

  @Override
  void check(Context context, ImageRecord image, Consumer<Violation> violations) {
    if (image.isEncrypted()) {
      violations.accept(violation(Category.CONFLICT,
          "image " + image.id() + " is encrypted and cannot be shared", "imageId"));
    }
  }
}
