package dev.imago.spi;

/** How a paid market image is charged. */
public enum PriceUnit {
  /** For every hour a server runs the image. */
  PER_HOUR,
  /** Once, when a server is created from the image. */
  ONE_OFF;
}
