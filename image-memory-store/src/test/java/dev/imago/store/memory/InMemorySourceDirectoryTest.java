package dev.imago.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imago.spi.BackupFacts;
import dev.imago.spi.DiskFacts;
import dev.imago.spi.FileFacts;
import dev.imago.spi.FileFormat;
import dev.imago.spi.FileId;
import dev.imago.spi.RegionId;
import dev.imago.spi.ServerFacts;
import dev.imago.spi.SourceDirectory;
import dev.imago.spi.TenantId;
import dev.imago.testkit.SourceDirectoryContract;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemorySourceDirectoryTest extends SourceDirectoryContract {
  private static final FileFacts FILE = FileFacts.builder()
      .id(FileId.of("f1")).owner(TenantId.of("alice")).region(RegionId.of("cn-north-4"))
      .format(FileFormat.QCOW2).sizeBytes(1L << 30).build();

  @Override
  protected SourceDirectory newDirectory(List<ServerFacts> servers, List<DiskFacts> disks,
      List<BackupFacts> backups, List<FileFacts> files) {
    InMemorySourceDirectory directory = new InMemorySourceDirectory();
    servers.forEach(directory::putServer);
    disks.forEach(directory::putDisk);
    backups.forEach(directory::putBackup);
    files.forEach(directory::putFile);
    return directory;
  }

  @Test
  void put_replaces_a_resource_with_the_same_id() {
    FileFacts bigger = FileFacts.builder().from(FILE).sizeBytes(2L << 30).build();

    InMemorySourceDirectory directory = new InMemorySourceDirectory().putFile(FILE).putFile(bigger);

    assertThat(directory.findFile(FILE.id())).contains(bigger);
  }

  @Test
  void removed_resource_is_no_longer_found() {
    InMemorySourceDirectory directory = new InMemorySourceDirectory().putFile(FILE);

    directory.removeFile(FILE.id()).removeFile(FileId.of("never-there"));

    assertThat(directory.findFile(FILE.id())).isEmpty();
  }
}
