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

/** A recipient exists, is ACTIVE and is not the owner (SHARE_RECIPIENT). */
final class RecipientsExistAndAreActive extends ShareRule {
  RecipientsExistAndAreActive() {
    super(RuleCode.SHARE_RECIPIENT);
  }

  @Override
  void check(Context context, ImageRecord image, List<TenantId> recipients,
      Consumer<Violation> violations) {
    for (int i = 0; i < recipients.size(); i++) {
      TenantId id = recipients.get(i);
      TenantInfo recipient = context.tenants().get(id);
      if (image.isOwnedBy(id)) {
        violations.accept(violation(Category.INVALID,
            "tenant " + id + " owns the image and cannot be a member", field(i)));
      } else if (recipient == null) {
        violations.accept(violation(Category.INVALID, "tenant " + id + " does not exist",
            field(i)));
      } else if (!recipient.isActive()) {
        violations.accept(violation(Category.INVALID,
            "tenant " + id + " is " + recipient.status() + " and receives no shares", field(i)));
      }
    }
  }

  // Named only when a violation needs it: most shares are allowed, and cost no string.
  private static String field(int recipient) {
    return "recipients[" + recipient + "]";
  }
}
