package dev.imago.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imago.core.policy.Decision;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Keeps the suite compiling and running: every benchmark, once, on tiny data, in this JVM. Each
 * set-up still loads every peer and asserts that they agree with Imago. The figures mean nothing;
 * what is proven is that each benchmark runs and its peers agree, not how fast.
 */
class BenchmarkSmokeTest {
  /**
   * The warm decisions, called directly: JMH builds the state again for each of the twelve
   * methods, and that set-up (jCasbin, CEL-Java and their agreement on the sample) was most of
   * this test's time. One set-up here, then every benchmark method once.
   */
  @Test
  void every_decision_benchmark_answers_its_measured_case_as_allowed() throws Exception {
    DecisionBenchmark benchmark = new DecisionBenchmark();
    benchmark.setUp();

    List<Method> methods = Arrays.stream(DecisionBenchmark.class.getMethods())
        .filter(method -> method.isAnnotationPresent(Benchmark.class)).toList();
    assertThat(methods).hasSizeGreaterThanOrEqualTo(12);
    for (Method method : methods) {
      Object answer = method.invoke(benchmark);
      // The measured cases are allowed ones: every peer must say so too.
      assertThat(answer instanceof Decision decision ? decision.isAllowed() : answer)
          .as(method.getName()).isEqualTo(true);
    }
  }

  /**
   * The other benchmarks through JMH itself, not forked, without warm-up and with one iteration
   * of a millisecond, so its generated code, parameters and states are exercised too.
   *
   * @param benchmark the benchmark class
   * @param images the size of its store, where it has one: as small as its checks allow
   */
  @ParameterizedTest
  @CsvSource({
      "dev.imago.benchmarks.ColdDecisionBenchmark, 1000",
      // Enough images for every listing viewer to have a deep page, filtered too.
      "dev.imago.benchmarks.ListingBenchmark, 4000",
      "dev.imago.benchmarks.RetiringBenchmark, 4000",
      "dev.imago.benchmarks.CommandBenchmark, 0",
      "dev.imago.benchmarks.MemoryBenchmark, 1000"})
  void runs_on_tiny_data(Class<?> benchmark, int images) throws RunnerException {
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include(benchmark.getName() + "\\.")
        // A fork per benchmark method would cost a JVM start and a warm-up each.
        .forks(0)
        .warmupIterations(0)
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(1))
        .shouldFailOnError(true);
    if (images > 0) {
      options.param("images", String.valueOf(images));
    }

    Collection<RunResult> results = new Runner(options.build()).run();

    assertThat(results).isNotEmpty().allSatisfy(result ->
        assertThat(result.getPrimaryResult().getScore()).isPositive());
  }
}
