/**
 * Not API: the {@code ImageService} implementation and the Image aggregate. Not exported; hosts
 * use {@link dev.imago.core.Imago#builder()}.
 */
package dev.imago.core.internal;
