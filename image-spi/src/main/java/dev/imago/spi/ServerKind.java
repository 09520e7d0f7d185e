package dev.imago.spi;

/** The kinds of server an image can run on. */
public enum ServerKind {
  /** An elastic (virtual) server. */
  ECS,
  /** A bare-metal server. */
  BMS;
}
