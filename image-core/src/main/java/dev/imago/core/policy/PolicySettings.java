package dev.imago.core.policy;

import dev.imago.spi.ImageType;
import dev.imago.spi.InputException;
import dev.imago.spi.Inputs;
import dev.imago.spi.RuleCode;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The limits of the rule catalogue that a host may change, each with the catalogue's default.
 * Build changed settings with {@code PolicySettings.builder().maxMembers(ImageType.ISO, 16)...}.
 */
@Value.Immutable
public abstract class PolicySettings implements WithPolicySettings {
  private static final long GIB = 1L << 30;
  private static final long MAX_LEAD_SECONDS = Duration.ofDays(36_500).getSeconds();
  private static final PolicySettings DEFAULTS = builder().build();

  PolicySettings() {}

  /**
   * Returns the catalogue's defaults.
   *
   * @return the default settings
   */
  public static PolicySettings defaults() {
    return DEFAULTS;
  }

  /**
   * Returns a builder starting from the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@code PolicySettings}; {@code build()} checks it. */
  public static final class Builder extends ImmutablePolicySettings.Builder {
    Builder() {}
  }

  /**
   * Returns how many non-deleted private images a tenant may own in a region (rule {@code
   * CREATE_QUOTA}); 100 by default.
   *
   * @return the quota
   */
  @Value.Default
  public int maxPrivateImagesPerRegion() {
    return 100;
  }

  /**
   * Returns the largest file imported the ordinary way (rule {@code CREATE_IMPORT_SIZE}); 128 GiB
   * by default.
   *
   * @return the limit in bytes
   */
  @Value.Default
  public long maxImportBytes() {
    return 128 * GIB;
  }

  /**
   * Returns the largest file imported fast: RAW with a bitmap file, or ZVHD2 (rule {@code
   * CREATE_IMPORT_SIZE}); 1 TiB by default.
   *
   * @return the limit in bytes
   */
  @Value.Default
  public long maxFastImportBytes() {
    return 1024 * GIB;
  }

  /**
   * Returns the member limits that differ from {@link #defaultMaxMembers()}, by image type (rule
   * {@code SHARE_MEMBER_LIMIT}).
   *
   * @return the limits by type
   */
  public abstract Map<ImageType, Integer> maxMembersByType();

  /**
   * Returns how many members an image may have unless its type has its own limit (rule {@code
   * SHARE_MEMBER_LIMIT}); 128 by default.
   *
   * @return the member limit
   */
  @Value.Default
  public int defaultMaxMembers() {
    return 128;
  }

  /**
   * Returns how many tags an image may carry (rule {@code INPUT_TAGS}); 10 by default.
   *
   * @return the tag limit
   */
  @Value.Default
  public int maxTags() {
    return 10;
  }

  /**
   * Returns the largest image replicated across regions (rule {@code REPLICATE_EXCLUDED}); 128
   * GiB by default.
   *
   * @return the limit in bytes
   */
  @Value.Default
  public long maxReplicationBytes() {
    return 128 * GIB;
  }

  /**
   * Returns how far ahead a tenant's image may be scheduled for deprecation (rule {@code
   * DEPRECATE_SCHEDULE}); 3650 days (10 years) by default.
   *
   * @return the longest lead, at least one second
   */
  @Value.Default
  public Duration maxDeprecationLead() {
    return Duration.ofDays(3650);
  }

  /**
   * Returns how far ahead a PUBLIC image may be scheduled for deprecation (rule {@code
   * DEPRECATE_SCHEDULE}); 730 days (2 years) by default.
   *
   * @return the longest lead, at least one second
   */
  @Value.Default
  public Duration maxPublicDeprecationLead() {
    return Duration.ofDays(730);
  }

  /**
   * Returns how long a deleted image waits in its owner's recycle bin before it is purged (rule
   * {@code RECYCLE_RETENTION}); none by default, when deleting deletes for good.
   *
   * @return the retention period, from 1 to 365 days, if deleted images are recycled
   */
  public abstract Optional<Duration> recycleRetention();

  /**
   * Returns the member limit of an image type.
   *
   * @param type the image type
   * @return how many members an image of that type may have
   */
  public final int maxMembers(ImageType type) {
    Integer limit = maxMembersByType().get(type);
    return limit != null ? limit : defaultMaxMembers();
  }

  /**
   * Returns the most members any image may have: the largest member limit of any type, and at
   * least 1. A share batch naming more tenants can never be allowed, so it is refused as input
   * before any tenant is looked up.
   *
   * @return the largest member limit
   */
  public final int largestMemberLimit() {
    int largest = Math.max(1, defaultMaxMembers());
    for (int limit : maxMembersByType().values()) {
      largest = Math.max(largest, limit);
    }
    return largest;
  }

  @Value.Check
  void check() {
    Inputs.range(maxPrivateImagesPerRegion(), 0, Integer.MAX_VALUE, "maxPrivateImagesPerRegion");
    Inputs.range(maxImportBytes(), 0, Long.MAX_VALUE, "maxImportBytes");
    Inputs.range(maxFastImportBytes(), 0, Long.MAX_VALUE, "maxFastImportBytes");
    Inputs.range(defaultMaxMembers(), 0, Integer.MAX_VALUE, "defaultMaxMembers");
    Inputs.range(maxTags(), 0, Integer.MAX_VALUE, "maxTags");
    Inputs.range(maxReplicationBytes(), 0, Long.MAX_VALUE, "maxReplicationBytes");
    // Bounded so that now plus the lead stays a valid Instant for any clock of this millennium.
    Inputs.range(Inputs.present(maxDeprecationLead(), "maxDeprecationLead").getSeconds(),
        1, MAX_LEAD_SECONDS, "maxDeprecationLead");
    Inputs.range(Inputs.present(maxPublicDeprecationLead(), "maxPublicDeprecationLead")
        .getSeconds(), 1, MAX_LEAD_SECONDS, "maxPublicDeprecationLead");
    recycleRetention().ifPresent(retention -> {
      if (retention.compareTo(Duration.ofDays(1)) < 0
          || retention.compareTo(Duration.ofDays(365)) > 0) {
        throw new InputException("recycleRetention", retention, RuleCode.RECYCLE_RETENTION,
            "must be from 1 to 365 days");
      }
    });
    for (Map.Entry<ImageType, Integer> limit : maxMembersByType().entrySet()) {
      Inputs.range(Inputs.present(limit.getValue(), "maxMembersByType"), 0, Integer.MAX_VALUE,
          "maxMembersByType[" + limit.getKey() + "]");
    }
  }
}
