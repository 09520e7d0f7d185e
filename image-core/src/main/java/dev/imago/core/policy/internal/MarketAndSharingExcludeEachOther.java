package dev.imago.core.policy.internal;

import dev.imago.core.policy.ActionKind;
import dev.imago.core.policy.Category;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.Violation;
import dev.imago.spi.ImageClass;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.RuleCode;
import java.util.function.Consumer;

/**
 * An image published to the marketplace is not shared, and an image with members is not
 * published (SHARE_MARKET).
 */
final class MarketAndSharingExcludeEachOther extends BuiltInRule {
  MarketAndSharingExcludeEachOther() {
    super(RuleCode.SHARE_MARKET, ActionKind.SHARE, ActionKind.PUBLISH);
  }

  @Override
  void check(Context context, ImageRecord image, Consumer<Violation> violations) {
    if (context.action().kind() == ActionKind.SHARE && image.imageClass() == ImageClass.MARKET) {
      violations.accept(violation(Category.CONFLICT, "image " + image.id()
          + " is published to the marketplace; withdraw it before sharing", "imageId"));
    }
    if (context.action().kind() == ActionKind.PUBLISH && !image.members().isEmpty()) {
      violations.accept(violation(Category.CONFLICT, "image " + image.id() + " has "
          + image.members().size() + " members; revoke them before publishing", "imageId"));
    }
  }
}
