/**
 * How the in-memory store keeps its indexes and cursors; not exported.
 */
@NullMarked
package dev.imago.store.memory.internal;

import org.jspecify.annotations.NullMarked;
