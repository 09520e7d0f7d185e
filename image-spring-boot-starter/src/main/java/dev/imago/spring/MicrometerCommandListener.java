package dev.imago.spring;

import dev.imago.core.CommandListener;
import dev.imago.core.CommandObservation;
import dev.imago.core.CommandObservation.Outcome;
import dev.imago.core.policy.ActionKind;
import dev.imago.spi.Inputs;
import dev.imago.spi.RuleCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Turns each {@link CommandObservation} into Micrometer meters, whose tags are the action, the
 * outcome, whether it was a check, and rule codes: a handful of values each, never a tenant or an
 * image, so that the number of time series stays small and nobody's activity shows in them.
 *
 * <table>
 *   <caption>The meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>what it counts</th></tr>
 *   <tr><td>{@value #COMMANDS}</td><td>timer</td><td>action, outcome, check</td><td>every call
 *       of the service but the event log's reads, and how long it took</td></tr>
 *   <tr><td>{@value #DENIALS}</td><td>counter</td><td>action, code</td><td>each rule code of
 *       each denied call (a denial with two codes counts twice); denying checks count in
 *       {@value #COMMANDS} only, since a console checks what it may show</td></tr>
 *   <tr><td>{@value #ATTEMPTS}</td><td>distribution summary</td><td>action</td><td>the attempts
 *       of each command that changes an image: above 1, it met version conflicts and
 *       retried</td></tr>
 *   <tr><td>{@value #RETRIES_EXHAUSTED}</td><td>counter</td><td>action</td><td>commands that
 *       gave up because the image kept changing (outcome CONFLICT)</td></tr>
 * </table>
 *
 * <p>When the application has an {@code ObservationRegistry}, the calls are timed there instead,
 * by {@link ObservationCommandListener} (timer {@value ObservationCommandListener#NAME} through
 * the meter handler, and spans with a tracer), and this listener records the counters and the
 * attempts only: {@link #MicrometerCommandListener(MeterRegistry, boolean)} with {@code false}.
 */
public final class MicrometerCommandListener implements CommandListener {
  /** The timer of every call. */
  public static final String COMMANDS = "imago.commands";
  /** The counter of the rule codes of denials. */
  public static final String DENIALS = "imago.denials";
  /** The distribution of the attempts of the commands that change an image. */
  public static final String ATTEMPTS = "imago.attempts";
  /** The counter of the commands that gave up after every attempt met a version conflict. */
  public static final String RETRIES_EXHAUSTED = "imago.retries.exhausted";

  private static final ActionKind[] ACTIONS = ActionKind.values();
  private static final Outcome[] OUTCOMES = Outcome.values();
  // Reads decide once and never retry: their attempts say nothing.
  private static final Set<ActionKind> READS =
      EnumSet.of(ActionKind.READ, ActionKind.USE, ActionKind.LIST, ActionKind.LIST_MEMBERS);

  private final MeterRegistry registry;
  private final boolean timesCalls;
  // Meters by action, outcome and check, looked up once: the listener is on every request path.
  private final AtomicReferenceArray<Timer> timers =
      new AtomicReferenceArray<>(ACTIONS.length * OUTCOMES.length * 2);
  private final AtomicReferenceArray<DistributionSummary> attempts =
      new AtomicReferenceArray<>(ACTIONS.length);

  /**
   * Creates the listener.
   *
   * @param registry where the meters go
   * @throws dev.imago.spi.InputException if the registry is absent
   */
  public MicrometerCommandListener(MeterRegistry registry) {
    this(registry, true);
  }

  /**
   * Creates the listener, which times the calls itself or leaves that to observations.
   *
   * @param registry the application's registry
   * @param timesCalls {@code true} to record {@value #COMMANDS}; {@code false} when an {@link
   *     ObservationCommandListener} times them
   * @throws dev.imago.spi.InputException if the registry is absent
   */
  public MicrometerCommandListener(MeterRegistry registry, boolean timesCalls) {
    this.registry = Inputs.present(registry, "registry");
    this.timesCalls = timesCalls;
  }

  @Override
  public void onCommand(CommandObservation observation) {
    ActionKind action = observation.action();
    if (timesCalls) {
      timer(action, observation.outcome(), observation.check()).record(observation.duration());
    }
    if (observation.check()) {
      return;
    }
    if (observation.outcome() == Outcome.DENIED) {
      for (RuleCode code : observation.codes()) {
        Counter.builder(DENIALS)
            .description("Rule codes of the denials of Imago's service")
            .tag("action", action.name())
            .tag("code", code.value())
            .register(registry)
            .increment();
      }
    }
    if (!READS.contains(action)) {
      attempts(action).record(observation.attempts());
    }
    if (observation.outcome() == Outcome.CONFLICT) {
      Counter.builder(RETRIES_EXHAUSTED)
          .description("Commands that gave up because the image kept changing under them")
          .tag("action", action.name())
          .register(registry)
          .increment();
    }
  }

  private Timer timer(ActionKind action, Outcome outcome, boolean check) {
    int index = (action.ordinal() * OUTCOMES.length + outcome.ordinal()) * 2 + (check ? 1 : 0);
    Timer timer = timers.get(index);
    if (timer == null) {
      // Registering twice gives the same timer, so a race here is harmless.
      timer = Timer.builder(COMMANDS)
          .description("Calls of Imago's service, by action and outcome")
          .tag("action", action.name())
          .tag("outcome", outcome.name())
          .tag("check", Boolean.toString(check))
          .register(registry);
      timers.set(index, timer);
    }
    return timer;
  }

  private DistributionSummary attempts(ActionKind action) {
    DistributionSummary summary = attempts.get(action.ordinal());
    if (summary == null) {
      summary = DistributionSummary.builder(ATTEMPTS)
          .description("Attempts of the commands that change an image; above 1 after version"
              + " conflicts")
          .tag("action", action.name())
          .register(registry);
      attempts.set(action.ordinal(), summary);
    }
    return summary;
  }
}
