package dev.imago.core.policy.internal;

import dev.imago.core.policy.ActionKind;
import dev.imago.core.policy.Category;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.Violation;
import dev.imago.spi.ImageClass;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.RuleCode;
import java.util.function.Consumer;

/** The seller withdraws its listing; new use stops, existing servers are unaffected (MARKET_WITHDRAW). */
final class OnlyListedImagesAreWithdrawn extends BuiltInRule {
  OnlyListedImagesAreWithdrawn() {
    super(RuleCode.MARKET_WITHDRAW, ActionKind.WITHDRAW);
  }

  @Override
  void check(Context context, ImageRecord image, Consumer<Violation> violations) {
    if (!Facts.isOwner(context, image)) {
      refuse(violations, "only the seller withdraws image " + image.id(), "imageId");
      return;
    }
    if (image.imageClass() != ImageClass.MARKET) {
      violations.accept(violation(Category.CONFLICT,
          "image " + image.id() + " is not listed in the marketplace", "imageId"));
    }
  }
}
