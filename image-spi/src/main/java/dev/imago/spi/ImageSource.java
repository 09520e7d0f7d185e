package dev.imago.spi;

/** Where an image's content came from. */
public enum ImageSource {
  /** A server's disks. */
  SERVER,
  /** A data disk. */
  DATA_DISK,
  /** A cloud server backup (CBR). */
  CLOUD_BACKUP,
  /** An imported file in object storage. */
  EXTERNAL_FILE,
  /** An ISO file in object storage. */
  ISO_FILE,
  /** An image of the same owner in another region. */
  REPLICA;
}
