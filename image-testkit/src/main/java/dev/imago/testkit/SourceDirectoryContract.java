package dev.imago.testkit;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.imago.spi.TenantId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link SourceDirectory} must pass. Extend it and say how to make a
 * directory holding given resources:
 *
 * <pre>{@code
 * class MySourceDirectoryTest extends SourceDirectoryContract {
 *   @Override
 *   protected SourceDirectory newDirectory(List<ServerFacts> servers, List<DiskFacts> disks,
 *       List<BackupFacts> backups, List<FileFacts> files) {
 *     return new MySourceDirectory(loadFixtures(servers, disks, backups, files));
 *   }
 * }
 * }</pre>
 *
 * <p>Each kind of resource has its own ids: a server and a disk may share an id text.
 */
public abstract class SourceDirectoryContract {
  private static final RegionId REGION = RegionId.of("cn-north-4");
  private static final TenantId ALICE = TenantId.of("alice");
  private static final TenantId BOB = TenantId.of("bob");
  private static final MachineFacts MACHINE = MachineFacts.builder()
      .kind(ServerKind.ECS)
      .os(OsFacts.builder().osType(OsType.LINUX).platform(Platform.UBUNTU).osVersion("24.04")
          .architecture(Architecture.X86_64).bootMode(BootMode.UEFI).build())
      .ramMib(4096)
      .disks(List.of(DiskSpec.of(DiskRole.SYSTEM, 40), DiskSpec.of(DiskRole.DATA, 100)))
      .encryptionKey(KeyId.of("key-1"))
      .build();

  private static final ServerFacts SERVER = ServerFacts.builder()
      .id(ServerId.of("res-1")).owner(ALICE).region(REGION).machine(MACHINE).build();
  private static final ServerFacts BOBS_SERVER = ServerFacts.builder()
      .id(ServerId.of("srv-bob")).owner(BOB).region(REGION)
      .machine(MachineFacts.builder().from(MACHINE).kind(ServerKind.BMS).build()).build();
  private static final DiskFacts DISK = DiskFacts.builder()
      .id(DiskId.of("res-1")).owner(ALICE).region(REGION)
      .spec(DiskSpec.of(DiskRole.DATA, 100)).encryptionKey(KeyId.of("key-2")).build();
  private static final BackupFacts BACKUP = BackupFacts.builder()
      .id(BackupId.of("res-1")).owner(ALICE).region(REGION).machine(MACHINE).build();
  private static final FileFacts FILE = FileFacts.builder()
      .id(FileId.of("res-1")).owner(ALICE).region(REGION)
      .format(FileFormat.ZVHD2).sizeBytes(10L << 30).hasBitmap(true).build();

  private SourceDirectory directory;

  /** Creates the contract; subclasses say how to make a directory. */
  protected SourceDirectoryContract() {}

  /**
   * Returns a new directory that knows exactly the given resources.
   *
   * @param servers the servers
   * @param disks the disks
   * @param backups the cloud server backups
   * @param files the files in object storage
   * @return the directory under test
   */
  protected abstract SourceDirectory newDirectory(List<ServerFacts> servers,
      List<DiskFacts> disks, List<BackupFacts> backups, List<FileFacts> files);

  /**
   * Releases a directory after a test; nothing by default.
   *
   * @param directory a directory {@link #newDirectory(List, List, List, List)} returned
   */
  protected void cleanup(SourceDirectory directory) {}

  @BeforeEach
  final void createDirectory() {
    directory = newDirectory(List.of(SERVER, BOBS_SERVER), List.of(DISK), List.of(BACKUP),
        List.of(FILE));
  }

  @AfterEach
  final void releaseDirectory() {
    cleanup(directory);
  }

  @Test
  void server_is_found_with_every_fact() {
    assertThat(directory.findServer(SERVER.id())).as("a server").contains(SERVER);
  }

  @Test
  void disk_is_found_with_every_fact() {
    assertThat(directory.findDisk(DISK.id())).as("a disk").contains(DISK);
  }

  @Test
  void backup_is_found_with_every_fact() {
    assertThat(directory.findBackup(BACKUP.id())).as("a backup").contains(BACKUP);
  }

  @Test
  void file_is_found_with_every_fact() {
    assertThat(directory.findFile(FILE.id())).as("a file").contains(FILE);
  }

  @Test
  void resources_are_found_whoever_owns_them() {
    assertThat(directory.findServer(BOBS_SERVER.id())).as("Bob's server").contains(BOBS_SERVER);
  }

  @Test
  void unknown_resources_are_empty() {
    assertThat(directory.findServer(ServerId.of("unknown"))).as("an unknown server").isEmpty();
    assertThat(directory.findDisk(DiskId.of("unknown"))).as("an unknown disk").isEmpty();
    assertThat(directory.findBackup(BackupId.of("unknown"))).as("an unknown backup").isEmpty();
    assertThat(directory.findFile(FileId.of("unknown"))).as("an unknown file").isEmpty();
  }

  @Test
  void each_kind_of_resource_has_its_own_ids() {
    assertThat(directory.findDisk(DiskId.of(BOBS_SERVER.id().value())))
        .as("a disk with a server's id").isEmpty();
    assertThat(directory.findServer(SERVER.id())).as("server res-1").contains(SERVER);
    assertThat(directory.findDisk(DISK.id())).as("disk res-1").contains(DISK);
  }
}
