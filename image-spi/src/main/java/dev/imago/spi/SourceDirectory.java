package dev.imago.spi;

import java.util.Optional;

/**
 * The host's knowledge of the resources images are made from: servers, disks, cloud backups and
 * files. Imago checks ownership itself (rule {@code CREATE_SOURCE_ACCESS}), so a directory
 * returns a resource whoever owns it.
 */
public interface SourceDirectory {
  /**
   * Finds a server.
   *
   * @param id the server
   * @return its facts, or empty when it does not exist
   * @throws StoreException if the directory could not be read
   */
  Optional<ServerFacts> findServer(ServerId id);

  /**
   * Finds a disk.
   *
   * @param id the disk
   * @return its facts, or empty when it does not exist
   * @throws StoreException if the directory could not be read
   */
  Optional<DiskFacts> findDisk(DiskId id);

  /**
   * Finds a cloud server backup.
   *
   * @param id the backup
   * @return its facts, or empty when it does not exist
   * @throws StoreException if the directory could not be read
   */
  Optional<BackupFacts> findBackup(BackupId id);

  /**
   * Finds a file in object storage.
   *
   * @param id the file
   * @return its facts, or empty when it does not exist
   * @throws StoreException if the directory could not be read
   */
  Optional<FileFacts> findFile(FileId id);
}
