package dev.imago.core.policy.internal;

import dev.imago.core.policy.Action;
import dev.imago.core.policy.ActionKind;
import dev.imago.core.policy.Category;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.Violation;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.Membership;
import dev.imago.spi.MembershipStatus;
import dev.imago.spi.RuleCode;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A tenant acts only on images it can see; any other answers as not found, never as forbidden,
 * so that existence does not leak (USE_NOT_VISIBLE). A member that has not accepted sees the
 * image, so it is told the truth about using it: accept the share first.
 */
final class UnseenImagesAreNotFound extends BuiltInRule {
  UnseenImagesAreNotFound() {
    super(RuleCode.USE_NOT_VISIBLE, ActionKind.READ, BuiltInRules.ON_IMAGES);
  }

  @Override
  void judge(Context context, @Nullable ImageRecord image, Consumer<Violation> violations) {
    if (!(context.action() instanceof Action.OnImage onImage)) {
      return;
    }
    if (image == null || !Facts.canSee(context, image)) {
      violations.accept(violation(Category.NOT_FOUND,
          "image " + onImage.image() + " does not exist", "imageId"));
      return;
    }
    Membership membership = Facts.membership(context, image);
    if (onImage.kind() == ActionKind.USE && membership != null
        && membership.status() != MembershipStatus.ACCEPTED) {
      violations.accept(violation(Category.FORBIDDEN, "image " + onImage.image()
          + " is shared with " + membership.tenant() + ", whose answer is "
          + membership.status() + "; accept the share first to use it", "imageId"));
    }
  }
}
