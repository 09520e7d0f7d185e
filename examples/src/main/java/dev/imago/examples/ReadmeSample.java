package dev.imago.examples;

import dev.imago.core.Caller;
import dev.imago.core.ImagePolicyException;
import dev.imago.core.ImageService;
import dev.imago.core.Imago;
import dev.imago.core.policy.ImageSpec;
import dev.imago.core.policy.SourceRef;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.ImageType;
import dev.imago.spi.KeyId;
import dev.imago.spi.ServerId;
import dev.imago.spi.TenantId;
import dev.imago.store.memory.InMemoryImageStore;
import dev.imago.store.memory.InMemorySourceDirectory;
import dev.imago.store.memory.InMemoryTenantDirectory;
import java.util.List;

/** The code sample of the README, compiled and run by the build so that it stays true. */
public final class ReadmeSample {
  private ReadmeSample() {}

  /**
   * Shares an encrypted image and prints why that is denied.
   *
   * @param tenants the host's tenants
   * @param sources the host's servers, disks, backups and files
   */
  static void run(InMemoryTenantDirectory tenants, InMemorySourceDirectory sources) {
    // README-START
    ImageService images = Imago.builder()
        .store(new InMemoryImageStore())
        .tenants(tenants)
        .sources(sources)
        .build();

    Caller acme = Caller.tenant(TenantId.of("acme-north"));
    ImageRecord image = images.createImage(acme, ImageSpec.builder()
        .name("payments")
        .type(ImageType.SYSTEM_DISK)
        .source(SourceRef.server(ServerId.of("ecs-web-01")))
        .encryptionKey(KeyId.of("kms-payments"))
        .build());
    images.reportProgress(image.id(), ImageStatus.ACTIVE);  // the host's image pipeline

    try {
      images.share(acme, image.id(), List.of(TenantId.of("globex-north")));
    } catch (ImagePolicyException denied) {
      denied.decision().violations().forEach(violation ->
          System.out.println(violation.code() + ": " + violation.message()));
      // SHARE_ENCRYPTED: image ... is encrypted and cannot be shared
    }
    // README-END
  }
}
