package dev.imago.core.policy.internal;

import dev.imago.core.policy.ActionKind;
import dev.imago.core.policy.Category;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.ImageSpec;
import dev.imago.core.policy.SourceRef;
import dev.imago.core.policy.Violation;
import dev.imago.spi.FileFacts;
import dev.imago.spi.FileFormat;
import dev.imago.spi.RuleCode;
import java.util.function.Consumer;

/**
 * An imported file is at most the import limit; a RAW file with a bitmap, or a ZVHD2 file, may
 * use fast import up to the larger fast-import limit (CREATE_IMPORT_SIZE).
 */
final class ImportedFilesFitTheSizeLimit extends CreateRule {
  ImportedFilesFitTheSizeLimit() {
    super(RuleCode.CREATE_IMPORT_SIZE, ActionKind.CREATE, ActionKind.REGISTER_PUBLIC);
  }

  @Override
  void check(Context context, ImageSpec spec, Consumer<Violation> violations) {
    if (!(spec.source() instanceof SourceRef.File file)) {
      return;
    }
    context.file().filter(found -> found.id().equals(file.id())).ifPresent(found -> {
      long limit = fastImport(found)
          ? context.settings().maxFastImportBytes() : context.settings().maxImportBytes();
      if (found.sizeBytes() > limit) {
        violations.accept(violation(Category.INVALID, "file " + found.id() + " has "
            + found.sizeBytes() + " bytes; the limit for " + found.format()
            + (found.hasBitmap() ? " with a bitmap" : "") + " is " + limit + " bytes", "source"));
      }
    });
  }

  private static boolean fastImport(FileFacts file) {
    return file.format() == FileFormat.ZVHD2
        || (file.format() == FileFormat.RAW && file.hasBitmap());
  }
}
