package dev.imago.spring;

/**
 * Reads the schema version of the database of the PostgreSQL store that Imago configured, and
 * requires it to be the one this application's Imago expects.
 */
@FunctionalInterface
interface SchemaCheck {
  /**
   * Checks the schema.
   *
   * @return the version the database holds
   * @throws dev.imago.spi.StoreException if the database cannot be reached or holds another
   *     version; the message names both
   */
  int version();
}
