package dev.imago.spi;

/** The processor architecture an image runs on. */
public enum Architecture {
  /** x86-64. */
  X86_64,
  /** 64-bit Arm. */
  AARCH64;
}
