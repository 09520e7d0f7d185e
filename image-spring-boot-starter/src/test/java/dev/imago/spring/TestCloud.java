package dev.imago.spring;

import dev.imago.core.Caller;
import dev.imago.core.policy.ImageSpec;
import dev.imago.core.policy.SourceRef;
import dev.imago.spi.Architecture;
import dev.imago.spi.BootMode;
import dev.imago.spi.DiskRole;
import dev.imago.spi.DiskSpec;
import dev.imago.spi.ImageType;
import dev.imago.spi.KeyId;
import dev.imago.spi.MachineFacts;
import dev.imago.spi.OsFacts;
import dev.imago.spi.OsType;
import dev.imago.spi.Platform;
import dev.imago.spi.RegionId;
import dev.imago.spi.ServerFacts;
import dev.imago.spi.ServerId;
import dev.imago.spi.ServerKind;
import dev.imago.spi.SourceDirectory;
import dev.imago.spi.TenantDirectory;
import dev.imago.spi.TenantId;
import dev.imago.spi.TenantInfo;
import dev.imago.store.memory.InMemorySourceDirectory;
import dev.imago.store.memory.InMemoryTenantDirectory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The application's directories in the tests: two tenants of one region and a server. */
@Configuration(proxyBeanMethods = false)
class TestCloud {
  static final RegionId REGION = RegionId.of("cn-north-4");
  static final TenantId ACME = TenantId.of("acme-north");
  static final TenantId GLOBEX = TenantId.of("globex-north");
  static final Caller ACME_CALLER = Caller.tenant(ACME);
  static final ServerId SERVER = ServerId.of("ecs-web-01");

  @Bean
  TenantDirectory tenants() {
    return new InMemoryTenantDirectory()
        .put(TenantInfo.builder().id(ACME).region(REGION).build())
        .put(TenantInfo.builder().id(GLOBEX).region(REGION).build());
  }

  @Bean
  SourceDirectory sources() {
    return new InMemorySourceDirectory().putServer(ServerFacts.builder()
        .id(SERVER).owner(ACME).region(REGION)
        .machine(MachineFacts.builder()
            .kind(ServerKind.ECS)
            .os(OsFacts.builder().osType(OsType.LINUX).platform(Platform.UBUNTU)
                .osVersion("22.04").architecture(Architecture.X86_64).bootMode(BootMode.UEFI)
                .build())
            .ramMib(4096)
            .addDisks(DiskSpec.of(DiskRole.SYSTEM, 40))
            .build())
        .build());
  }

  /** A system-disk image of ACME's server. */
  static ImageSpec webImage() {
    return ImageSpec.builder().name("web").type(ImageType.SYSTEM_DISK)
        .source(SourceRef.server(SERVER)).build();
  }

  /** The same, encrypted, so that it cannot be shared. */
  static ImageSpec encryptedImage() {
    return ImageSpec.builder().from(webImage()).encryptionKey(KeyId.of("kms-1")).build();
  }
}
