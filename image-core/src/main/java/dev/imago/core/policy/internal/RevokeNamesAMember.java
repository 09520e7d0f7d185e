package dev.imago.core.policy.internal;

import dev.imago.core.policy.Action;
import dev.imago.core.policy.ActionKind;
import dev.imago.core.policy.Category;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.Violation;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.RuleCode;
import dev.imago.spi.TenantId;
import java.util.function.Consumer;

/**
 * The owner revokes any member, whatever its answer and whatever the image's status, without
 * its consent; the tenant revoked must be a member (SHARE_REVOKE).
 */
final class RevokeNamesAMember extends BuiltInRule {
  RevokeNamesAMember() {
    super(RuleCode.SHARE_REVOKE, ActionKind.REVOKE);
  }

  @Override
  void check(Context context, ImageRecord image, Consumer<Violation> violations) {
    TenantId member = ((Action.Revoke) context.action()).member();
    if (!image.members().containsKey(member)) {
      violations.accept(violation(Category.INVALID,
          "tenant " + member + " is not a member of image " + image.id(), "member"));
    }
  }
}
