package dev.imago.core.policy.internal;

import dev.imago.core.policy.ActionKind;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.Notice;
import dev.imago.core.policy.Violation;
import dev.imago.spi.Deprecation;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.RuleCode;
import java.util.function.Consumer;

/**
 * Using a deprecated image is allowed, and the decision carries a notice naming the deprecation
 * time and the replacement (USE_DEPRECATED). Leaving other tenants' default listings is the
 * store's part ({@code ImageQuery.matches}).
 */
final class DeprecatedImagesWarn extends BuiltInRule {
  DeprecatedImagesWarn() {
    super(RuleCode.USE_DEPRECATED, ActionKind.USE);
  }

  @Override
  public void notices(Context context, Consumer<Notice> notices) {
    ImageRecord image = context.image().orElse(null);
    if (image != null && image.isDeprecatedAt(context.now())) {
      Deprecation schedule = image.deprecation().get();
      notices.accept(Notice.of(code(), "image " + image.id() + " is deprecated since "
          + schedule.deprecatedAt()
          + schedule.obsoleteAt().map(obsolete -> " and becomes obsolete at " + obsolete)
              .orElse("")
          + schedule.replacement().map(replacement -> "; use image " + replacement + " instead")
              .orElse("; it has no replacement"), "imageId"));
    }
  }

  @Override
  void check(Context context, ImageRecord image, Consumer<Violation> violations) {
    // A notice, never a violation.
  }
}
