package dev.imago.core.policy.internal;

import dev.imago.core.policy.ActionKind;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.Violation;
import dev.imago.spi.ImageClass;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.RuleCode;
import java.util.function.Consumer;

/**
 * Only the owner protects, tags, deactivates or deletes its image; the operator's image
 * pipeline also moves its status (CHANGE_NOT_OWNER).
 */
final class OnlyTheOwnerChangesAnImage extends BuiltInRule {
  OnlyTheOwnerChangesAnImage() {
    super(RuleCode.CHANGE_NOT_OWNER, ActionKind.CHANGE_STATUS, ActionKind.PROTECT,
        ActionKind.UNPROTECT, ActionKind.UPDATE_TAGS, ActionKind.DELETE,
        ActionKind.DEPRECATE, ActionKind.CANCEL_DEPRECATION, ActionKind.SET_FAMILY);
  }

  @Override
  void check(Context context, ImageRecord image, Consumer<Violation> violations) {
    boolean pipeline = context.caller().isOperator()
        && context.action().kind() == ActionKind.CHANGE_STATUS;
    if (image.imageClass() != ImageClass.PUBLIC && !pipeline && !Facts.isOwner(context, image)) {
      refuse(violations, "only the owner changes image " + image.id(), "imageId");
    }
  }
}
