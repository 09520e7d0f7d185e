package dev.imago.store.memory;

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

/** Images for the store's own tests. */
final class TestImages {
  static final RegionId REGION = RegionId.of("cn-north-4");
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private TestImages() {}

  /** An ACTIVE private system-disk image in {@link #REGION}, version 1. */
  static ImageRecord privateImage(String id, TenantId owner) {
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
        .version(1)
        .build();
  }

  /** An event about an image, with a detail to tell it apart. */
  static ImageEvent event(ImageId image, String detail) {
    return ImageEvent.builder().type(EventType.TAGS_CHANGED).image(image).occurredAt(T0)
        .putDetails("n", detail).build();
  }
}
