package dev.imago.spring;

import dev.imago.core.CommandListener;
import dev.imago.core.CommandObservation;
import dev.imago.core.policy.ActionKind;
import dev.imago.spi.Inputs;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Binds Imago's calls to Micrometer's Observation API: each call of the service is one
 * observation named {@value #NAME}, started when the call starts and stopped when it ends, with
 * the low-cardinality key values {@code action}, {@code check} and {@code outcome} (never a
 * tenant or an image id). With Spring Boot's meter observation handler each becomes a timer per
 * action and outcome; with a tracer, a span.
 *
 * <p>Observations are kept per thread between {@link #onStart} and {@link #onCommand}, which the
 * service calls on the caller's thread, innermost call first when calls nest.
 */
public final class ObservationCommandListener implements CommandListener {
  /** The name of the observation of one call, and of the timer the meter handler makes. */
  public static final String NAME = "imago.command";

  private final ObservationRegistry registry;
  private final ThreadLocal<Deque<Observation>> open = ThreadLocal.withInitial(ArrayDeque::new);

  /**
   * Creates the listener.
   *
   * @param registry the application's observation registry
   * @throws dev.imago.spi.InputException if the registry is absent
   */
  public ObservationCommandListener(ObservationRegistry registry) {
    this.registry = Inputs.present(registry, "registry");
  }

  @Override
  public void onStart(ActionKind action, boolean check) {
    Observation observation = Observation.createNotStarted(NAME, registry)
        .contextualName("imago " + action.name().toLowerCase(java.util.Locale.ROOT))
        .lowCardinalityKeyValue("action", action.name())
        .lowCardinalityKeyValue("check", Boolean.toString(check))
        .start();
    open.get().push(observation);
  }

  @Override
  public void onCommand(CommandObservation observation) {
    Deque<Observation> started = open.get();
    Observation current = started.poll();
    if (started.isEmpty()) {
      open.remove();
    }
    if (current != null) {
      current.lowCardinalityKeyValue("outcome", observation.outcome().name()).stop();
    }
  }
}
