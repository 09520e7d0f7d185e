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
@Value.Style(
    validationMethod = Value.Style.ValidationMethod.NONE,
    jdkOnly = true,
    defaultAsDefault = true,
    privateNoargConstructor = false,
    // No @org.immutables.value.Generated on generated classes: hosts compile without the
    // annotations jar, and javac -Xlint warns of every attribute of an annotation it cannot read.
    allowedClasspathAnnotations = {java.lang.Override.class})
package dev.imago.spi;

import org.immutables.value.Value;
