/** The contract between Imago and its hosts. */
module dev.imago.spi {
  requires static org.immutables.value.annotations;
  requires static org.jspecify;

  exports dev.imago.spi;
}
