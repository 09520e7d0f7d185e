package dev.imago.store.memory.internal;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * A read-write lock around some state: readers run together, a writer runs alone, so no reader
 * sees half of a write.
 */
public final class Guard {
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

  /**
   * Runs a read of the state.
   *
   * @param <T> the result's type
   * @param read the read
   * @return its result
   */
  public <T> T read(Supplier<T> read) {
    Lock held = lock.readLock();
    held.lock();
    try {
      return read.get();
    } finally {
      held.unlock();
    }
  }

  /**
   * Runs a change of the state.
   *
   * @param write the change
   */
  public void write(Runnable write) {
    Lock held = lock.writeLock();
    held.lock();
    try {
      write.run();
    } finally {
      held.unlock();
    }
  }
}
