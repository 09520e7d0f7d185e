package dev.imago.store.memory;

import dev.imago.spi.BackupFacts;
import dev.imago.spi.BackupId;
import dev.imago.spi.DiskFacts;
import dev.imago.spi.DiskId;
import dev.imago.spi.FileFacts;
import dev.imago.spi.FileId;
import dev.imago.spi.InputException;
import dev.imago.spi.Inputs;
import dev.imago.spi.ServerFacts;
import dev.imago.spi.ServerId;
import dev.imago.spi.SourceDirectory;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link SourceDirectory} that holds the servers, disks, backups and files it is given, each
 * kind by its own ids. Putting a resource with a known id replaces it.
 *
 * <p>Thread-safe.
 */
public final class InMemorySourceDirectory implements SourceDirectory {
  private final Map<ServerId, ServerFacts> servers = new ConcurrentHashMap<>();
  private final Map<DiskId, DiskFacts> disks = new ConcurrentHashMap<>();
  private final Map<BackupId, BackupFacts> backups = new ConcurrentHashMap<>();
  private final Map<FileId, FileFacts> files = new ConcurrentHashMap<>();

  /** Creates an empty directory. */
  public InMemorySourceDirectory() {}

  /**
   * Adds or replaces a server.
   *
   * @param server the server
   * @return this directory
   * @throws InputException if the server is absent
   */
  public InMemorySourceDirectory putServer(ServerFacts server) {
    servers.put(Inputs.present(server, "server").id(), server);
    return this;
  }

  /**
   * Adds or replaces a disk.
   *
   * @param disk the disk
   * @return this directory
   * @throws InputException if the disk is absent
   */
  public InMemorySourceDirectory putDisk(DiskFacts disk) {
    disks.put(Inputs.present(disk, "disk").id(), disk);
    return this;
  }

  /**
   * Adds or replaces a cloud server backup.
   *
   * @param backup the backup
   * @return this directory
   * @throws InputException if the backup is absent
   */
  public InMemorySourceDirectory putBackup(BackupFacts backup) {
    backups.put(Inputs.present(backup, "backup").id(), backup);
    return this;
  }

  /**
   * Adds or replaces a file.
   *
   * @param file the file
   * @return this directory
   * @throws InputException if the file is absent
   */
  public InMemorySourceDirectory putFile(FileFacts file) {
    files.put(Inputs.present(file, "file").id(), file);
    return this;
  }

  /**
   * Removes a server; removing an unknown one changes nothing.
   *
   * @param id the server
   * @return this directory
   * @throws InputException if the id is absent
   */
  public InMemorySourceDirectory removeServer(ServerId id) {
    servers.remove(Inputs.present(id, "id"));
    return this;
  }

  /**
   * Removes a disk; removing an unknown one changes nothing.
   *
   * @param id the disk
   * @return this directory
   * @throws InputException if the id is absent
   */
  public InMemorySourceDirectory removeDisk(DiskId id) {
    disks.remove(Inputs.present(id, "id"));
    return this;
  }

  /**
   * Removes a backup; removing an unknown one changes nothing.
   *
   * @param id the backup
   * @return this directory
   * @throws InputException if the id is absent
   */
  public InMemorySourceDirectory removeBackup(BackupId id) {
    backups.remove(Inputs.present(id, "id"));
    return this;
  }

  /**
   * Removes a file; removing an unknown one changes nothing.
   *
   * @param id the file
   * @return this directory
   * @throws InputException if the id is absent
   */
  public InMemorySourceDirectory removeFile(FileId id) {
    files.remove(Inputs.present(id, "id"));
    return this;
  }

  /**
   * {@inheritDoc}
   *
   * @throws InputException if the id is absent
   */
  @Override
  public Optional<ServerFacts> findServer(ServerId id) {
    return Optional.ofNullable(servers.get(Inputs.present(id, "id")));
  }

  /**
   * {@inheritDoc}
   *
   * @throws InputException if the id is absent
   */
  @Override
  public Optional<DiskFacts> findDisk(DiskId id) {
    return Optional.ofNullable(disks.get(Inputs.present(id, "id")));
  }

  /**
   * {@inheritDoc}
   *
   * @throws InputException if the id is absent
   */
  @Override
  public Optional<BackupFacts> findBackup(BackupId id) {
    return Optional.ofNullable(backups.get(Inputs.present(id, "id")));
  }

  /**
   * {@inheritDoc}
   *
   * @throws InputException if the id is absent
   */
  @Override
  public Optional<FileFacts> findFile(FileId id) {
    return Optional.ofNullable(files.get(Inputs.present(id, "id")));
  }
}
