package dev.imago.spi;

/** Why an image is visible to a tenant, used to choose which images a query lists. */
public enum Visibility {
  /** The tenant owns it (including its own published market images). */
  OWN,
  /** It is shared with the tenant; which membership statuses count is part of the query. */
  SHARED,
  /** It is a public image of the tenant's region. */
  PUBLIC,
  /** It is a market image of the tenant's region. */
  MARKET;
}
