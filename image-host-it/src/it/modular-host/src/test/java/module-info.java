/**
 * The host's module with its tests. The testkit is an automatic module, so requiring it is
 * warned of, and it passes on no readability of the named modules its API uses: JUnit's.
 */
@SuppressWarnings("requires-automatic")
open module example.host {
  requires dev.imago.core;
  requires dev.imago.store.memory;
  requires dev.imago.testkit;
  requires org.junit.jupiter.api;
  requires org.junit.jupiter.params;
}
