package dev.imago.store.jdbc;

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
import dev.imago.spi.OsFacts;
import dev.imago.spi.OsType;
import dev.imago.spi.Platform;
import dev.imago.spi.RegionId;
import dev.imago.spi.ServerKind;
import dev.imago.spi.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Fixtures of the JDBC store's own tests. */
final class Images {
  static final RegionId REGION = RegionId.of("cn-north-4");
  static final TenantId ALICE = TenantId.of("alice");
  static final TenantId BOB = TenantId.of("bob");
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private Images() {}

  /** An ACTIVE private system-disk image of {@code owner}, version 1. */
  static ImageRecord.Builder privateImage(String id, TenantId owner) {
    return ImageRecord.builder()
        .id(ImageId.of(id))
        .name("image " + id)
        .imageClass(ImageClass.PRIVATE)
        .owner(owner)
        .type(ImageType.SYSTEM_DISK)
        .source(ImageSource.SERVER)
        .status(ImageStatus.ACTIVE)
        .region(REGION)
        .os(OsFacts.builder().osType(OsType.LINUX).platform(Platform.UBUNTU)
            .architecture(Architecture.X86_64).bootMode(BootMode.UEFI).build())
        .disks(List.of(DiskSpec.of(DiskRole.SYSTEM, 40)))
        .minDiskGib(40)
        .serverKinds(Set.of(ServerKind.ECS))
        .createdAt(T0)
        .updatedAt(T0)
        .version(1);
  }

  /** The CREATED event of an image. */
  static ImageEvent created(ImageId image) {
    return ImageEvent.builder().type(EventType.CREATED).image(image).occurredAt(T0).build();
  }
}
