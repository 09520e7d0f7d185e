package dev.imago.core.policy.internal;

import dev.imago.core.policy.Action;
import dev.imago.core.policy.ActionKind;
import dev.imago.core.policy.Category;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.SourceRef;
import dev.imago.core.policy.Violation;
import dev.imago.spi.ImageClass;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageType;
import dev.imago.spi.RuleCode;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Only the platform operator registers, changes, deactivates or deletes public images, and a
 * public image is a system-disk image imported from a file into one region (CREATE_PUBLIC).
 */
final class OnlyTheOperatorManagesPublicImages extends BuiltInRule {
  OnlyTheOperatorManagesPublicImages() {
    super(RuleCode.CREATE_PUBLIC, ActionKind.REGISTER_PUBLIC, ActionKind.CHANGE_STATUS,
        ActionKind.PROTECT, ActionKind.UNPROTECT, ActionKind.UPDATE_TAGS, ActionKind.DELETE,
        ActionKind.DEPRECATE, ActionKind.CANCEL_DEPRECATION, ActionKind.SET_FAMILY);
  }

  @Override
  void judge(Context context, @Nullable ImageRecord image, Consumer<Violation> violations) {
    if (context.action() instanceof Action.RegisterPublic register) {
      if (!context.caller().isOperator()) {
        refuse(violations, "only the platform operator registers public images", "caller");
        return;
      }
      if (register.spec().type() != ImageType.SYSTEM_DISK) {
        violations.accept(violation(Category.INVALID,
            "a public image is a SYSTEM_DISK image, not " + register.spec().type(), "type"));
      }
      if (!(register.spec().source() instanceof SourceRef.File)) {
        violations.accept(violation(Category.INVALID,
            "a public image is imported from a file", "source"));
      }
      return;
    }
    super.judge(context, image, violations);
  }

  @Override
  void check(Context context, ImageRecord image, Consumer<Violation> violations) {
    if (image.imageClass() == ImageClass.PUBLIC && !context.caller().isOperator()) {
      refuse(violations, "only the platform operator changes public image " + image.id(),
          "imageId");
    }
  }
}
