package dev.imago.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Keeps the suite compiling and running: every benchmark, once, briefly, on tiny data. Its set-up
 * still loads every peer and asserts that they agree with Imago. The figures mean nothing.
 */
class BenchmarkSmokeTest {
  @ParameterizedTest
  @ValueSource(classes = {DecisionBenchmark.class, ColdDecisionBenchmark.class,
      ListingBenchmark.class, CommandBenchmark.class, MemoryBenchmark.class})
  void runsOnTinyData(Class<?> benchmark) throws RunnerException {
    Options options = new OptionsBuilder()
        .include(benchmark.getName() + "\\.")
        // The forks each benchmark declares: one, and none for the listing (see there).
        .warmupIterations(0)
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(100))
        // Enough images for every listing viewer to have a deep page, filtered too.
        .param("images", "5000")
        .jvmArgsAppend("-Xmx1g")
        .shouldFailOnError(true)
        .build();

    Collection<RunResult> results = new Runner(options).run();

    assertThat(results).isNotEmpty().allSatisfy(result ->
        assertThat(result.getPrimaryResult().getScore()).isPositive());
  }
}
