package dev.imago.core.policy.internal;

import dev.imago.core.policy.Category;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.Violation;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.RuleCode;
import dev.imago.spi.TenantId;
import java.util.List;
import java.util.function.Consumer;

/**
 * An image has a bounded number of members; a batch that would pass the limit is rejected
 * whole. Tenants that already are members do not count twice (SHARE_MEMBER_LIMIT).
 */
final class MembersStayWithinTheLimit extends ShareRule {
  MembersStayWithinTheLimit() {
    super(RuleCode.SHARE_MEMBER_LIMIT);
  }

  @Override
  void check(Context context, ImageRecord image, List<TenantId> recipients,
      Consumer<Violation> violations) {
    int added = 0;
    for (TenantId recipient : recipients) {
      if (!image.members().containsKey(recipient)) {
        added++;
      }
    }
    int limit = context.settings().maxMembers(image.type());
    // Current members shared again change nothing (SHARE_DUPLICATE), so only new ones can pass it.
    if (added > 0 && image.members().size() + added > limit) {
      violations.accept(violation(Category.QUOTA, "image " + image.id() + " has "
          + image.members().size() + " members and may have " + limit + "; the " + added
          + " new ones do not fit", "recipients"));
    }
  }
}
