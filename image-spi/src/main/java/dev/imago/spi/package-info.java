/**
 * The contract between Imago and its hosts.
 *
 * <p>Validated ids ({@link dev.imago.spi.ImageId}, {@link dev.imago.spi.TenantId}, {@link
 * dev.imago.spi.RegionId}, ...), the enums of the image domain, the persisted state as immutable
 * values ({@link dev.imago.spi.ImageRecord} and what it holds), and the ports a host implements:
 * {@link dev.imago.spi.ImageStore}, {@link dev.imago.spi.TenantDirectory} and {@link
 * dev.imago.spi.SourceDirectory}. A store implementation compiles against this package alone.
 *
 * <p>Every value checks its own invariants when it is built and throws {@link
 * dev.imago.spi.InputException}, naming the field and the rule code, when one does not hold.
 */
// Generated implementations stay package-private behind each value's own Builder, and carry no
// annotation a host would need on its class path to compile cleanly (-Xlint:all -Werror).
@Value.Style(
    validationMethod = Value.Style.ValidationMethod.NONE,
    jdkOnly = true,
    defaultAsDefault = true,
    privateNoargConstructor = false,
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    allowedClasspathAnnotations = {Override.class})
package dev.imago.spi;

import org.immutables.value.Value;
