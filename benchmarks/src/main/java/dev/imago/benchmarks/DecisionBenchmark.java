package dev.imago.benchmarks;

import dev.imago.core.policy.Context;
import dev.imago.core.policy.Decision;
import dev.imago.core.policy.PolicyEngine;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Warm decisions: may an ACCEPTED member use an image with 128 members, may its owner share it
 * again with a member; four such images reused, so everything they touch stays in the caches.
 * Imago through {@code ImageService.check} (store load and directory look-ups included) and its
 * engine alone over a prepared context; the hand-written floor; jCasbin's {@code Enforcer} and
 * {@code CachedEnforcer}; CEL-Java. All are asked the same cases and must agree on a sample of
 * allowed and denied ones before anything is measured.
 */
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class DecisionBenchmark {
  private static final int MASK = 3;

  private final PolicyEngine engine = PolicyEngine.standard();
  private DecisionFixture fixture;
  private DecisionCase[] uses;
  private DecisionCase[] shares;
  private Context[] useContexts;
  private Context[] shareContexts;
  private Policy handWritten;
  private Policy casbin;
  private Policy casbinCached;
  private Policy cel;
  private int next;

  /** Loads the fixture and checks that every policy agrees with Imago. */
  @Setup
  public void setUp() {
    fixture = DecisionFixture.warm();
    uses = fixture.uses.toArray(DecisionCase[]::new);
    shares = fixture.shares.toArray(DecisionCase[]::new);
    useContexts = fixture.uses.stream().map(fixture::contextOf).toArray(Context[]::new);
    shareContexts = fixture.shares.stream().map(fixture::contextOf).toArray(Context[]::new);
    handWritten = new HandWrittenPolicy(fixture.facts);
    casbin = CasbinPolicy.enforcer(fixture.facts);
    casbinCached = CasbinPolicy.cachedEnforcer(fixture.facts);
    cel = new CelPolicy(fixture.facts);
    Policy engineOnly = decision -> engine.evaluate(fixture.contextOf(decision)).isAllowed();
    fixture.assertAgreement(Map.of("the engine alone", engineOnly, "the hand-written floor",
        handWritten, "jCasbin Enforcer", casbin, "jCasbin CachedEnforcer", casbinCached,
        "CEL-Java", cel));
    if (uses.length != MASK + 1 || shares.length != MASK + 1) {
      throw new IllegalStateException("the warm loop cycles over four cases of each kind");
    }
  }

  private int nextIndex() {
    return next++ & MASK;
  }

  @Benchmark
  public Decision useImago() {
    DecisionCase decision = uses[nextIndex()];
    return fixture.imago.check(decision.caller(), decision.action());
  }

  @Benchmark
  public Decision useImagoEngine() {
    return engine.evaluate(useContexts[nextIndex()]);
  }

  @Benchmark
  public boolean useHandWritten() {
    return handWritten.allows(uses[nextIndex()]);
  }

  @Benchmark
  public boolean useCasbin() {
    return casbin.allows(uses[nextIndex()]);
  }

  @Benchmark
  public boolean useCasbinCached() {
    return casbinCached.allows(uses[nextIndex()]);
  }

  @Benchmark
  public boolean useCel() {
    return cel.allows(uses[nextIndex()]);
  }

  @Benchmark
  public Decision shareImago() {
    DecisionCase decision = shares[nextIndex()];
    return fixture.imago.check(decision.caller(), decision.action());
  }

  @Benchmark
  public Decision shareImagoEngine() {
    return engine.evaluate(shareContexts[nextIndex()]);
  }

  @Benchmark
  public boolean shareHandWritten() {
    return handWritten.allows(shares[nextIndex()]);
  }

  @Benchmark
  public boolean shareCasbin() {
    return casbin.allows(shares[nextIndex()]);
  }

  @Benchmark
  public boolean shareCasbinCached() {
    return casbinCached.allows(shares[nextIndex()]);
  }

  @Benchmark
  public boolean shareCel() {
    return cel.allows(shares[nextIndex()]);
  }
}
