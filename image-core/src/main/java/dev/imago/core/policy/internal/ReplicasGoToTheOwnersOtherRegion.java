package dev.imago.core.policy.internal;

import dev.imago.core.policy.Action;
import dev.imago.core.policy.ActionKind;
import dev.imago.core.policy.Category;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.Violation;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.RegionId;
import dev.imago.spi.RuleCode;
import java.util.function.Consumer;

/**
 * An owner replicates its ACTIVE image to another region where its account has a project, which
 * will own the replica (REPLICATE_REGION).
 */
final class ReplicasGoToTheOwnersOtherRegion extends BuiltInRule {
  ReplicasGoToTheOwnersOtherRegion() {
    super(RuleCode.REPLICATE_REGION, ActionKind.REPLICATE);
  }

  @Override
  void check(Context context, ImageRecord image, Consumer<Violation> violations) {
    RegionId target = ((Action.Replicate) context.action()).region();
    if (!Facts.isOwner(context, image)) {
      refuse(violations, "only the owner replicates image " + image.id(), "imageId");
      return;
    }
    if (image.status() != ImageStatus.ACTIVE) {
      violations.accept(violation(Category.CONFLICT,
          "image " + image.id() + " is " + image.status() + ", not ACTIVE", "imageId"));
    }
    if (target.equals(image.region())) {
      violations.accept(violation(Category.INVALID,
          "image " + image.id() + " already lives in " + target, "region"));
    } else if (context.replicaOwner().isEmpty()) {
      violations.accept(violation(Category.INVALID,
          "the owner's account has no project in " + target, "region"));
    }
  }
}
