package dev.imago.core.policy;

/** What a tenant wants to create with an image (rule {@code USE_TARGET}). */
public enum UseTarget {
  /** A new server (with all its data disks, for a full-server image). */
  SERVER,
  /** A new operating system for an existing server. */
  CHANGE_OS,
  /** A new data disk. */
  DATA_DISK,
  /** A temporary server that installs an OS from an ISO image. */
  TEMPORARY_SERVER;

  /**
   * Tells whether the target is a server, whose kind and RAM matter.
   *
   * @return {@code true} for every target but a data disk
   */
  public boolean isServer() {
    return this != DATA_DISK;
  }
}
