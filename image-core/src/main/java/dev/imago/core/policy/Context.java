package dev.imago.core.policy;

import dev.imago.core.Caller;
import dev.imago.spi.BackupFacts;
import dev.imago.spi.DiskFacts;
import dev.imago.spi.FileFacts;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.Inputs;
import dev.imago.spi.ServerFacts;
import dev.imago.spi.TenantId;
import dev.imago.spi.TenantInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Everything a decision depends on: who asks, what, the image, the tenants and the source
 * involved, the counts and the settings. {@code ImageService} gathers it from the store and the
 * directories; tests and hosts build it directly to ask the engine.
 */
@Value.Immutable
public abstract class Context implements WithContext {
  Context() {}

  /**
   * Returns a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@code Context}; {@code build()} checks it. */
  public static final class Builder extends ImmutableContext.Builder {
    Builder() {}
  }

  /**
   * Returns who asks.
   *
   * @return the caller
   */
  public abstract Caller caller();

  /**
   * Returns what is asked.
   *
   * @return the action
   */
  public abstract Action action();

  /**
   * Returns the image the action concerns, as stored; empty when it concerns no existing image,
   * or when no image has the id.
   *
   * @return the image, if any
   */
  public abstract Optional<ImageRecord> image();

  /**
   * Returns what the directory knows of the calling tenant; empty for the operator or an unknown
   * tenant.
   *
   * @return the caller's tenant, if known
   */
  public abstract Optional<TenantInfo> callerTenant();

  /**
   * Returns the other tenants the action names (recipients of a share), as the directory knows
   * them; a tenant the directory does not know is absent.
   *
   * @return the tenants found, by id
   */
  public abstract Map<TenantId, TenantInfo> tenants();

  /**
   * Returns the project that would own a replica: the caller's account's project in the target
   * region.
   *
   * @return the target project, if it exists
   */
  public abstract Optional<TenantInfo> replicaOwner();

  /**
   * Returns the replacement a deprecation names and the replacements that follow it, in order
   * (rule {@code DEPRECATE_REPLACEMENT}): the named image first, then its own schedule's
   * replacement, and so on. Empty when the action names no replacement, when the named image
   * does not exist, or when the caller may not manage the image deprecated.
   *
   * @return the chain of replacements
   */
  public abstract List<ImageRecord> replacements();

  /**
   * Returns how many private images the future owner of a new image already owns in the new
   * image's region: the creating tenant, or the replica's owner (rule {@code CREATE_QUOTA}).
   *
   * @return the count of owned images
   */
  @Value.Default
  public long ownedImages() {
    return 0;
  }

  /**
   * Returns the server a new image is made from, if it exists.
   *
   * @return the server
   */
  public abstract Optional<ServerFacts> server();

  /**
   * Returns the disk a new image is made from, if it exists.
   *
   * @return the disk
   */
  public abstract Optional<DiskFacts> disk();

  /**
   * Returns the backup a new image is made from, if it exists.
   *
   * @return the backup
   */
  public abstract Optional<BackupFacts> backup();

  /**
   * Returns the file a new image is imported from, if it exists.
   *
   * @return the file
   */
  public abstract Optional<FileFacts> file();

  /**
   * Returns the limits in force.
   *
   * @return the settings
   */
  @Value.Default
  public PolicySettings settings() {
    return PolicySettings.defaults();
  }

  /**
   * Returns the time of the decision.
   *
   * @return now
   */
  public abstract Instant now();

  /**
   * Returns a tenant the action names.
   *
   * @param id the tenant
   * @return what the directory knows of it, or empty when it does not exist
   */
  public final Optional<TenantInfo> tenant(TenantId id) {
    return Optional.ofNullable(tenants().get(id));
  }

  @Value.Check
  void check() {
    Inputs.present(caller(), "caller");
    Inputs.present(action(), "action");
    Inputs.present(tenants(), "tenants");
    Inputs.present(settings(), "settings");
    Inputs.present(now(), "now");
    Inputs.range(ownedImages(), 0, Long.MAX_VALUE, "ownedImages");
  }
}
