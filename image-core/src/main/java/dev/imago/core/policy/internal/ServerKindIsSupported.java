package dev.imago.core.policy.internal;

import dev.imago.core.policy.Category;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.UseRequest;
import dev.imago.core.policy.Violation;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageType;
import dev.imago.spi.RuleCode;
import dev.imago.spi.ServerKind;
import java.util.Optional;
import java.util.function.Consumer;

/** A server is created only of a kind the image supports (USE_SERVER_KIND). */
final class ServerKindIsSupported extends UseRule {
  ServerKindIsSupported() {
    super(RuleCode.USE_SERVER_KIND);
  }

  @Override
  void check(Context context, ImageRecord image, UseRequest request,
      Consumer<Violation> violations) {
    // A data-disk image runs on no server at all; USE_TARGET already says so.
    if (!request.target().isServer() || image.type() == ImageType.DATA_DISK) {
      return;
    }
    Optional<ServerKind> kind = request.serverKind();
    if (kind.isPresent() && !image.serverKinds().contains(kind.get())) {
      violations.accept(violation(Category.INVALID, "image " + image.id() + " runs on "
          + image.serverKinds() + ", not " + kind.get(), "serverKind"));
    }
  }
}
