/**
 * The entry point for hosts: the caller model and the exceptions the domain throws.
 *
 * <p>{@link dev.imago.core.Caller} says who asks. Denied actions throw {@link
 * dev.imago.core.ImagePolicyException} with the whole decision; images the caller may not see
 * throw {@link dev.imago.core.ImageNotFoundException}, exactly as images that never existed.
 */
package dev.imago.core;
