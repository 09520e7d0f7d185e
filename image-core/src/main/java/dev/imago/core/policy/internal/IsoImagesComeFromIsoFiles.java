package dev.imago.core.policy.internal;

import dev.imago.core.policy.ActionKind;
import dev.imago.core.policy.Category;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.ImageSpec;
import dev.imago.core.policy.SourceRef;
import dev.imago.core.policy.Violation;
import dev.imago.spi.FileFormat;
import dev.imago.spi.ImageType;
import dev.imago.spi.RuleCode;
import java.util.function.Consumer;

/** An ISO image is registered from an ISO file (CREATE_ISO). */
final class IsoImagesComeFromIsoFiles extends CreateRule {
  IsoImagesComeFromIsoFiles() {
    super(RuleCode.CREATE_ISO, ActionKind.CREATE);
  }

  @Override
  void check(Context context, ImageSpec spec, Consumer<Violation> violations) {
    if (spec.type() != ImageType.ISO) {
      return;
    }
    if (spec.source() instanceof SourceRef.File file) {
      context.file()
          .filter(found -> found.id().equals(file.id()) && found.format() != FileFormat.ISO)
          .ifPresent(found -> violations.accept(violation(Category.INVALID,
              "an ISO image is registered from an ISO file, not " + found.format(), "source")));
    } else {
      violations.accept(violation(Category.INVALID,
          "an ISO image is registered from an ISO file", "source"));
    }
  }
}
