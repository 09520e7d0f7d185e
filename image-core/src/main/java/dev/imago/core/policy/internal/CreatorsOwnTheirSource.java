package dev.imago.core.policy.internal;

import dev.imago.core.policy.Action;
import dev.imago.core.policy.ActionKind;
import dev.imago.core.policy.Category;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.SourceRef;
import dev.imago.core.policy.Violation;
import dev.imago.spi.RegionId;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.RuleCode;
import dev.imago.spi.TenantId;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The caller owns the server, disk, backup or file it creates an image from, in its own region;
 * a source that does not exist answers the same, so that nothing leaks (CREATE_SOURCE_ACCESS).
 * The operator registers public images from any file that exists.
 */
final class CreatorsOwnTheirSource extends BuiltInRule {
  CreatorsOwnTheirSource() {
    super(RuleCode.CREATE_SOURCE_ACCESS, ActionKind.CREATE, ActionKind.REGISTER_PUBLIC);
  }

  @Override
  void judge(Context context, @Nullable ImageRecord image, Consumer<Violation> violations) {
    if (context.action() instanceof Action.RegisterPublic register) {
      if (owner(context, register.spec().source()).isEmpty()) {
        violations.accept(violation(Category.INVALID,
            "the file " + describe(register.spec().source()) + " does not exist", "source"));
      }
    } else if (context.action() instanceof Action.Create create) {
      SourceRef source = create.spec().source();
      Optional<TenantId> owner = owner(context, source);
      Optional<RegionId> region = region(context, source);
      // A tenant the directory does not know has no region, so it owns nothing "in its region"
      // (and the new image would have no region to live in).
      boolean owned = owner.isPresent() && context.caller().is(owner.get())
          && context.callerTenant().map(tenant -> region.get().equals(tenant.region()))
              .orElse(false);
      if (!owned) {
        // Another tenant's source answers as one that does not exist, and nothing else is said
        // about it: not its size, format or disks.
        refuse(violations, Facts.tenantOf(context) + " has no " + describe(source)
            + " in its region", "source");
      }
    }
  }

  private static Optional<TenantId> owner(Context context, SourceRef source) {
    if (source instanceof SourceRef.Server server) {
      return context.server().filter(found -> found.id().equals(server.id()))
          .map(found -> found.owner());
    } else if (source instanceof SourceRef.Disk disk) {
      return context.disk().filter(found -> found.id().equals(disk.id()))
          .map(found -> found.owner());
    } else if (source instanceof SourceRef.Backup backup) {
      return context.backup().filter(found -> found.id().equals(backup.id()))
          .map(found -> found.owner());
    }
    SourceRef.File file = (SourceRef.File) source;
    return context.file().filter(found -> found.id().equals(file.id()))
        .map(found -> found.owner());
  }

  private static Optional<RegionId> region(Context context, SourceRef source) {
    if (source instanceof SourceRef.Server) {
      return context.server().map(found -> found.region());
    } else if (source instanceof SourceRef.Disk) {
      return context.disk().map(found -> found.region());
    } else if (source instanceof SourceRef.Backup) {
      return context.backup().map(found -> found.region());
    }
    return context.file().map(found -> found.region());
  }

  private static String describe(SourceRef source) {
    if (source instanceof SourceRef.Server server) {
      return "server " + server.id();
    } else if (source instanceof SourceRef.Disk disk) {
      return "disk " + disk.id();
    } else if (source instanceof SourceRef.Backup backup) {
      return "backup " + backup.id();
    }
    return "file " + ((SourceRef.File) source).id();
  }
}
