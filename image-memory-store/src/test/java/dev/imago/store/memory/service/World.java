package dev.imago.store.memory.service;

import dev.imago.core.Caller;
import dev.imago.core.ImageService;
import dev.imago.core.Imago;
import dev.imago.core.policy.ImageSpec;
import dev.imago.core.policy.PolicySettings;
import dev.imago.core.policy.SourceRef;
import dev.imago.core.policy.UseRequest;
import dev.imago.core.policy.UseTarget;
import dev.imago.spi.Architecture;
import dev.imago.spi.BackupFacts;
import dev.imago.spi.BackupId;
import dev.imago.spi.BootMode;
import dev.imago.spi.DiskFacts;
import dev.imago.spi.DiskId;
import dev.imago.spi.DiskRole;
import dev.imago.spi.DiskSpec;
import dev.imago.spi.FileFacts;
import dev.imago.spi.FileFormat;
import dev.imago.spi.FileId;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.ImageStore;
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
import dev.imago.spi.TenantId;
import dev.imago.spi.TenantInfo;
import dev.imago.store.memory.InMemoryImageStore;
import dev.imago.store.memory.InMemorySourceDirectory;
import dev.imago.store.memory.InMemoryTenantDirectory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * The world of the end-to-end scenarios: the ACME account with projects in two regions (ACME is
 * a registered seller), Globex next door in the same region, Initech abroad, and ACME's server,
 * backup, data disk and files.
 */
final class World {
  static final RegionId NORTH = RegionId.of("cn-north-4");
  static final RegionId SOUTH = RegionId.of("ap-southeast-1");

  static final TenantId ACME = TenantId.of("acme-north");
  static final TenantId ACME_SOUTH = TenantId.of("acme-south");
  static final TenantId GLOBEX = TenantId.of("globex-north");
  static final TenantId INITECH = TenantId.of("initech-south");

  static final OsFacts UBUNTU = OsFacts.builder().osType(OsType.LINUX)
      .platform(Platform.UBUNTU).osVersion("22.04").architecture(Architecture.X86_64)
      .bootMode(BootMode.UEFI).build();
  static final MachineFacts MACHINE = MachineFacts.builder().kind(ServerKind.ECS).os(UBUNTU)
      .ramMib(4096).addDisks(DiskSpec.of(DiskRole.SYSTEM, 40), DiskSpec.of(DiskRole.DATA, 100))
      .build();
  static final ServerId SERVER = ServerId.of("srv-web-1");
  static final BackupId BACKUP = BackupId.of("cbr-web-1");
  static final DiskId DISK = DiskId.of("evs-data-1");
  static final FileId ISO_FILE = FileId.of("obs-ubuntu-iso");

  final InMemoryImageStore memoryStore = new InMemoryImageStore();
  final InMemoryTenantDirectory tenants = new InMemoryTenantDirectory();
  final InMemorySourceDirectory sources = new InMemorySourceDirectory();
  final AtomicLong ids = new AtomicLong();
  final PolicySettings settings;
  final ImageService images;

  World() {
    this(PolicySettings.defaults());
  }

  World(PolicySettings settings) {
    this(settings, null);
  }

  World(PolicySettings settings, ImageStore storeOverride) {
    this.settings = settings;
    tenants.put(TenantInfo.builder().id(ACME).region(NORTH).seller(true).build(), "acme");
    tenants.put(TenantInfo.builder().id(ACME_SOUTH).region(SOUTH).seller(true).build(), "acme");
    tenants.put(TenantInfo.builder().id(GLOBEX).region(NORTH).build(), "globex");
    tenants.put(TenantInfo.builder().id(INITECH).region(SOUTH).build(), "initech");
    sources.putServer(ServerFacts.builder().id(SERVER).owner(ACME).region(NORTH)
        .machine(MACHINE).build());
    sources.putBackup(BackupFacts.builder().id(BACKUP).owner(ACME).region(NORTH)
        .machine(MACHINE).build());
    sources.putDisk(DiskFacts.builder().id(DISK).owner(ACME).region(NORTH)
        .spec(DiskSpec.of(DiskRole.DATA, 100)).build());
    sources.putFile(FileFacts.builder().id(ISO_FILE).owner(ACME).region(NORTH)
        .format(FileFormat.ISO).sizeBytes(4L << 30).build());
    images = serviceOver(storeOverride != null ? storeOverride : memoryStore);
  }

  /**
   * Returns another host's service over the same store and directories, as a second process
   * over one database would have.
   */
  ImageService anotherHost() {
    return serviceOver(memoryStore);
  }

  private ImageService serviceOver(ImageStore store) {
    return serviceWith(builder -> builder.store(store));
  }

  /**
   * Returns a service over this world's store and directories, with any part changed: a failing
   * directory, another clock or id generator.
   */
  ImageService serviceWith(UnaryOperator<Imago.Builder> change) {
    return change.apply(Imago.builder()
        .store(memoryStore)
        .tenants(tenants)
        .sources(sources)
        .clock(Clock.fixed(Instant.parse("2026-11-28T08:00:00Z"), ZoneOffset.UTC))
        .idGenerator(() -> ImageId.of("img-" + ids.incrementAndGet()))
        .settings(settings)
        .maxAttempts(1000))
        .build();
  }

  /** A plain server in the north, as a use request. */
  static UseRequest serverRequest() {
    return UseRequest.builder().target(UseTarget.SERVER).region(NORTH).serverKind(ServerKind.ECS)
        .diskGib(100).ramMib(8192).build();
  }

  static Caller acme() {
    return Caller.tenant(ACME);
  }

  static Caller acmeSouth() {
    return Caller.tenant(ACME_SOUTH);
  }

  static Caller globex() {
    return Caller.tenant(GLOBEX);
  }

  static Caller initech() {
    return Caller.tenant(INITECH);
  }

  TenantId addTenant(String id, RegionId region) {
    TenantId tenant = TenantId.of(id);
    tenants.put(TenantInfo.builder().id(tenant).region(region).build(), id);
    return tenant;
  }

  /** ACME makes an image and the pipeline brings it to ACTIVE. */
  ImageRecord activeImage(Caller caller, ImageSpec spec) {
    ImageRecord created = images.createImage(caller, spec);
    images.reportProgress(created.id(), ImageStatus.SAVING);
    return images.reportProgress(created.id(), ImageStatus.ACTIVE);
  }

  ImageRecord activeSystemDiskImage(String name) {
    return activeImage(acme(), ImageSpec.builder().name(name).type(ImageType.SYSTEM_DISK)
        .source(SourceRef.server(SERVER)).build());
  }

  ImageRecord activeEncryptedImage(String name) {
    return activeImage(acme(), ImageSpec.builder().name(name).type(ImageType.SYSTEM_DISK)
        .source(SourceRef.server(SERVER)).encryptionKey(KeyId.of("kms-key-1")).build());
  }
}
