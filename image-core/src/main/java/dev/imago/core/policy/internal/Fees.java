package dev.imago.core.policy.internal;

import dev.imago.core.policy.Action;
import dev.imago.core.policy.Charge;
import dev.imago.core.policy.Context;
import dev.imago.spi.ImageClass;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.MarketListing;
import dev.imago.spi.Price;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What using an image costs (rule {@code USE_MARKET_TERMS}). */
public final class Fees {
  private Fees() {}

  /**
   * Returns the charges of the action in the context: the image fee and, when known, the server
   * fee, for a tenant other than the seller using a paid market image; none otherwise.
   *
   * @param context the facts of the decision
   * @param image the context's image, or {@code null} when it has none
   * @return the charges
   */
  public static List<Charge> charges(Context context, @Nullable ImageRecord image) {
    if (!(context.action() instanceof Action.Use use) || image == null) {
      return List.of();
    }
    if (image.imageClass() != ImageClass.MARKET
        || Facts.isOwner(context, image)
        || !image.listing().map(MarketListing::isPaid).orElse(false)) {
      return List.of();
    }
    Charge imageFee = new Charge(Charge.Kind.IMAGE_FEE, image.listing().get().price().get());
    return use.request().serverFee()
        .map((Price fee) -> List.of(imageFee, new Charge(Charge.Kind.SERVER_FEE, fee)))
        .orElse(List.of(imageFee));
  }
}
