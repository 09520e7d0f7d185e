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

/**
 * A disk image is imported from a file of a disk format; ISO files only make ISO images
 * (CREATE_IMPORT_FORMAT).
 */
final class ImportedFilesHaveADiskFormat extends CreateRule {
  ImportedFilesHaveADiskFormat() {
    super(RuleCode.CREATE_IMPORT_FORMAT, ActionKind.CREATE, ActionKind.REGISTER_PUBLIC);
  }

  @Override
  void check(Context context, ImageSpec spec, Consumer<Violation> violations) {
    if (spec.type() == ImageType.ISO || !(spec.source() instanceof SourceRef.File file)) {
      return;
    }
    context.file()
        .filter(found -> found.id().equals(file.id()) && !found.format().isDiskFormat())
        .ifPresent(found -> violations.accept(violation(Category.INVALID,
            "a " + spec.type() + " image is not imported from a " + found.format()
                + " file; the formats are " + FileFormat.allowedFormats(),
            "source")));
  }
}
