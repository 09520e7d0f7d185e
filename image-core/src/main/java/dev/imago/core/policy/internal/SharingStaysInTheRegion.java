package dev.imago.core.policy.internal;

import dev.imago.core.policy.Category;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.Violation;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.RuleCode;
import dev.imago.spi.TenantId;
import dev.imago.spi.TenantInfo;
import java.util.List;
import java.util.function.Consumer;

/** Sharing stays inside the image's region (SHARE_REGION). */
final class SharingStaysInTheRegion extends ShareRule {
  SharingStaysInTheRegion() {
    super(RuleCode.SHARE_REGION);
  }

  @Override
  void check(Context context, ImageRecord image, List<TenantId> recipients,
      Consumer<Violation> violations) {
    for (int i = 0; i < recipients.size(); i++) {
      TenantInfo recipient = context.tenants().get(recipients.get(i));
      if (recipient != null && !recipient.region().equals(image.region())) {
        violations.accept(violation(Category.INVALID, "tenant " + recipient.id() + " is in "
            + recipient.region() + " and image " + image.id() + " in " + image.region()
            + "; replicate the image to " + recipient.region() + " first and share the replica",
            "recipients[" + i + "]"));
      }
    }
  }
}
