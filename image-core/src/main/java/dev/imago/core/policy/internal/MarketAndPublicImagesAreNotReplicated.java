package dev.imago.core.policy.internal;

import dev.imago.core.policy.ActionKind;
import dev.imago.core.policy.Category;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.Violation;
import dev.imago.spi.ImageClass;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.RuleCode;
import java.util.function.Consumer;

/** Market and public images are not replicated by tenants (REPLICATE_MARKET). */
final class MarketAndPublicImagesAreNotReplicated extends BuiltInRule {
  MarketAndPublicImagesAreNotReplicated() {
    super(RuleCode.REPLICATE_MARKET, ActionKind.REPLICATE);
  }

  @Override
  void check(Context context, ImageRecord image, Consumer<Violation> violations) {
    if (image.imageClass() != ImageClass.PRIVATE) {
      violations.accept(violation(Category.FORBIDDEN, "image " + image.id() + " is "
          + image.imageClass() + "; only private images are replicated by tenants", "imageId"));
    }
  }
}
