package dev.imago.spi;

/** The family of an image's operating system. */
public enum OsType {
  /** A Linux distribution. */
  LINUX,
  /** Microsoft Windows. */
  WINDOWS,
  /** Any other operating system. */
  OTHER;
}
