package dev.imago.testkit;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.imago.spi.ImageStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The stateful property tests every {@link ImageStore} must pass: an {@code ImageService} built
 * by {@code Imago.builder()} over the store must behave, command after command, as a reference
 * model written for clarity says it should. Extend it and say how to make an empty store:
 *
 * <pre>{@code
 * class MyImageServiceStatefulTest extends ImageServiceStatefulContract {
 *   @Override
 *   protected ImageStore newStore() {
 *     return new MyImageStore(freshSchema());
 *   }
 * }
 * }</pre>
 *
 * <p><b>Sequences.</b> Random sequences of up to 30 steps (a step is one command, or two that
 * belong together, such as a share and the recipient's answer) from six tenants in two regions
 * (one suspended, one account with a project in each region): creating images of every type from
 * servers, disks, backups and files (some not the caller's, some that do not exist), the
 * pipeline's progress, shares in batches (with current members, the owner, suspended, foreign
 * and unknown tenants), accepts with and without a vault, rejects, revokes, publishing and
 * withdrawing, replication, protection, tags, deletion, public images, uses with every target,
 * region, flavor and market terms, and retirements: deprecations now, in the past, soon, or at
 * and past the longest leads, with or without an obsolete time and a replacement (eligible or
 * not, or an id that never existed), cancelled now and then; families (images put in one at
 * creation or later, excluded from "latest", taken out, a malformed name now and then); and, in
 * half the sequences, a recycle bin with a retention of 7 days, so that deletes wait in it and
 * are restored (by the owner or not, with or without quota room) or purged by the host's
 * schedule; all while the clock moves forward by a second to ten years, or to an image's
 * deprecation, obsolete or purge time exactly or a nanosecond before. Limits are small (a quota of 3 private images per region, 2 members per image and 1
 * per data-disk image, 2 tags) so that sequences reach them. After every step the test compares
 * with the model: the command's outcome (allowed, with what it created or added; denied, with
 * the same set of rule codes; not found; invalid input), what every tenant and the operator
 * reads of every image (its retirement schedule included), the members each lists, what a plain
 * use decides (with its notices, such as USE_DEPRECATED), {@code countOwned} for every tenant
 * and region, every tenant's listing walked page by page with small pages, by the default
 * query (which leaves out other tenants' deprecated images) and four filtered queries, two of
 * which include deprecated images, every tenant's recycle bin, and what every family's
 * "latest" is for every tenant.
 *
 * <p>A failure is shrunk, by QuickTheories and then by deleting commands, to a short sequence,
 * reported one command a line, as generated (img@0 is the latest image not deleted, "owner" the
 * owner of the image a command acts on) and as it ran, with the seed that repeats it: run the
 * test again with {@code -DQT_SEED=<seed>}.
 *
 * <p><b>Concurrency.</b> Two or three threads run short random mixes of share, accept, reject,
 * revoke and delete on one or two images at once, through one service over the store. Each
 * trial passes when some order of the commands that keeps each thread's order, run one at a
 * time on the model, gives every command the result it had and leaves every image as the store
 * holds it.
 *
 * <p><b>Longer runs.</b> By default the test runs 300 sequences and 300 concurrent trials. The
 * system property {@value #EXAMPLES_PROPERTY} sets both, for example {@code
 * mvn test -Dimago.testkit.examples=5000}; it also sets the examples of {@link
 * ImageStoreContract}'s property test.
 */
public abstract class ImageServiceStatefulContract {
  /** The system property that sets how many sequences and concurrent trials run. */
  public static final String EXAMPLES_PROPERTY = "imago.testkit.examples";

  private static final int DEFAULT_EXAMPLES = 300;
  private static final int MAX_STEPS = 30;
  // Each shrink cycle replays a whole sequence on a fresh store; with the deletion pass after
  // it, a failure is reported within a minute.
  private static final int SHRINK_CYCLES = 50;
  private static final Duration DELETION_BUDGET = Duration.ofSeconds(20);
  // A concurrent failure seldom repeats when replayed: a few cycles are worth trying.
  private static final int CONCURRENT_SHRINK_CYCLES = 20;
  private static final int THREADS = 3;

  /** Creates the contract; subclasses say how to make a store. */
  protected ImageServiceStatefulContract() {}

  /**
   * Returns a new, empty store: every sequence and every concurrent trial gets its own.
   *
   * @return the store under test
   */
  protected abstract ImageStore newStore();

  /**
   * Releases a store after a sequence or a trial; nothing by default.
   *
   * @param store a store {@link #newStore()} returned
   */
  protected void cleanup(ImageStore store) {}

  /**
   * Returns how many random sequences, and how many concurrent trials, run: the system property
   * {@value #EXAMPLES_PROPERTY} when set, 300 otherwise. A store that is slow to create may
   * lower it.
   *
   * @return the number of examples, at least 1
   * @throws IllegalArgumentException if the system property is not a positive whole number
   */
  protected int examples() {
    return configuredExamples(DEFAULT_EXAMPLES);
  }

  @Test
  void random_command_sequences_agree_with_the_reference_model() {
    ContractReporter reporter = new ContractReporter(
        "The image service over the store under test disagrees with the reference model.",
        (smallest, cause) -> explainSequence((CommandGenerators.CommandSequence) smallest,
            cause));
    qt().withExamples(examples())
        .withShrinkCycles(SHRINK_CYCLES)
        .withReporter(reporter)
        .forAll(CommandGenerators.sequences(MAX_STEPS))
        .checkAssert(sequence -> runSequence(sequence.commands(), sequence.retention()));
  }

  @Test
  void concurrent_commands_are_explained_by_some_sequential_order() throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      ContractReporter reporter = new ContractReporter(
          "Concurrent commands on the store under test are not explained by any sequential order.",
          (smallest, cause) -> new ContractReporter.Report("Scenario:" + smallest
              + System.lineSeparator() + (cause == null ? "" : cause.getMessage()), cause));
      qt().withExamples(examples())
          .withShrinkCycles(CONCURRENT_SHRINK_CYCLES)
          .withReporter(reporter)
          .forAll(ConcurrentTrial.scenarios())
          .checkAssert(scenario -> {
            ImageStore store = newStore();
            try {
              ConcurrentTrial.check(store, scenario, pool);
            } finally {
              cleanup(store);
            }
          });
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void port_failures_surface_as_store_exceptions_and_change_nothing() {
    // For about half the steps, one of the first few calls to the store or the directories
    // fails; the rest run as usual, so that the model follows what the store really holds.
    Gen<List<Integer>> faults = lists()
        .of(integers().between(0, 9).map(call -> call > 4 ? 0 : call))
        .ofSizeBetween(1, MAX_STEPS);
    ContractReporter reporter = new ContractReporter(
        "A port failure did not surface as StoreException, or changed the store.",
        (smallest, cause) -> new ContractReporter.Report("Sequence and faults:" + smallest
            + System.lineSeparator() + (cause == null ? "" : cause.getMessage()), cause));
    qt().withExamples(Math.max(1, examples() / 3))
        .withShrinkCycles(SHRINK_CYCLES)
        .withReporter(reporter)
        .forAll(CommandGenerators.sequences(MAX_STEPS), faults)
        .checkAssert((sequence, plan) -> {
          ImageStore store = newStore();
          try {
            new SequenceRun(store, sequence.retention()).run(sequence.commands(), plan);
          } finally {
            cleanup(store);
          }
        });
  }

  private void runSequence(List<Command> commands, Optional<Duration> retention) {
    ImageStore store = newStore();
    try {
      new SequenceRun(store, retention).run(commands);
    } finally {
      cleanup(store);
    }
  }

  private Optional<Throwable> failureOf(List<Command> commands, Optional<Duration> retention) {
    try {
      runSequence(commands, retention);
      return Optional.empty();
    } catch (AssertionError | RuntimeException failure) {
      return Optional.of(failure);
    }
  }

  private ContractReporter.Report explainSequence(CommandGenerators.CommandSequence sequence,
      Throwable cause) {
    String newLine = System.lineSeparator();
    List<Command> found = sequence.commands();
    SequenceShrinker.Shrunk shortest = new SequenceShrinker(
        commands -> failureOf(commands, sequence.retention()), DELETION_BUDGET)
        .shrink(found, cause);
    StringBuilder text = new StringBuilder("Shortest failing sequence: ")
        .append(shortest.commands().size()).append(" of the ").append(found.size())
        .append(" commands QuickTheories found (img@0 is the latest image not deleted, owner")
        .append(" the owner of the image, manager its owner or the operator for a public image,")
        .append(" offsets from the command's time):");
    text.append(new CommandGenerators.CommandSequence(shortest.commands(),
        sequence.retention()));
    text.append(newLine).append("As it ran, with the service's outcomes:").append(newLine)
        .append(shortest.failure().getMessage());
    return new ContractReporter.Report(text.toString(), shortest.failure());
  }

  /**
   * The number of examples the system property {@value #EXAMPLES_PROPERTY} asks for, or the
   * default.
   */
  static int configuredExamples(int defaultExamples) {
    String value = System.getProperty(EXAMPLES_PROPERTY);
    if (value == null || value.isBlank()) {
      return defaultExamples;
    }
    try {
      int examples = Integer.parseInt(value.trim());
      if (examples >= 1) {
        return examples;
      }
    } catch (NumberFormatException notANumber) {
      // Reported below, with the value.
    }
    throw new IllegalArgumentException(
        EXAMPLES_PROPERTY + " must be a positive whole number: " + value);
  }
}
