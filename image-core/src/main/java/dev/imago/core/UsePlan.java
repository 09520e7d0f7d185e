package dev.imago.core;

import dev.imago.core.policy.Charge;
import dev.imago.core.policy.Notice;
import dev.imago.core.policy.UseTarget;
import dev.imago.spi.DiskSpec;
import dev.imago.spi.ImageId;
import dev.imago.spi.Inputs;
import java.util.List;

/**
 * What using an image will create, and what it will cost: the answer of {@link
 * ImageService#authorizeUse}. The host's compute service carries it out.
 *
 * @param image the image used
 * @param target what is created: a server, a new OS for a server, a data disk, or a temporary
 *     installation server
 * @param disks the disks created, the system disk first: one system disk for a system-disk
 *     image, the system disk and every data disk for a full-server image, one data disk for a
 *     data-disk image, none for an ISO image's temporary server
 * @param charges the image fee and the server fee of a paid market image; empty otherwise
 * @param notices what to tell the user although the use is allowed, such as the image's
 *     deprecation and its replacement (rule {@code USE_DEPRECATED}); empty otherwise
 */
public record UsePlan(ImageId image, UseTarget target, List<DiskSpec> disks, List<Charge> charges,
    List<Notice> notices) {
  /**
   * Checks and copies the parts.
   *
   * @throws dev.imago.spi.InputException if a part is absent
   */
  public UsePlan {
    Inputs.present(image, "image");
    Inputs.present(target, "target");
    disks = List.copyOf(Inputs.presentElements(disks, "disks"));
    charges = List.copyOf(Inputs.presentElements(charges, "charges"));
    notices = List.copyOf(Inputs.presentElements(notices, "notices"));
  }

  /**
   * Tells whether a server is created together with data disks, as from a full-server image.
   *
   * @return {@code true} when the plan holds data disks for a new server
   */
  public boolean createsDataDisksWithServer() {
    return target == UseTarget.SERVER && disks.size() > 1;
  }
}
