package dev.imago.core.policy.internal;

import dev.imago.core.policy.Action;
import dev.imago.core.policy.ActionKind;
import dev.imago.core.policy.Category;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.Violation;
import dev.imago.spi.RuleCode;
import java.util.function.Consumer;

/**
 * A tenant acts only on images it can see; any other answers as not found, never as forbidden,
 * so that existence does not leak (USE_NOT_VISIBLE).
 */
final class UnseenImagesAreNotFound extends BuiltInRule {
  UnseenImagesAreNotFound() {
    super(RuleCode.USE_NOT_VISIBLE, ActionKind.READ, BuiltInRules.ON_IMAGES);
  }

  @Override
  public void check(Context context, Consumer<Violation> violations) {
    if (!(context.action() instanceof Action.OnImage onImage)) {
      return;
    }
    if (context.image().isEmpty()
        || !Facts.canSee(context, context.image().get(), context.action().kind())) {
      violations.accept(violation(Category.NOT_FOUND,
          "image " + onImage.image() + " does not exist", "imageId"));
    }
  }
}
