package dev.imago.core.policy.internal;

import dev.imago.core.policy.Category;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.UseRequest;
import dev.imago.core.policy.Violation;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.RuleCode;
import java.util.function.Consumer;

/** The requested disk and RAM are at least the image's minimums (USE_FLAVOR). */
final class FlavorMeetsTheMinimums extends UseRule {
  FlavorMeetsTheMinimums() {
    super(RuleCode.USE_FLAVOR);
  }

  @Override
  void check(Context context, ImageRecord image, UseRequest request,
      Consumer<Violation> violations) {
    if (request.diskGib() < image.minDiskGib()) {
      violations.accept(violation(Category.INVALID, "the disk must have at least "
          + image.minDiskGib() + " GiB, not " + request.diskGib(), "diskGib"));
    }
    if (request.target().isServer() && request.ramMib() < image.minRamMib()) {
      violations.accept(violation(Category.INVALID, "the flavor must have at least "
          + image.minRamMib() + " MiB of RAM, not " + request.ramMib(), "ramMib"));
    }
  }
}
