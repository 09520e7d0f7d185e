package example.host;

import dev.imago.core.Caller;
import dev.imago.core.ImageService;
import dev.imago.core.Imago;
import dev.imago.core.policy.ImageSpec;
import dev.imago.core.policy.SourceRef;
import dev.imago.spi.Architecture;
import dev.imago.spi.BootMode;
import dev.imago.spi.DiskRole;
import dev.imago.spi.DiskSpec;
import dev.imago.spi.ImageFilter;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageType;
import dev.imago.spi.MachineFacts;
import dev.imago.spi.OsFacts;
import dev.imago.spi.OsType;
import dev.imago.spi.Platform;
import dev.imago.spi.RegionId;
import dev.imago.spi.ServerFacts;
import dev.imago.spi.ServerId;
import dev.imago.spi.ServerKind;
import dev.imago.spi.TenantId;
import dev.imago.spi.TenantInfo;
import dev.imago.store.memory.InMemoryImageStore;
import dev.imago.store.memory.InMemorySourceDirectory;
import dev.imago.store.memory.InMemoryTenantDirectory;
import java.util.List;

/** A host's program: a tenant makes an image of its server, then lists the images it sees. */
public final class HostMain {
  private HostMain() {}

  /**
   * Runs the program.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    RegionId region = RegionId.of("cn-north-4");
    TenantId tenant = TenantId.of("acme-north");
    ServerId server = ServerId.of("ecs-web-01");
    InMemorySourceDirectory sources = new InMemorySourceDirectory().putServer(ServerFacts.builder()
        .id(server).owner(tenant).region(region)
        .machine(MachineFacts.builder().kind(ServerKind.ECS).ramMib(4096)
            .os(OsFacts.builder().osType(OsType.LINUX).platform(Platform.UBUNTU).osVersion("22.04")
                .architecture(Architecture.X86_64).bootMode(BootMode.UEFI).build())
            .addDisks(DiskSpec.of(DiskRole.SYSTEM, 40)).build())
        .build());
    ImageService images = Imago.builder()
        .store(new InMemoryImageStore())
        .tenants(new InMemoryTenantDirectory()
            .put(TenantInfo.builder().id(tenant).region(region).build()))
        .sources(sources)
        .build();

    Caller caller = Caller.tenant(tenant);
    images.createImage(caller, ImageSpec.builder()
        .name("web").type(ImageType.SYSTEM_DISK).source(SourceRef.server(server)).build());
    List<ImageRecord> seen = images.listVisible(caller, ImageFilter.all()).items();

    System.out.println("HOST LISTED " + seen.size() + " IMAGE(S): "
        + seen.stream().map(ImageRecord::name).toList());
  }
}
