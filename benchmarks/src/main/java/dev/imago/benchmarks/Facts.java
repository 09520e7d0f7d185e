package dev.imago.benchmarks;

import dev.imago.core.policy.UseTarget;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageType;
import dev.imago.spi.TenantId;
import dev.imago.spi.TenantInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The facts the hand-written floor and the peers decide from, as a host would keep them next to
 * its policy engine: the images and the tenants by id, in hash maps, the same records Imago's
 * store holds.
 */
final class Facts {
  /** The member limit of rule SHARE_MEMBER_LIMIT, the default of every image type. */
  static final int MEMBER_LIMIT = 128;

  final Map<ImageId, ImageRecord> images = new HashMap<>();
  final Map<TenantId, TenantInfo> tenants = new HashMap<>();

  void add(ImageRecord image) {
    images.put(image.id(), image);
  }

  void add(TenantInfo tenant) {
    tenants.put(tenant.id(), tenant);
  }

  /** Tells whether an image type creates a target (rule USE_TARGET), allocating nothing. */
  static boolean creates(ImageType type, UseTarget target) {
    return switch (type) {
      case SYSTEM_DISK -> target == UseTarget.SERVER || target == UseTarget.CHANGE_OS;
      case FULL_SERVER -> target == UseTarget.SERVER;
      case DATA_DISK -> target == UseTarget.DATA_DISK;
      case ISO -> target == UseTarget.TEMPORARY_SERVER;
    };
  }

  /** Returns the names of the targets an image type creates, for the rule engines' facts. */
  static List<String> targetNames(ImageType type) {
    List<String> names = new ArrayList<>();
    for (UseTarget target : UseTarget.values()) {
      if (creates(type, target)) {
        names.add(target.name());
      }
    }
    return names;
  }
}
