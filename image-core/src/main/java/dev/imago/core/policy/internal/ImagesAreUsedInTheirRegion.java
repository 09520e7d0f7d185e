package dev.imago.core.policy.internal;

import dev.imago.core.policy.Category;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.UseRequest;
import dev.imago.core.policy.Violation;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.RuleCode;
import java.util.function.Consumer;

/** An image is used only in its own region (USE_REGION). */
final class ImagesAreUsedInTheirRegion extends UseRule {
  ImagesAreUsedInTheirRegion() {
    super(RuleCode.USE_REGION);
  }

  @Override
  void check(Context context, ImageRecord image, UseRequest request,
      Consumer<Violation> violations) {
    if (!request.region().equals(image.region())) {
      violations.accept(violation(Category.INVALID, "image " + image.id() + " lives in "
          + image.region() + "; replicate it to " + request.region() + " first", "region"));
    }
  }
}
