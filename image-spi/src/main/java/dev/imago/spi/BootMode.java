package dev.imago.spi;

/** How a server boots from an image. */
public enum BootMode {
  /** Legacy BIOS. */
  BIOS,
  /** UEFI. */
  UEFI;
}
