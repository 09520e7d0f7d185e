/**
 * The in-memory implementations of Imago's ports: {@link
 * dev.imago.store.memory.InMemoryImageStore}, the default embedded {@link
 * dev.imago.spi.ImageStore}, and {@link dev.imago.store.memory.InMemoryTenantDirectory} and
 * {@link dev.imago.store.memory.InMemorySourceDirectory}, which a host fills with its tenants and
 * resources (or a test with its fixtures). All are thread-safe.
 */
@NullMarked
package dev.imago.store.memory;

import org.jspecify.annotations.NullMarked;
