package dev.imago.core.policy.internal;

import dev.imago.core.policy.Category;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.UseRequest;
import dev.imago.core.policy.UseTarget;
import dev.imago.core.policy.Violation;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageType;
import dev.imago.spi.RuleCode;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * System-disk images (public and market ones too) create servers or change a server's OS;
 * full-server images create a server with all its data disks; data-disk images create data
 * disks; ISO images create temporary installation servers (USE_TARGET).
 */
final class EachTypeCreatesItsOwnTargets extends UseRule {
  private static final Map<ImageType, Set<UseTarget>> TARGETS = new EnumMap<>(ImageType.class);

  static {
    TARGETS.put(ImageType.SYSTEM_DISK, EnumSet.of(UseTarget.SERVER, UseTarget.CHANGE_OS));
    TARGETS.put(ImageType.FULL_SERVER, EnumSet.of(UseTarget.SERVER));
    TARGETS.put(ImageType.DATA_DISK, EnumSet.of(UseTarget.DATA_DISK));
    TARGETS.put(ImageType.ISO, EnumSet.of(UseTarget.TEMPORARY_SERVER));
  }

  EachTypeCreatesItsOwnTargets() {
    super(RuleCode.USE_TARGET);
  }

  /**
   * Returns what an image type creates.
   *
   * @param type the image type
   * @return the targets
   */
  static Set<UseTarget> targetsOf(ImageType type) {
    return TARGETS.get(type);
  }

  @Override
  void check(Context context, ImageRecord image, UseRequest request,
      Consumer<Violation> violations) {
    Set<UseTarget> targets = TARGETS.get(image.type());
    if (!targets.contains(request.target())) {
      violations.accept(violation(Category.INVALID, "a " + image.type() + " image creates "
          + targets + ", not " + request.target(), "target"));
    }
  }
}
