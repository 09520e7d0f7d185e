package dev.imago.core.policy.internal;

import dev.imago.core.policy.ActionKind;
import dev.imago.core.policy.Category;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.Violation;
import dev.imago.spi.Deprecation;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.RuleCode;
import java.util.function.Consumer;

/**
 * From its obsolete time an image creates nothing new and is not shared, published or
 * replicated; the violation names the replacement, if any (USE_OBSOLETE).
 */
final class ObsoleteImagesCreateNothingNew extends BuiltInRule {
  ObsoleteImagesCreateNothingNew() {
    super(RuleCode.USE_OBSOLETE, ActionKind.USE, ActionKind.SHARE, ActionKind.PUBLISH,
        ActionKind.REPLICATE);
  }

  @Override
  void check(Context context, ImageRecord image, Consumer<Violation> violations) {
    if (image.isObsoleteAt(context.now())) {
      Deprecation schedule = image.deprecation().get();
      violations.accept(violation(Category.CONFLICT, "image " + image.id() + " is obsolete since "
          + schedule.obsoleteAt().get() + schedule.replacement()
              .map(replacement -> "; use image " + replacement + " instead")
              .orElse(" and has no replacement"), "imageId"));
    }
  }
}
