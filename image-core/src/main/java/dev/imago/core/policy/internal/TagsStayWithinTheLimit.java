package dev.imago.core.policy.internal;

import dev.imago.core.policy.Action;
import dev.imago.core.policy.ActionKind;
import dev.imago.core.policy.Category;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.Violation;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.RuleCode;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** An image carries a bounded number of tags (INPUT_TAGS). */
final class TagsStayWithinTheLimit extends BuiltInRule {
  TagsStayWithinTheLimit() {
    super(RuleCode.INPUT_TAGS, ActionKind.CREATE, ActionKind.REGISTER_PUBLIC,
        ActionKind.UPDATE_TAGS);
  }

  @Override
  void judge(Context context, @Nullable ImageRecord image, Consumer<Violation> violations) {
    Map<String, String> tags;
    if (context.action() instanceof Action.Create create) {
      tags = create.spec().tags();
    } else if (context.action() instanceof Action.RegisterPublic register) {
      tags = register.spec().tags();
    } else {
      tags = ((Action.UpdateTags) context.action()).tags();
    }
    int limit = context.settings().maxTags();
    if (tags.size() > limit) {
      violations.accept(violation(Category.INVALID,
          "an image carries at most " + limit + " tags, not " + tags.size(), "tags"));
    }
  }
}
