package dev.imago.core.policy.internal;

import dev.imago.core.policy.ActionKind;
import dev.imago.core.policy.Category;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.Violation;
import dev.imago.spi.ImageClass;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.ImageType;
import dev.imago.spi.RuleCode;
import dev.imago.spi.TenantInfo;
import java.util.function.Consumer;

/**
 * Only the owner, as a registered seller, publishes an ACTIVE, unencrypted SYSTEM_DISK or
 * FULL_SERVER private image (MARKET_PUBLISH; the unshared part is SHARE_MARKET).
 */
final class OnlyEligibleImagesArePublished extends BuiltInRule {
  OnlyEligibleImagesArePublished() {
    super(RuleCode.MARKET_PUBLISH, ActionKind.PUBLISH);
  }

  @Override
  void check(Context context, ImageRecord image, Consumer<Violation> violations) {
    if (!Facts.isOwner(context, image)) {
      refuse(violations, "only the owner publishes image " + image.id(), "imageId");
      return;
    }
    if (!context.callerTenant().map(TenantInfo::seller).orElse(false)) {
      violations.accept(violation(Category.FORBIDDEN,
          Facts.tenantOf(context) + " is not a registered marketplace seller", "caller"));
    }
    if (image.imageClass() != ImageClass.PRIVATE) {
      violations.accept(violation(Category.CONFLICT,
          "image " + image.id() + " is " + image.imageClass() + ", not PRIVATE", "imageId"));
    }
    if (image.status() != ImageStatus.ACTIVE) {
      violations.accept(violation(Category.CONFLICT,
          "image " + image.id() + " is " + image.status() + ", not ACTIVE", "imageId"));
    }
    if (image.isEncrypted()) {
      violations.accept(violation(Category.CONFLICT,
          "image " + image.id() + " is encrypted and cannot be published", "imageId"));
    }
    if (image.type() != ImageType.SYSTEM_DISK && image.type() != ImageType.FULL_SERVER) {
      violations.accept(violation(Category.INVALID, "a " + image.type()
          + " image cannot be published; only SYSTEM_DISK and FULL_SERVER images", "imageId"));
    }
  }
}
