package dev.imago.examples;

import dev.imago.spi.ImageId;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Short image ids for the examples' output; a host would keep Imago's random UUIDs. */
final class ReadableIds implements Supplier<ImageId> {
  private final AtomicInteger next = new AtomicInteger();

  @Override
  public ImageId get() {
    return ImageId.of(String.format("img-%03d", next.incrementAndGet()));
  }
}
