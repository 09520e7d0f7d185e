package dev.imago.spi;

/** What an image holds, and so what it can create. */
public enum ImageType {
  /** A server's system disk: creates servers and changes a server's OS. */
  SYSTEM_DISK,
  /** Business data only, no OS: creates data disks. */
  DATA_DISK,
  /** The system disk and every data disk of one server: creates a server together with its data disks. */
  FULL_SERVER,
  /** An installation ISO: creates temporary installation servers only. */
  ISO;
}
