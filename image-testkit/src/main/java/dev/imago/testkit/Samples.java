package dev.imago.testkit;

import dev.imago.spi.Architecture;
import dev.imago.spi.BootMode;
import dev.imago.spi.DiskRole;
import dev.imago.spi.DiskSpec;
import dev.imago.spi.EventType;
import dev.imago.spi.ImageClass;
import dev.imago.spi.ImageEvent;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageSource;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.ImageType;
import dev.imago.spi.MarketListing;
import dev.imago.spi.Membership;
import dev.imago.spi.MembershipStatus;
import dev.imago.spi.OsFacts;
import dev.imago.spi.OsType;
import dev.imago.spi.Platform;
import dev.imago.spi.RegionId;
import dev.imago.spi.ServerKind;
import dev.imago.spi.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Fixed fixtures of the contracts: a few tenants in two regions, and images to vary. */
final class Samples {
  static final RegionId REGION = RegionId.of("cn-north-4");
  static final RegionId OTHER_REGION = RegionId.of("cn-east-3");
  static final TenantId ALICE = TenantId.of("alice");
  static final TenantId BOB = TenantId.of("bob");
  static final TenantId CAROL = TenantId.of("carol");
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private Samples() {}

  /** An ACTIVE Ubuntu system-disk image of {@code owner} in {@link #REGION}, created at T0. */
  static ImageRecord.Builder privateImage(String id, TenantId owner) {
    return systemDisk(id).imageClass(ImageClass.PRIVATE).owner(owner);
  }

  /** A PUBLIC image of {@link #REGION}. */
  static ImageRecord.Builder publicImage(String id) {
    return systemDisk(id).imageClass(ImageClass.PUBLIC);
  }

  /** A free MARKET image of {@code owner} in {@link #REGION}. */
  static ImageRecord.Builder marketImage(String id, TenantId owner) {
    return privateImage(id, owner).imageClass(ImageClass.MARKET).listing(listing());
  }

  /** A PRIVATE data-disk image, without OS. */
  static ImageRecord.Builder dataDiskImage(String id, TenantId owner) {
    return privateImage(id, owner)
        .type(ImageType.DATA_DISK)
        .source(ImageSource.DATA_DISK)
        .os(Optional.empty())
        .disks(List.of(DiskSpec.of(DiskRole.DATA, 100)))
        .minDiskGib(100)
        .serverKinds(Set.of());
  }

  /** A PRIVATE full-server image with one data disk, made from a server. */
  static ImageRecord.Builder fullServerImage(String id, TenantId owner) {
    return privateImage(id, owner)
        .type(ImageType.FULL_SERVER)
        .disks(List.of(DiskSpec.of(DiskRole.SYSTEM, 40), DiskSpec.of(DiskRole.DATA, 200)));
  }

  /** A PRIVATE ISO image, without disks. */
  static ImageRecord.Builder isoImage(String id, TenantId owner) {
    return privateImage(id, owner)
        .type(ImageType.ISO)
        .source(ImageSource.ISO_FILE)
        .disks(List.of())
        .minDiskGib(1);
  }

  /** The next version of a record, one second later, to be changed further. */
  static ImageRecord.Builder nextVersion(ImageRecord record) {
    return ImageRecord.builder().from(record)
        .version(record.version() + 1)
        .updatedAt(record.updatedAt().plusSeconds(1));
  }

  /** An operating system. */
  static OsFacts os(OsType type, Platform platform) {
    return OsFacts.builder()
        .osType(type)
        .platform(platform)
        .architecture(Architecture.X86_64)
        .bootMode(BootMode.UEFI)
        .build();
  }

  /** A membership of {@code tenant}, created at T0. */
  static Membership membership(TenantId tenant, MembershipStatus status) {
    return Membership.builder().tenant(tenant).status(status).createdAt(T0).updatedAt(T0).build();
  }

  /** A free listing published at T0. */
  static MarketListing listing() {
    return MarketListing.free(T0);
  }

  /** An event of {@code type} about {@code image} at T0. */
  static ImageEvent event(EventType type, ImageId image) {
    return ImageEvent.builder().type(type).image(image).occurredAt(T0).build();
  }

  private static ImageRecord.Builder systemDisk(String id) {
    return ImageRecord.builder()
        .id(ImageId.of(id))
        .name("image " + id)
        .type(ImageType.SYSTEM_DISK)
        .source(ImageSource.SERVER)
        .status(ImageStatus.ACTIVE)
        .region(REGION)
        .os(os(OsType.LINUX, Platform.UBUNTU))
        .disks(List.of(DiskSpec.of(DiskRole.SYSTEM, 40)))
        .minDiskGib(40)
        .serverKinds(Set.of(ServerKind.ECS))
        .createdAt(T0)
        .updatedAt(T0)
        .version(1);
  }
}
