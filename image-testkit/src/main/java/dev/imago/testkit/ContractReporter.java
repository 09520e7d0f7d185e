package dev.imago.testkit;

import java.util.List;
import org.quicktheories.api.AsString;
import org.quicktheories.core.Reporter;

/**
 * Reports a falsified property of the stateful contracts as one readable assertion error: the
 * seed that repeats the run, then what an {@link Explainer} makes of the smallest failing value
 * QuickTheories found (a stateful test shrinks it further, a concurrent one describes it).
 * QuickTheories' own report would also print ten longer failing values and full stack traces.
 */
final class ContractReporter implements Reporter {
  /** Turns the smallest failing value into the body of the report. */
  interface Explainer {
    /**
     * Explains a failure.
     *
     * @param smallest the smallest failing value QuickTheories found
     * @param cause what it threw, or {@code null} when the property returned false
     * @return the report
     */
    Report explain(Object smallest, Throwable cause);
  }

  /**
   * The body of a report and the failure to attach as its cause.
   *
   * @param text the body
   * @param cause the failure, or {@code null}
   */
  record Report(String text, Throwable cause) {}

  private final String title;
  private final Explainer explainer;

  ContractReporter(String title, Explainer explainer) {
    this.title = title;
    this.explainer = explainer;
  }

  @Override
  public void falisification(long seed, int examplesUsed, Object smallest, Throwable cause,
      List<Object> examples, AsString<Object> toString) {
    report(seed, examplesUsed, explainer.explain(smallest, cause));
  }

  @Override
  public void falisification(long seed, int examplesUsed, Object smallest, List<Object> examples,
      AsString<Object> toString) {
    report(seed, examplesUsed, explainer.explain(smallest, null));
  }

  @Override
  public void valuesExhausted(int completedExamples) {
    throw new IllegalStateException("gave up after " + completedExamples
        + " examples: the generators found too few values");
  }

  private void report(long seed, int examplesUsed, Report report) {
    String newLine = System.lineSeparator();
    throw new AssertionError(title + newLine
        + "Falsified after " + examplesUsed + " examples. Seed: " + seed
        + " (run again with -DQT_SEED=" + seed + " to repeat it)." + newLine
        + report.text(), report.cause());
  }
}
