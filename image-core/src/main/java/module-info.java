/** The image domain: the policy engine, the Image aggregate and the ImageService entry point. */
module dev.imago.core {
  requires transitive dev.imago.spi;
  requires org.slf4j;
  requires static org.immutables.value.annotations;
  requires static org.jspecify;

  exports dev.imago.core;
  exports dev.imago.core.policy;
}
