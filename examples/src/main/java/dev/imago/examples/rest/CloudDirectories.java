package dev.imago.examples.rest;

import dev.imago.spi.Architecture;
import dev.imago.spi.BackupFacts;
import dev.imago.spi.BackupId;
import dev.imago.spi.BootMode;
import dev.imago.spi.DiskRole;
import dev.imago.spi.DiskSpec;
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

/**
 * The two directories Imago asks of a host. A real service answers from its identity service and
 * its compute, storage and backup services; the example knows a small cloud: ACME and Globex in
 * one region, Initech in another, ACME's server and its backup.
 */
@Configuration(proxyBeanMethods = false)
public class CloudDirectories {
  /** The region of ACME and Globex. */
  public static final RegionId NORTH = RegionId.of("cn-north-4");
  /** Initech's region. */
  public static final RegionId SOUTH = RegionId.of("ap-southeast-1");
  /** A tenant with a server and a backup. */
  public static final TenantId ACME = TenantId.of("acme-north");
  /** ACME's neighbour. */
  public static final TenantId GLOBEX = TenantId.of("globex-north");
  /** A tenant of another region. */
  public static final TenantId INITECH = TenantId.of("initech-south");
  /** ACME's server. */
  public static final ServerId ACME_SERVER = ServerId.of("ecs-web-01");
  /** A cloud backup of ACME's server. */
  public static final BackupId ACME_BACKUP = BackupId.of("cbr-web-01");

  /** Creates the configuration; Spring does. */
  public CloudDirectories() {}

  /**
   * The tenants.
   *
   * @return the directory
   */
  @Bean
  public TenantDirectory tenantDirectory() {
    return new InMemoryTenantDirectory()
        .put(TenantInfo.builder().id(ACME).region(NORTH).build())
        .put(TenantInfo.builder().id(GLOBEX).region(NORTH).build())
        .put(TenantInfo.builder().id(INITECH).region(SOUTH).build());
  }

  /**
   * The servers, disks, backups and files images are made from.
   *
   * @return the directory
   */
  @Bean
  public SourceDirectory sourceDirectory() {
    MachineFacts web = MachineFacts.builder()
        .kind(ServerKind.ECS)
        .os(OsFacts.builder().osType(OsType.LINUX).platform(Platform.UBUNTU).osVersion("22.04")
            .architecture(Architecture.X86_64).bootMode(BootMode.UEFI).build())
        .ramMib(8192)
        .addDisks(DiskSpec.of(DiskRole.SYSTEM, 40), DiskSpec.of(DiskRole.DATA, 200))
        .build();
    return new InMemorySourceDirectory()
        .putServer(ServerFacts.builder().id(ACME_SERVER).owner(ACME).region(NORTH)
            .machine(web).build())
        .putBackup(BackupFacts.builder().id(ACME_BACKUP).owner(ACME).region(NORTH)
            .machine(web).build());
  }
}
