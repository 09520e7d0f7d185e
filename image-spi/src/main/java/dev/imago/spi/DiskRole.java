package dev.imago.spi;

/** The role of a disk in a server or an image. */
public enum DiskRole {
  /** The disk the server boots from. */
  SYSTEM,
  /** A disk holding data only. */
  DATA;
}
