package dev.imago.spi;

import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * An image's retirement schedule (rules {@code DEPRECATE_SCHEDULE}, {@code
 * DEPRECATE_REPLACEMENT}, {@code USE_DEPRECATED} and {@code USE_OBSOLETE}): from its deprecation
 * time the image still works but warns and leaves other tenants' default listings; from its
 * obsolete time, if it has one, it creates nothing new. A replacement names the image to use
 * instead.
 *
 * <p>Both states are judged against a clock ({@link #isDeprecatedAt}, {@link #isObsoleteAt}), so a
 * schedule takes effect without any call. A schedule is valid when built: the obsolete time is
 * not before the deprecation time.
 */
@Value.Immutable
public abstract class Deprecation implements WithDeprecation {
  Deprecation() {}

  /**
   * Returns a schedule that deprecates at the given time, with no obsolete time and no
   * replacement.
   *
   * @param deprecatedAt when the image becomes deprecated
   * @return the schedule
   * @throws InputException if the time is absent (field {@code deprecation.deprecatedAt})
   */
  public static Deprecation at(Instant deprecatedAt) {
    return builder().deprecatedAt(deprecatedAt).build();
  }

  /**
   * Returns a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@code Deprecation}; {@code build()} checks it. */
  public static final class Builder extends ImmutableDeprecation.Builder {
    Builder() {}
  }

  /**
   * Returns when the image becomes deprecated.
   *
   * @return the deprecation time
   */
  public abstract Instant deprecatedAt();

  /**
   * Returns when the image becomes obsolete, if ever: from then on it creates nothing new.
   *
   * @return the obsolete time, never before the deprecation time
   */
  public abstract Optional<Instant> obsoleteAt();

  /**
   * Returns the image to use instead, if one is named.
   *
   * @return the replacement
   */
  public abstract Optional<ImageId> replacement();

  /**
   * Tells whether the schedule has made the image deprecated at a moment: at or after its
   * deprecation time.
   *
   * @param now the moment
   * @return {@code true} when deprecated then
   * @throws InputException if the moment is absent (field {@code now})
   */
  public final boolean isDeprecatedAt(Instant now) {
    return !Inputs.present(now, "now").isBefore(deprecatedAt());
  }

  /**
   * Tells whether the schedule has made the image obsolete at a moment: at or after its obsolete
   * time.
   *
   * @param now the moment
   * @return {@code true} when obsolete then
   * @throws InputException if the moment is absent (field {@code now})
   */
  public final boolean isObsoleteAt(Instant now) {
    Inputs.present(now, "now");
    return obsoleteAt().isPresent() && !now.isBefore(obsoleteAt().get());
  }

  @Value.Check
  void check() {
    Inputs.present(deprecatedAt(), "deprecation.deprecatedAt");
    if (obsoleteAt().isPresent() && obsoleteAt().get().isBefore(deprecatedAt())) {
      throw new InputException("deprecation.obsoleteAt", obsoleteAt().get(),
          RuleCode.DEPRECATE_SCHEDULE, "must not be before the deprecation time "
          + deprecatedAt());
    }
  }
}
