package dev.imago.core.policy.internal;

import dev.imago.core.policy.Action;
import dev.imago.core.policy.ActionKind;
import dev.imago.core.policy.Category;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.Violation;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.RuleCode;
import java.util.function.Consumer;

/**
 * Statuses move only as the table allows; a tenant itself only deactivates and reactivates,
 * the image pipeline does the rest, and deleting is its own action (LIFECYCLE_TRANSITION).
 */
final class StatusMovesFollowTheTable extends BuiltInRule {
  StatusMovesFollowTheTable() {
    super(RuleCode.LIFECYCLE_TRANSITION, ActionKind.CHANGE_STATUS);
  }

  @Override
  void check(Context context, ImageRecord image, Consumer<Violation> violations) {
    ImageStatus from = image.status();
    ImageStatus to = ((Action.ChangeStatus) context.action()).target();
    if (to == ImageStatus.DELETED || to == ImageStatus.RECYCLED) {
      violations.accept(violation(Category.INVALID,
          "an image is moved to " + to + " by deleting it", "status"));
    } else if (!StatusTable.allows(from, to)) {
      violations.accept(violation(Category.CONFLICT,
          "image " + image.id() + " cannot move from " + from + " to " + to
              + "; from " + from + " it may move to " + StatusTable.movesFrom(from), "status"));
    } else if (!context.caller().isOperator() && !isDeactivateOrReactivate(from, to)) {
      violations.accept(violation(Category.FORBIDDEN,
          "only the image pipeline moves an image from " + from + " to " + to, "status"));
    }
  }

  private static boolean isDeactivateOrReactivate(ImageStatus from, ImageStatus to) {
    return (from == ImageStatus.ACTIVE && to == ImageStatus.DEACTIVATED)
        || (from == ImageStatus.DEACTIVATED && to == ImageStatus.ACTIVE);
  }
}
