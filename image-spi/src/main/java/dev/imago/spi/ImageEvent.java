package dev.imago.spi;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Something that happened to an image, saved by the store together with the state it produced
 * and read back in order by hosts that relay events (an outbox).
 */
@Value.Immutable
public abstract class ImageEvent implements WithImageEvent {
  ImageEvent() {}

  /**
   * Returns a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@code ImageEvent}; {@code build()} checks it. */
  public static final class Builder extends ImmutableImageEvent.Builder {
    Builder() {}
  }

  /**
   * Returns what happened.
   *
   * @return the event type
   */
  public abstract EventType type();

  /**
   * Returns the image it happened to.
   *
   * @return the image
   */
  public abstract ImageId image();

  /**
   * Returns the tenant that caused it, or empty when the platform did.
   *
   * @return the acting tenant, if any
   */
  public abstract Optional<TenantId> actor();

  /**
   * Returns the member concerned, for membership events.
   *
   * @return the member, if any
   */
  public abstract Optional<TenantId> member();

  /**
   * Returns when it happened.
   *
   * @return the time
   */
  public abstract Instant occurredAt();

  /**
   * Returns further facts, such as {@code from} and {@code to} of a status change.
   *
   * @return the details
   */
  public abstract Map<String, String> details();

  @Value.Check
  void check() {
    Inputs.present(type(), "event.type");
    Inputs.present(image(), "event.image");
    Inputs.present(occurredAt(), "event.occurredAt");
  }
}
