package dev.imago.core.policy;

import dev.imago.spi.BackupId;
import dev.imago.spi.DiskId;
import dev.imago.spi.FileId;
import dev.imago.spi.Inputs;
import dev.imago.spi.ServerId;

/** The resource a new image is made from. */
public sealed interface SourceRef {
  /**
   * Returns a reference to a server.
   *
   * @param id the server
   * @return the reference
   * @throws dev.imago.spi.InputException if the id is absent
   */
  static SourceRef server(ServerId id) {
    return new Server(id);
  }

  /**
   * Returns a reference to a disk.
   *
   * @param id the disk
   * @return the reference
   * @throws dev.imago.spi.InputException if the id is absent
   */
  static SourceRef disk(DiskId id) {
    return new Disk(id);
  }

  /**
   * Returns a reference to a cloud server backup.
   *
   * @param id the backup
   * @return the reference
   * @throws dev.imago.spi.InputException if the id is absent
   */
  static SourceRef backup(BackupId id) {
    return new Backup(id);
  }

  /**
   * Returns a reference to a file in object storage.
   *
   * @param id the file
   * @return the reference
   * @throws dev.imago.spi.InputException if the id is absent
   */
  static SourceRef file(FileId id) {
    return new File(id);
  }

  /**
   * A server's disks.
   *
   * @param id the server
   */
  record Server(ServerId id) implements SourceRef {
    /** Checks the id is present. */
    public Server {
      Inputs.present(id, "source.server");
    }
  }

  /**
   * A disk.
   *
   * @param id the disk
   */
  record Disk(DiskId id) implements SourceRef {
    /** Checks the id is present. */
    public Disk {
      Inputs.present(id, "source.disk");
    }
  }

  /**
   * A cloud server backup.
   *
   * @param id the backup
   */
  record Backup(BackupId id) implements SourceRef {
    /** Checks the id is present. */
    public Backup {
      Inputs.present(id, "source.backup");
    }
  }

  /**
   * A file in object storage.
   *
   * @param id the file
   */
  record File(FileId id) implements SourceRef {
    /** Checks the id is present. */
    public File {
      Inputs.present(id, "source.file");
    }
  }
}
