/** A host of Imago on the module path. */
module example.host {
  requires dev.imago.core;
  requires dev.imago.store.memory;
}
