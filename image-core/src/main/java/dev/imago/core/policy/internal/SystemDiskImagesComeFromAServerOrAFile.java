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
 * A system-disk image comes from a server's system disk or an imported file; an imported one
 * states its OS, and its minimum disk is never below the system disk (CREATE_SYSTEM_DISK).
 */
final class SystemDiskImagesComeFromAServerOrAFile extends CreateRule {
  SystemDiskImagesComeFromAServerOrAFile() {
    super(RuleCode.CREATE_SYSTEM_DISK, ActionKind.CREATE, ActionKind.REGISTER_PUBLIC);
  }

  @Override
  void check(Context context, ImageSpec spec, Consumer<Violation> violations) {
    if (spec.type() != ImageType.SYSTEM_DISK) {
      return;
    }
    if (spec.source() instanceof SourceRef.Server server) {
      context.server().filter(found -> found.id().equals(server.id())).ifPresent(found -> {
        int systemDisk = found.machine().systemDisk().sizeGib();
        if (spec.minDiskGib().isPresent() && spec.minDiskGib().getAsInt() < systemDisk) {
          violations.accept(violation(Category.INVALID, "the minimum disk must be at least the"
              + " server's system disk, " + systemDisk + " GiB", "minDiskGib"));
        }
      });
    } else if (spec.source() instanceof SourceRef.File) {
      if (spec.os().isEmpty()) {
        violations.accept(violation(Category.INVALID,
            "an imported system-disk image must state its OS", "os"));
      }
    } else {
      violations.accept(violation(Category.INVALID,
          "a system-disk image is made from a server or an imported file", "source"));
    }
  }
}
