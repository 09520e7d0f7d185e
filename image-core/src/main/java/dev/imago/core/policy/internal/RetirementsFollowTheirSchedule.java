package dev.imago.core.policy.internal;

import dev.imago.core.policy.Action;
import dev.imago.core.policy.ActionKind;
import dev.imago.core.policy.Category;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.Violation;
import dev.imago.spi.Deprecation;
import dev.imago.spi.ImageClass;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.RuleCode;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * An ACTIVE or DEACTIVATED image's retirement is scheduled between now and the longest lead (10
 * years, 2 for PUBLIC images), its obsolete time not in the past; the schedule may change or be
 * cancelled until the image is obsolete (DEPRECATE_SCHEDULE). Who may schedule is the ownership
 * rules' (CHANGE_NOT_OWNER, CREATE_PUBLIC).
 */
final class RetirementsFollowTheirSchedule extends BuiltInRule {
  RetirementsFollowTheirSchedule() {
    super(RuleCode.DEPRECATE_SCHEDULE, ActionKind.DEPRECATE, ActionKind.CANCEL_DEPRECATION);
  }

  @Override
  void check(Context context, ImageRecord image, Consumer<Violation> violations) {
    Instant now = context.now();
    if (image.isObsoleteAt(now)) {
      violations.accept(violation(Category.CONFLICT, "image " + image.id() + " is obsolete since "
          + image.deprecation().get().obsoleteAt().get() + "; its schedule no longer changes",
          "imageId"));
      return;
    }
    if (!(context.action() instanceof Action.Deprecate deprecate)) {
      return;
    }
    if (image.status() != ImageStatus.ACTIVE && image.status() != ImageStatus.DEACTIVATED) {
      violations.accept(violation(Category.CONFLICT, "image " + image.id() + " is "
          + image.status() + "; only ACTIVE or DEACTIVATED images are retired", "imageId"));
    }
    Deprecation schedule = deprecate.schedule();
    // A schedule already in force keeps its deprecation time while its other parts change.
    boolean keepsItsTime = image.deprecation()
        .filter(current -> current.deprecatedAt().equals(schedule.deprecatedAt())).isPresent();
    if (!keepsItsTime && schedule.deprecatedAt().isBefore(now)) {
      violations.accept(violation(Category.INVALID, "the deprecation time "
          + schedule.deprecatedAt() + " is in the past", "deprecation.deprecatedAt"));
    }
    boolean isPublic = image.imageClass() == ImageClass.PUBLIC;
    Duration lead = isPublic ? context.settings().maxPublicDeprecationLead()
        : context.settings().maxDeprecationLead();
    if (schedule.deprecatedAt().isAfter(now.plus(lead))) {
      violations.accept(violation(Category.INVALID, "the deprecation time "
          + schedule.deprecatedAt() + " is more than " + lead.toDays() + " days ahead, the most"
          + (isPublic ? " for a PUBLIC image" : ""), "deprecation.deprecatedAt"));
    }
    if (schedule.obsoleteAt().filter(obsolete -> obsolete.isBefore(now)).isPresent()) {
      violations.accept(violation(Category.INVALID, "the obsolete time "
          + schedule.obsoleteAt().get() + " is in the past", "deprecation.obsoleteAt"));
    }
  }
}
