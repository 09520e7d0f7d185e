/**
 * Imago's {@link dev.imago.spi.ImageStore} on PostgreSQL through plain JDBC, and the call that
 * applies its schema.
 */
module dev.imago.store.jdbc {
  requires transitive dev.imago.spi;
  requires transitive java.sql;
  // Only ImagoSchema touches Flyway, so a host that applies the migrations itself needs none.
  // Flyway's jar declares no module name: this one is derived from the jar's file name.
  requires static flyway.core;
  requires static org.jspecify;

  exports dev.imago.store.jdbc;
}
