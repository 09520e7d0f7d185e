package dev.imago.spi;

/** Whether a tenant may act. */
public enum TenantStatus {
  /** The tenant may act and receive shares. */
  ACTIVE,
  /** The tenant is frozen: it receives no new shares. */
  SUSPENDED;
}
