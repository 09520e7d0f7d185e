package dev.imago.core.policy.internal;

import dev.imago.core.policy.ActionKind;
import dev.imago.core.policy.Category;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.ImageSpec;
import dev.imago.core.policy.SourceRef;
import dev.imago.core.policy.Violation;
import dev.imago.spi.DiskRole;
import dev.imago.spi.ImageType;
import dev.imago.spi.RuleCode;
import java.util.function.Consumer;

/**
 * A data-disk image holds only business data: it comes from a data disk or an imported file
 * and has no OS (CREATE_DATA_DISK).
 */
final class DataDiskImagesHoldOnlyData extends CreateRule {
  DataDiskImagesHoldOnlyData() {
    super(RuleCode.CREATE_DATA_DISK, ActionKind.CREATE);
  }

  @Override
  void check(Context context, ImageSpec spec, Consumer<Violation> violations) {
    if (spec.type() != ImageType.DATA_DISK) {
      return;
    }
    if (spec.os().isPresent()) {
      violations.accept(violation(Category.INVALID, "a data-disk image has no OS", "os"));
    }
    if (spec.source() instanceof SourceRef.Disk disk) {
      context.disk()
          .filter(found -> found.id().equals(disk.id()))
          .filter(found -> found.spec().role() != DiskRole.DATA)
          .ifPresent(found -> violations.accept(violation(Category.INVALID,
              "disk " + disk.id() + " is a system disk; make a system-disk image from its server",
              "source")));
    } else if (!(spec.source() instanceof SourceRef.File)) {
      violations.accept(violation(Category.INVALID,
          "a data-disk image is made from a data disk or an imported file", "source"));
    }
  }
}
