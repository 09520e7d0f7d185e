package dev.imago.spi;

import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/** A tenant an image is shared with, and where it stands. */
@Value.Immutable
public abstract class Membership implements WithMembership {
  Membership() {}

  /**
   * Returns a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@code Membership}; {@code build()} checks it. */
  public static final class Builder extends ImmutableMembership.Builder {
    Builder() {}
  }

  /**
   * Returns the member tenant.
   *
   * @return the member
   */
  public abstract TenantId tenant();

  /**
   * Returns the member's answer so far.
   *
   * @return the status
   */
  public abstract MembershipStatus status();

  /**
   * Returns the member's backup vault, given when it accepted a full-server image (rule {@code
   * SHARE_ACCEPT_VAULT}).
   *
   * @return the vault, if any
   */
  public abstract Optional<VaultId> vault();

  /**
   * Returns when the image was shared with the member.
   *
   * @return the creation time
   */
  public abstract Instant createdAt();

  /**
   * Returns when the member last answered, or the creation time.
   *
   * @return the update time
   */
  public abstract Instant updatedAt();

  @Value.Check
  void check() {
    Inputs.present(tenant(), "member.tenant");
    Inputs.present(status(), "member.status");
    Inputs.present(createdAt(), "member.createdAt");
    if (Inputs.present(updatedAt(), "member.updatedAt").isBefore(createdAt())) {
      throw new InputException("member.updatedAt", updatedAt(), RuleCode.INPUT_VALUE,
          "must not be before createdAt");
    }
  }
}
