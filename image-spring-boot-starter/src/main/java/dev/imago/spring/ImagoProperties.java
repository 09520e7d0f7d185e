package dev.imago.spring;

import dev.imago.core.policy.PolicySettings;
import dev.imago.spi.ImageType;
import dev.imago.spi.InputException;
import dev.imago.spi.RuleCode;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.unit.DataSize;

/**
 * The {@code imago.*} properties: the limits of Imago's rule catalogue ({@link PolicySettings}),
 * how often a command is retried, and how the PostgreSQL store starts. Every limit defaults to
 * the catalogue's own value.
 *
 * @param maxPrivateImagesPerRegion How many non-deleted private images a tenant may own in a
 *     region (rule CREATE_QUOTA), from 0.
 * @param maxImportSize The largest file imported the ordinary way (rule CREATE_IMPORT_SIZE).
 * @param maxFastImportSize The largest file imported fast: RAW with a bitmap file, or ZVHD2 (rule
 *     CREATE_IMPORT_SIZE).
 * @param defaultMaxMembers How many members an image may have unless its type has a limit of
 *     its own (rule SHARE_MEMBER_LIMIT), from 0.
 * @param maxMembersByType Member limits that differ from the default, by image type: SYSTEM_DISK,
 *     DATA_DISK, FULL_SERVER or ISO (rule SHARE_MEMBER_LIMIT), each from 0.
 * @param maxTags How many tags an image may carry (rule INPUT_TAGS), from 0.
 * @param maxReplicationSize The largest image replicated across regions (rule
 *     REPLICATE_EXCLUDED).
 * @param maxDeprecationLead How far ahead a tenant's image may be scheduled for deprecation
 *     (rule DEPRECATE_SCHEDULE), from 1 second to 36500 days.
 * @param maxPublicDeprecationLead How far ahead a public image may be scheduled for deprecation
 *     (rule DEPRECATE_SCHEDULE), from 1 second to 36500 days.
 * @param maxAttempts How many times a command is tried when the image changes under it, from 1
 *     to 1000.
 * @param jdbc How the PostgreSQL store starts, when it is the one in use.
 */
@ConfigurationProperties("imago")
public record ImagoProperties(
    @DefaultValue("100") int maxPrivateImagesPerRegion,
    @DefaultValue("128GB") DataSize maxImportSize,
    @DefaultValue("1TB") DataSize maxFastImportSize,
    @DefaultValue("128") int defaultMaxMembers,
    Map<ImageType, Integer> maxMembersByType,
    @DefaultValue("10") int maxTags,
    @DefaultValue("128GB") DataSize maxReplicationSize,
    @DefaultValue("3650d") Duration maxDeprecationLead,
    @DefaultValue("730d") Duration maxPublicDeprecationLead,
    @DefaultValue("5") int maxAttempts,
    @DefaultValue Jdbc jdbc) {

  // The property that holds each value PolicySettings and Imago.Builder name in their errors.
  private static final Map<String, String> PROPERTIES = Map.ofEntries(
      Map.entry("maxPrivateImagesPerRegion", "imago.max-private-images-per-region"),
      Map.entry("maxImportBytes", "imago.max-import-size"),
      Map.entry("maxFastImportBytes", "imago.max-fast-import-size"),
      Map.entry("defaultMaxMembers", "imago.default-max-members"),
      Map.entry("maxMembersByType", "imago.max-members-by-type"),
      Map.entry("maxTags", "imago.max-tags"),
      Map.entry("maxReplicationBytes", "imago.max-replication-size"),
      Map.entry("maxDeprecationLead", "imago.max-deprecation-lead"),
      Map.entry("maxPublicDeprecationLead", "imago.max-public-deprecation-lead"),
      Map.entry("maxAttempts", "imago.max-attempts"));

  /** Fills in what is absent; {@link #toSettings()} checks the values. */
  public ImagoProperties {
    maxMembersByType = maxMembersByType == null ? Map.of() : Map.copyOf(maxMembersByType);
  }

  /**
   * Returns the limits as {@link PolicySettings}.
   *
   * @return the settings
   * @throws InvalidConfigurationPropertyValueException if a value is out of its range; it names
   *     the property, the value and the range
   */
  public PolicySettings toSettings() {
    try {
      return PolicySettings.builder()
          .maxPrivateImagesPerRegion(maxPrivateImagesPerRegion)
          .maxImportBytes(bytes(maxImportSize, "maxImportBytes"))
          .maxFastImportBytes(bytes(maxFastImportSize, "maxFastImportBytes"))
          .defaultMaxMembers(defaultMaxMembers)
          .maxMembersByType(maxMembersByType)
          .maxTags(maxTags)
          .maxReplicationBytes(bytes(maxReplicationSize, "maxReplicationBytes"))
          .maxDeprecationLead(maxDeprecationLead)
          .maxPublicDeprecationLead(maxPublicDeprecationLead)
          .build();
    } catch (InputException invalid) {
      throw asPropertyError(invalid);
    }
  }

  /**
   * Turns an error that names a value of {@link PolicySettings} or of {@code Imago.builder()}
   * into one that names its property.
   *
   * @param invalid the error, naming a field such as {@code maxPrivateImagesPerRegion}
   * @return the error naming the property, such as {@code imago.max-private-images-per-region}
   */
  static InvalidConfigurationPropertyValueException asPropertyError(InputException invalid) {
    String field = invalid.field();
    int index = field.indexOf('[');
    String base = index < 0 ? field : field.substring(0, index);
    String property = PROPERTIES.getOrDefault(base, "imago." + base)
        + (index < 0 ? "" : field.substring(index));
    // The message reads "<field> <problem> [<code>]: <value>"; the problem is the reason.
    String message = invalid.getMessage();
    int codeAt = message.lastIndexOf(" [");
    String reason = message.startsWith(field + " ") && codeAt > field.length()
        ? message.substring(field.length() + 1, codeAt) : message;
    String value = invalid.value();
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      value = value.substring(1, value.length() - 1);
    }
    return new InvalidConfigurationPropertyValueException(property, value, reason);
  }

  private static long bytes(DataSize size, String field) {
    if (size == null) {
      throw new InputException(field, null, RuleCode.INPUT_VALUE, "is required");
    }
    return size.toBytes();
  }

  /**
   * How the PostgreSQL store ({@code image-jdbc-store}) starts.
   *
   * @param migrate Whether to apply Imago's schema to the application's database at startup,
   *     with a Flyway history table of Imago's own (imago_schema_history) beside any migrations
   *     of the application. When off, the schema must be there already.
   */
  public record Jdbc(@DefaultValue("true") boolean migrate) {}
}
