package dev.imago.core;

import dev.imago.core.policy.ActionKind;

/**
 * Sees every call of {@link ImageService} once it has ended, for a host's metrics: register one
 * with {@link Imago.Builder#listener(CommandListener)}.
 *
 * <p>Each call of the service but {@link ImageService#events} is reported exactly once, on the
 * caller's thread, after the call and before it returns or throws. A listener is on every request
 * path: it should be quick and must not block. One that throws does not change the call's result:
 * the service logs the failure at WARN and goes on.
 *
 * <p>A host without Spring binds it to Micrometer in a few lines:
 *
 * <pre>{@code
 * MeterRegistry registry = ...;
 * ImageService images = Imago.builder()
 *     .store(store).tenants(tenants).sources(sources)
 *     .listener(observation -> Timer.builder("imago.commands")
 *         .tag("action", observation.action().name())
 *         .tag("outcome", observation.outcome().name())
 *         .register(registry)
 *         .record(observation.duration()))
 *     .build();
 * }</pre>
 */
@FunctionalInterface
public interface CommandListener {
  /**
   * Receives the observation of one finished call.
   *
   * @param observation what the call came to; it names no tenant and no image
   */
  void onCommand(CommandObservation observation);

  /**
   * Tells the listener that a call of the service starts, on the thread that makes it, before
   * anything is decided. {@link #onCommand} follows on the same thread when the call ends, for
   * every call started, in reverse order of starting when calls nest: a listener that brackets
   * calls, such as an observation with a timer and a span, opens here and closes there. A
   * listener that throws is logged and ignored. By default nothing.
   *
   * @param action the kind of call
   * @param check {@code true} for {@code ImageService.check}, which only decides
   */
  default void onStart(ActionKind action, boolean check) {}
}
