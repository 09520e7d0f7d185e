/**
 * What integrators run against their own store: contract tests for the ports of {@code
 * dev.imago.spi}, stateful property tests of an {@code ImageService} over the store, and
 * QuickTheories generators of valid and invalid values.
 */
module dev.imago.testkit {
  requires transitive dev.imago.spi;
  requires transitive dev.imago.core;
  requires transitive org.junit.jupiter.api;
  requires transitive org.junit.jupiter.params;
  requires transitive org.assertj.core;
  requires transitive quicktheories;
  requires static org.jspecify;

  exports dev.imago.testkit;

  opens dev.imago.testkit to org.junit.platform.commons;
}
