package dev.imago.examples.rest;

import dev.imago.core.ShareResult;
import dev.imago.core.UsePlan;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.Membership;
import dev.imago.spi.Page;
import dev.imago.spi.TenantId;
import java.time.Instant;
import java.util.List;

/**
 * What the service sends and receives as JSON: plain records, so that the wire format is written
 * down here rather than derived from Imago's value classes.
 */
public final class Views {
  private Views() {}

  /**
   * A request to create a private image from one source.
   *
   * @param name the image's name
   * @param type SYSTEM_DISK, DATA_DISK, FULL_SERVER or ISO
   * @param server the server it is made from, or {@code null}
   * @param backup the cloud backup it is made from, or {@code null}
   * @param encryptionKey the KMS key that encrypts it, or {@code null}
   */
  public record NewImage(String name, String type, String server, String backup,
      String encryptionKey) {}

  /**
   * An image as its owner or a member sees it.
   *
   * @param id the image
   * @param name its name
   * @param imageClass PUBLIC, PRIVATE or MARKET
   * @param type its type
   * @param status its status
   * @param region its region
   * @param encrypted whether it is encrypted
   * @param createdAt when it was created
   * @param version its version, for caches
   */
  public record ImageView(String id, String name, String imageClass, String type, String status,
      String region, boolean encrypted, Instant createdAt, long version) {
    static ImageView of(ImageRecord image) {
      return new ImageView(image.id().value(), image.name(), image.imageClass().name(),
          image.type().name(), image.status().name(), image.region().value(),
          image.encryptionKey().isPresent(), image.createdAt(), image.version());
    }
  }

  /**
   * One page of a listing.
   *
   * @param items the images
   * @param nextCursor the cursor of the next page, or {@code null} on the last
   */
  public record PageView(List<ImageView> items, String nextCursor) {
    static PageView of(Page<ImageRecord> page) {
      return new PageView(page.items().stream().map(ImageView::of).toList(),
          page.nextCursor().orElse(null));
    }
  }

  /**
   * A request to share an image.
   *
   * @param recipients the tenants to share it with
   */
  public record ShareRequest(List<String> recipients) {}

  /**
   * What a share did.
   *
   * @param added the tenants that became PENDING members
   * @param alreadyMembers the tenants that were members already
   */
  public record ShareView(List<String> added, List<String> alreadyMembers) {
    static ShareView of(ShareResult result) {
      return new ShareView(result.added().stream().map(TenantId::value).toList(),
          result.alreadyMembers().stream().map(TenantId::value).toList());
    }
  }

  /**
   * A membership of an image.
   *
   * @param member the member tenant
   * @param status PENDING, ACCEPTED or REJECTED
   */
  public record MembershipView(String member, String status) {
    static MembershipView of(Membership membership) {
      return new MembershipView(membership.tenant().value(), membership.status().name());
    }
  }

  /**
   * A request to plan the use of an image.
   *
   * @param target SERVER, CHANGE_OS, DATA_DISK or TEMPORARY_SERVER
   * @param serverKind ECS or BMS, for a server
   * @param region where to create it
   * @param diskGib the size of the disk to create
   * @param ramMib the flavor's RAM, 0 when absent
   * @param acceptsPrice whether the caller accepts a paid image's charges, no when absent
   */
  public record UseRequestView(String target, String serverKind, String region, Integer diskGib,
      Integer ramMib, Boolean acceptsPrice) {}

  /**
   * What using the image creates and costs.
   *
   * @param image the image
   * @param target what is created
   * @param disks the disks created, as "ROLE:GiB"
   * @param charges the charges, as "KIND amount currency/unit"
   */
  public record UsePlanView(String image, String target, List<String> disks,
      List<String> charges) {
    static UsePlanView of(UsePlan plan) {
      return new UsePlanView(plan.image().value(), plan.target().name(),
          plan.disks().stream().map(disk -> disk.role() + ":" + disk.sizeGib()).toList(),
          plan.charges().stream().map(charge -> charge.kind() + " " + charge.price().amount()
              + " " + charge.price().currency() + "/" + charge.price().unit()).toList());
    }
  }
}
