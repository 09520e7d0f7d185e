package dev.imago.examples;

import dev.imago.core.ImagePolicyException;
import dev.imago.core.policy.Violation;
import dev.imago.spi.Architecture;
import dev.imago.spi.BackupFacts;
import dev.imago.spi.BackupId;
import dev.imago.spi.BootMode;
import dev.imago.spi.DiskRole;
import dev.imago.spi.DiskSpec;
import dev.imago.spi.FileFacts;
import dev.imago.spi.FileFormat;
import dev.imago.spi.FileId;
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
import dev.imago.store.memory.InMemorySourceDirectory;
import dev.imago.store.memory.InMemoryTenantDirectory;
import java.io.PrintStream;

/**
 * The small cloud every example runs in: two regions, the tenants ACME (a registered seller with
 * a project in each region), Globex next door and Initech abroad, ACME's server and backup, and
 * the platform's installation files. It stands for what a host's own directories know.
 */
final class DemoCloud {
  static final RegionId NORTH = RegionId.of("cn-north-4");
  static final RegionId SOUTH = RegionId.of("ap-southeast-1");

  static final TenantId ACME = TenantId.of("acme-north");
  static final TenantId ACME_SOUTH = TenantId.of("acme-south");
  static final TenantId GLOBEX = TenantId.of("globex-north");
  static final TenantId INITECH = TenantId.of("initech-south");
  static final TenantId PLATFORM = TenantId.of("platform");

  static final ServerId ACME_SERVER = ServerId.of("ecs-web-01");
  static final BackupId ACME_BACKUP = BackupId.of("cbr-web-01");
  static final FileId UBUNTU_FILE = FileId.of("obs-ubuntu-2204.qcow2");
  static final FileId DEBIAN_FILE = FileId.of("obs-debian-12.qcow2");

  static final OsFacts UBUNTU = os(Platform.UBUNTU, "22.04");
  static final OsFacts DEBIAN = os(Platform.DEBIAN, "12");

  final InMemoryTenantDirectory tenants = new InMemoryTenantDirectory();
  final InMemorySourceDirectory sources = new InMemorySourceDirectory();

  DemoCloud() {
    tenants.put(tenant(ACME, NORTH, true, "acme-group"), "acme");
    tenants.put(tenant(ACME_SOUTH, SOUTH, true, "acme-group"), "acme");
    tenants.put(tenant(GLOBEX, NORTH, false, "globex-group"), "globex");
    tenants.put(tenant(INITECH, SOUTH, false, "initech-group"), "initech");
    MachineFacts web = MachineFacts.builder()
        .kind(ServerKind.ECS)
        .os(UBUNTU)
        .ramMib(8192)
        .addDisks(DiskSpec.of(DiskRole.SYSTEM, 40), DiskSpec.of(DiskRole.DATA, 200))
        .build();
    sources.putServer(ServerFacts.builder()
        .id(ACME_SERVER).owner(ACME).region(NORTH).machine(web).build());
    sources.putBackup(BackupFacts.builder()
        .id(ACME_BACKUP).owner(ACME).region(NORTH).machine(web).build());
    sources.putFile(file(UBUNTU_FILE));
    sources.putFile(file(DEBIAN_FILE));
  }

  private static TenantInfo tenant(TenantId id, RegionId region, boolean seller, String org) {
    return TenantInfo.builder()
        .id(id)
        .region(region)
        .seller(seller)
        .putAttributes("organization", org)
        .build();
  }

  private static FileFacts file(FileId id) {
    return FileFacts.builder()
        .id(id).owner(PLATFORM).region(NORTH).format(FileFormat.QCOW2).sizeBytes(2L << 30)
        .build();
  }

  private static OsFacts os(Platform platform, String version) {
    return OsFacts.builder()
        .osType(OsType.LINUX)
        .platform(platform)
        .osVersion(version)
        .architecture(Architecture.X86_64)
        .bootMode(BootMode.UEFI)
        .build();
  }

  /** Prints each violated rule of a refusal, one per line, code first. */
  static void printRefusal(PrintStream out, ImagePolicyException refusal) {
    out.println("   DENIED:");
    for (Violation violation : refusal.decision().violations()) {
      out.println("     " + violation.code() + ": " + violation.message());
    }
  }
}
