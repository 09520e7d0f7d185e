package dev.imago.benchmarks;

import dev.imago.store.memory.InMemoryImageStore;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The heap a memory store retains per image: {@code images} images, 10 % PUBLIC, 20 % of the
 * PRIVATE ones shared with 1 to 32 members (3 members per image on average), saved into a new
 * store; the used heap after full collections, before and after, divided by the images. The
 * score is the time the load took; the secondary result {@code bytesPerImage} is the footprint.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
@State(Scope.Benchmark)
public class MemoryBenchmark {
  @Param("1000000")
  public int images;

  /** The footprint, reported next to the load time. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Footprint {
    public double bytesPerImage;
    public double membersPerImage;

    private int measurements;

    @Setup(Level.Iteration)
    public void clear(BenchmarkParams params) {
      bytesPerImage = 0;
      membersPerImage = 0;
      measurements = params.getMeasurement().getCount();
    }

    // JMH adds up events over the measured iterations: each reports its share of the mean.
    void record(double bytes, double members) {
      bytesPerImage = bytes / measurements;
      membersPerImage = members / measurements;
    }
  }

  @Benchmark
  public InMemoryImageStore load(Footprint footprint) {
    Population population = new Population(images, 10_000, 0.10, 0.20, 1, 32);
    long members = population.countMembers();
    long before = usedAfterCollecting();
    InMemoryImageStore store = population.store();
    long after = usedAfterCollecting();
    Reference.reachabilityFence(store);
    footprint.record((double) (after - before) / images, (double) members / images);
    return store;
  }

  // Several collections: one may leave garbage that a finalizer or a reference queue frees later.
  private static long usedAfterCollecting() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 5; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
