package dev.imago.core.policy.internal;

import dev.imago.core.policy.Category;
import dev.imago.core.policy.Charge;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.UseRequest;
import dev.imago.core.policy.Violation;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.RuleCode;
import java.util.List;
import java.util.function.Consumer;

/**
 * A paid market image is used only after the caller accepts the charges, which the decision
 * lists (USE_MARKET_TERMS).
 */
final class PaidImagesNeedAcceptedTerms extends UseRule {
  PaidImagesNeedAcceptedTerms() {
    super(RuleCode.USE_MARKET_TERMS);
  }

  @Override
  void check(Context context, ImageRecord image, UseRequest request,
      Consumer<Violation> violations) {
    if (request.acceptsPrice()) {
      return;
    }
    List<Charge> charges = Fees.charges(context, image);
    if (!charges.isEmpty()) {
      violations.accept(violation(Category.FORBIDDEN, "image " + image.id()
          + " is a paid market image; accept its charges " + charges + " to use it",
          "acceptsPrice"));
    }
  }
}
