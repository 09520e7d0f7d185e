package dev.imago.benchmarks;

import dev.imago.core.policy.Decision;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cold decisions: the same questions as {@link DecisionBenchmark}, each about a random image
 * with 128 members out of a store of {@code images} images, by a fresh image id as a request
 * carries it, so the id lookup, the record and its members mostly miss the caches. Imago through
 * {@code ImageService.check}, against the hand-written floor over hash maps of the same records.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
public class ColdDecisionBenchmark {
  // A power of two, so the loop wraps with a mask; far more cases than the caches hold.
  private static final int CASES = 1 << 18;

  @Param("1000000")
  public int images;

  private DecisionFixture fixture;
  private DecisionCase[] uses;
  private DecisionCase[] shares;
  private Policy handWritten;
  private int mask;
  private int next;

  /** Loads the store and the floor's maps, and checks that both agree. */
  @Setup
  public void setUp() {
    // No more cases than images: the same at a million, and the smoke test's tiny store does not
    // pay for a quarter of a million of them.
    int cases = Math.min(CASES, Integer.highestOneBit(images));
    mask = cases - 1;
    fixture = DecisionFixture.cold(images, cases);
    uses = fixture.uses.toArray(DecisionCase[]::new);
    shares = fixture.shares.toArray(DecisionCase[]::new);
    handWritten = new HandWrittenPolicy(fixture.facts);
    fixture.assertAgreement(Map.of("the hand-written floor", handWritten));
  }

  private int nextIndex() {
    return next++ & mask;
  }

  @Benchmark
  public Decision useImago() {
    DecisionCase decision = uses[nextIndex()];
    return fixture.imago.check(decision.caller(), decision.action());
  }

  @Benchmark
  public boolean useHandWritten() {
    return handWritten.allows(uses[nextIndex()]);
  }

  @Benchmark
  public Decision shareImago() {
    DecisionCase decision = shares[nextIndex()];
    return fixture.imago.check(decision.caller(), decision.action());
  }

  @Benchmark
  public boolean shareHandWritten() {
    return handWritten.allows(shares[nextIndex()]);
  }
}
