package dev.imago.core.policy.internal;

import dev.imago.core.policy.ActionKind;
import dev.imago.core.policy.Category;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.ImageSpec;
import dev.imago.core.policy.SourceRef;
import dev.imago.core.policy.Violation;
import dev.imago.spi.ImageType;
import dev.imago.spi.RuleCode;
import java.util.function.Consumer;

/**
 * A full-server image holds the system disk and every data disk of one server, so it comes from
 * a server or a cloud backup of one (CREATE_FULL_SERVER).
 */
final class FullServerImagesHoldEveryDisk extends CreateRule {
  FullServerImagesHoldEveryDisk() {
    super(RuleCode.CREATE_FULL_SERVER, ActionKind.CREATE);
  }

  @Override
  void check(Context context, ImageSpec spec, Consumer<Violation> violations) {
    if (spec.type() == ImageType.FULL_SERVER
        && !(spec.source() instanceof SourceRef.Server)
        && !(spec.source() instanceof SourceRef.Backup)) {
      violations.accept(violation(Category.INVALID,
          "a full-server image is made from a server or a cloud server backup", "source"));
    }
  }
}
