package dev.imago.core.policy.internal;

import dev.imago.core.policy.Action;
import dev.imago.core.policy.ActionKind;
import dev.imago.core.policy.Category;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.Violation;
import dev.imago.spi.ImageClass;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.RuleCode;
import java.util.List;
import java.util.function.Consumer;

/**
 * A deprecated image's replacement is another ACTIVE image of its region and type, not
 * deprecated when named, that everyone who sees the deprecated image sees: the same owner's
 * image or a MARKET image, a PUBLIC image for a PUBLIC one; and following replacements never
 * leads back (DEPRECATE_REPLACEMENT).
 */
final class ReplacementsAreEligible extends BuiltInRule {
  /** The longest chain of replacements followed; a longer one is refused, not walked. */
  static final int MAX_CHAIN = 32;

  ReplacementsAreEligible() {
    super(RuleCode.DEPRECATE_REPLACEMENT, ActionKind.DEPRECATE);
  }

  @Override
  void check(Context context, ImageRecord image, Consumer<Violation> violations) {
    Action.Deprecate deprecate = (Action.Deprecate) context.action();
    if (deprecate.schedule().replacement().isEmpty()) {
      return;
    }
    ImageId named = deprecate.schedule().replacement().get();
    List<ImageRecord> chain = context.replacements();
    if (named.equals(image.id())) {
      violations.accept(violation(Category.INVALID,
          "image " + image.id() + " cannot replace itself", "deprecation.replacement"));
      return;
    }
    ImageRecord replacement = chain.isEmpty() ? null : chain.get(0);
    // Another tenant's private image answers exactly as an id that does not exist.
    if (replacement == null || !replacement.id().equals(named)
        || !isSeenByEveryoneWhoSees(image, replacement)) {
      violations.accept(violation(Category.INVALID, "replacement " + named + " is not "
          + (image.imageClass() == ImageClass.PUBLIC ? "a public image"
              : "an image of the same owner or a market image"), "deprecation.replacement"));
      return;
    }
    if (!replacement.region().equals(image.region()) || replacement.type() != image.type()) {
      violations.accept(violation(Category.INVALID, "replacement " + named + " must be a "
          + image.type() + " image of region " + image.region(), "deprecation.replacement"));
    }
    if (replacement.status() != ImageStatus.ACTIVE) {
      violations.accept(violation(Category.CONFLICT, "replacement " + named + " is "
          + replacement.status() + ", not ACTIVE", "deprecation.replacement"));
    }
    if (replacement.isDeprecatedAt(context.now())) {
      violations.accept(violation(Category.CONFLICT, "replacement " + named
          + " is itself deprecated; name its own replacement instead", "deprecation.replacement"));
    }
    for (ImageRecord next : chain) {
      if (next.id().equals(image.id())) {
        violations.accept(violation(Category.CONFLICT, "replacement " + named
            + " leads back to image " + image.id() + " through its own replacements",
            "deprecation.replacement"));
        return;
      }
    }
    if (chain.size() > MAX_CHAIN) {
      violations.accept(violation(Category.CONFLICT, "replacement " + named + " starts a chain"
          + " of more than " + MAX_CHAIN + " replacements", "deprecation.replacement"));
    }
  }

  private static boolean isSeenByEveryoneWhoSees(ImageRecord image, ImageRecord replacement) {
    if (replacement.status() == ImageStatus.DELETED) {
      return false;
    }
    if (image.imageClass() == ImageClass.PUBLIC) {
      return replacement.imageClass() == ImageClass.PUBLIC;
    }
    return replacement.imageClass() == ImageClass.MARKET
        || image.owner().equals(replacement.owner());
  }
}
