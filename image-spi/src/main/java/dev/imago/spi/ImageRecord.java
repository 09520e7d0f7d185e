package dev.imago.spi;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * The persisted state of one image: what a store loads and saves. A record checks every
 * invariant it can check alone when it is built, so an invalid record cannot exist; the rules
 * that need more than the record (who asks, the tenants involved, the limits) are the policy
 * engine's.
 *
 * <p>Build one with {@link #builder()}; derive a changed copy with the {@code with...} methods
 * ({@code record.withName("web")}), each of which checks the copy, or with {@code
 * builder().from(record)}.
 */
@Value.Immutable
public abstract class ImageRecord implements WithImageRecord {
  /** The largest minimum RAM an image may ask for, in MiB (16 TiB). */
  public static final int MAX_MIN_RAM_MIB = 16 * 1024 * 1024;

  ImageRecord() {}

  /**
   * Returns a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@code ImageRecord}; {@code build()} checks it. */
  public static final class Builder extends ImmutableImageRecord.Builder {
    Builder() {}
  }

  /**
   * Returns the image's id.
   *
   * @return the id
   */
  public abstract ImageId id();

  /**
   * Returns the image's name (rule {@code INPUT_NAME}).
   *
   * @return the name
   */
  public abstract String name();

  /**
   * Returns the image's description, possibly empty (rule {@code INPUT_DESCRIPTION}).
   *
   * @return the description
   */
  @Value.Default
  public String description() {
    return "";
  }

  /**
   * Returns the image's class.
   *
   * @return PUBLIC, PRIVATE or MARKET
   */
  public abstract ImageClass imageClass();

  /**
   * Returns what the image holds. A PUBLIC image is always a SYSTEM_DISK image.
   *
   * @return the type
   */
  public abstract ImageType type();

  /**
   * Returns where the image's content came from.
   *
   * @return the source
   */
  public abstract ImageSource source();

  /**
   * Returns the image's status.
   *
   * @return the status
   */
  public abstract ImageStatus status();

  /**
   * Returns the region the image lives in and may be used in.
   *
   * @return the region
   */
  public abstract RegionId region();

  /**
   * Returns the owning tenant; a PUBLIC image belongs to the platform and has none.
   *
   * @return the owner, or empty for a PUBLIC image
   */
  public abstract Optional<TenantId> owner();

  /**
   * Returns the operating system; a DATA_DISK image has none.
   *
   * @return the OS facts, if any
   */
  public abstract Optional<OsFacts> os();

  /**
   * Returns the image's disks: one SYSTEM disk for a SYSTEM_DISK image, one DATA disk for a
   * DATA_DISK image, the SYSTEM disk followed by every DATA disk for a FULL_SERVER image, none for
   * an ISO image.
   *
   * @return the disks, in order
   */
  public abstract List<DiskSpec> disks();

  /**
   * Returns the smallest disk a server or disk made from the image may have; at least the size
   * of its first disk.
   *
   * @return the minimum disk size in GiB
   */
  public abstract int minDiskGib();

  /**
   * Returns the least RAM a server made from the image may have; 0 when it asks for none.
   *
   * @return the minimum RAM in MiB
   */
  @Value.Default
  public int minRamMib() {
    return 0;
  }

  /**
   * Returns the size of the image's content.
   *
   * @return the size in bytes
   */
  @Value.Default
  public long sizeBytes() {
    return 0L;
  }

  /**
   * Returns the kinds of server the image runs on; empty for a DATA_DISK image.
   *
   * @return the supported server kinds
   */
  public abstract Set<ServerKind> serverKinds();

  /**
   * Returns the key the image is encrypted with.
   *
   * @return the key, or empty for an unencrypted image
   */
  public abstract Optional<KeyId> encryptionKey();

  /**
   * Returns the tenants the image is shared with, by tenant, in the order they were added.
   *
   * @return the memberships
   */
  public abstract Map<TenantId, Membership> members();

  /**
   * Returns the market listing of a MARKET image.
   *
   * @return the listing, present exactly when the class is MARKET
   */
  public abstract Optional<MarketListing> listing();

  /**
   * Returns the image's tags (rule {@code INPUT_TAGS}).
   *
   * @return the tags, in the order they were given
   */
  public abstract Map<String, String> tags();

  /**
   * Tells whether the image is protected from deletion (rule {@code LIFECYCLE_PROTECTED}).
   *
   * @return {@code true} when protected
   */
  @Value.Default
  public boolean deletionProtected() {
    return false;
  }

  /**
   * Returns where a replica was copied from.
   *
   * @return the origin, present exactly when the source is REPLICA
   */
  public abstract Optional<ReplicaOrigin> origin();

  /**
   * Returns the cloud backup a full-server image was created from.
   *
   * @return the backup, present exactly when the source is CLOUD_BACKUP
   */
  public abstract Optional<BackupId> backup();

  /**
   * Returns the name of the family of its owner (of the platform, for a PUBLIC image) the image
   * belongs to (rule {@code FAMILY_NAME}).
   *
   * @return the family name, or empty when the image is in no family
   */
  public abstract Optional<String> family();

  /**
   * Tells whether the image is left out when its family resolves to its latest image (rule
   * {@code FAMILY_LATEST}), as a version kept for those who ask for it by id.
   *
   * @return {@code true} when excluded from "latest"
   */
  @Value.Default
  public boolean excludedFromLatest() {
    return false;
  }

  /**
   * Returns the image's retirement schedule (rules {@code DEPRECATE_SCHEDULE}, {@code
   * USE_DEPRECATED}, {@code USE_OBSOLETE}).
   *
   * @return the schedule, or empty when the image is not being retired
   */
  public abstract Optional<Deprecation> deprecation();

  /**
   * Returns when the image was created.
   *
   * @return the creation time
   */
  public abstract Instant createdAt();

  /**
   * Returns when the image last changed.
   *
   * @return the update time, never before the creation time
   */
  public abstract Instant updatedAt();

  /**
   * Returns the record's version: 1 when created, one more with every saved change.
   *
   * @return the version
   */
  public abstract long version();

  /**
   * Tells whether the image is encrypted.
   *
   * @return {@code true} when it has an encryption key
   */
  public final boolean isEncrypted() {
    return encryptionKey().isPresent();
  }

  /**
   * Tells whether the given tenant owns the image.
   *
   * @param tenant the tenant
   * @return {@code true} when the tenant is the owner
   */
  public final boolean isOwnedBy(TenantId tenant) {
    return owner().isPresent() && owner().get().equals(tenant);
  }

  /**
   * Tells whether the image counts in its owner's quota (rule {@code CREATE_QUOTA}): it has an
   * owner (it is PRIVATE or MARKET) and is not DELETED. {@link ImageStore#countOwned} counts these
   * images, and a save with an {@link ImageChange#ownedLimit()} keeps their number.
   *
   * @return {@code true} when the image counts
   */
  public final boolean isCountedInQuota() {
    return owner().isPresent() && status() != ImageStatus.DELETED;
  }

  /**
   * Tells whether the image is deprecated at a moment (rule {@code USE_DEPRECATED}).
   *
   * @param now the moment
   * @return {@code true} when it has a schedule whose deprecation time is not after {@code now}
   * @throws InputException if the moment is absent (field {@code now})
   */
  public final boolean isDeprecatedAt(Instant now) {
    return deprecation().isPresent() && deprecation().get().isDeprecatedAt(now);
  }

  /**
   * Tells whether the image is obsolete at a moment (rule {@code USE_OBSOLETE}).
   *
   * @param now the moment
   * @return {@code true} when it has a schedule whose obsolete time is not after {@code now}
   * @throws InputException if the moment is absent (field {@code now})
   */
  public final boolean isObsoleteAt(Instant now) {
    return deprecation().isPresent() && deprecation().get().isObsoleteAt(now);
  }

  /**
   * Returns the membership of a tenant.
   *
   * @param tenant the tenant
   * @return its membership, or empty when the image is not shared with it
   */
  public final Optional<Membership> member(TenantId tenant) {
    return Optional.ofNullable(members().get(tenant));
  }

  @Value.Check
  void check() {
    checkPresence();
    checkOwnershipAndClass();
    checkContent();
    checkProvenance();
    if (status() == ImageStatus.DELETED && !members().isEmpty()) {
      throw new InputException("members", members().size(), RuleCode.SHARE_DELETE,
          "must be empty once the image is deleted");
    }
    if (deprecation().flatMap(Deprecation::replacement).filter(id()::equals).isPresent()) {
      throw new InputException("deprecation.replacement", id(), RuleCode.DEPRECATE_REPLACEMENT,
          "must be another image");
    }
    if (version() < 1) {
      throw new InputException("version", version(), RuleCode.INPUT_VALUE, "must be at least 1");
    }
    if (updatedAt().isBefore(createdAt())) {
      throw new InputException("updatedAt", updatedAt(), RuleCode.INPUT_VALUE,
          "must not be before createdAt");
    }
  }

  private void checkPresence() {
    Inputs.present(id(), "id");
    Inputs.name(name(), "name");
    Inputs.description(description(), "description");
    Inputs.present(imageClass(), "imageClass");
    Inputs.present(type(), "type");
    Inputs.present(source(), "source");
    Inputs.present(status(), "status");
    Inputs.present(region(), "region");
    Inputs.presentElements(disks(), "disks");
    Inputs.presentElements(serverKinds(), "serverKinds");
    Inputs.tags(tags(), "tags");
    family().ifPresent(name -> Inputs.family(name, "family"));
    Inputs.present(createdAt(), "createdAt");
    Inputs.present(updatedAt(), "updatedAt");
    Inputs.range(sizeBytes(), 0, Long.MAX_VALUE, "sizeBytes");
    Inputs.range(minRamMib(), 0, MAX_MIN_RAM_MIB, "minRamMib");
    Inputs.range(minDiskGib(), 1, DiskSpec.MAX_SIZE_GIB, "minDiskGib");
  }

  private void checkOwnershipAndClass() {
    boolean isPublic = imageClass() == ImageClass.PUBLIC;
    if (isPublic == owner().isPresent()) {
      throw new InputException("owner", owner().map(TenantId::value).orElse(null),
          RuleCode.CREATE_PUBLIC, "must be absent exactly when the image is PUBLIC");
    }
    if (isPublic && type() != ImageType.SYSTEM_DISK) {
      throw new InputException("type", type(), RuleCode.CREATE_PUBLIC,
          "must be SYSTEM_DISK for a PUBLIC image");
    }
    boolean isMarket = imageClass() == ImageClass.MARKET;
    if (isMarket != listing().isPresent()) {
      throw new InputException("listing", listing().orElse(null), RuleCode.MARKET_PUBLISH,
          "must be present exactly when the image is MARKET");
    }
    if (isMarket && (type() == ImageType.DATA_DISK || type() == ImageType.ISO)) {
      throw new InputException("type", type(), RuleCode.MARKET_PUBLISH,
          "must be SYSTEM_DISK or FULL_SERVER for a MARKET image");
    }
    if (isMarket && isEncrypted()) {
      throw new InputException("encryptionKey", encryptionKey().get(), RuleCode.MARKET_PUBLISH,
          "must be absent for a MARKET image");
    }
    if (isMarket && !members().isEmpty()) {
      throw new InputException("members", members().size(), RuleCode.SHARE_MARKET,
          "must be empty for a MARKET image");
    }
    if (!members().isEmpty() && imageClass() != ImageClass.PRIVATE) {
      throw new InputException("members", members().size(), RuleCode.SHARE_NOT_PRIVATE,
          "must be empty unless the image is PRIVATE");
    }
    for (Map.Entry<TenantId, Membership> member : members().entrySet()) {
      TenantId tenant = Inputs.present(member.getKey(), "members.key");
      Membership membership = member.getValue();
      // The field name is built only for a failure: every change of an image with 128 members
      // passes through here.
      if (membership == null) {
        Inputs.present(membership, "members[" + tenant + "]");
      }
      if (!membership.tenant().equals(tenant)) {
        throw new InputException("members[" + tenant + "]", membership.tenant(),
            RuleCode.INPUT_VALUE, "must be keyed by its own tenant");
      }
      if (isOwnedBy(tenant)) {
        throw new InputException("members[" + tenant + "]", tenant, RuleCode.SHARE_RECIPIENT,
            "must not be the owner");
      }
    }
  }

  private void checkContent() {
    switch (type()) {
      case SYSTEM_DISK -> {
        requireSources(RuleCode.CREATE_SYSTEM_DISK,
            ImageSource.SERVER, ImageSource.EXTERNAL_FILE, ImageSource.REPLICA);
        requireOs(true, RuleCode.CREATE_SYSTEM_DISK);
        requireDisks(RuleCode.CREATE_SYSTEM_DISK, DiskRole.SYSTEM, false);
      }
      case DATA_DISK -> {
        requireSources(RuleCode.CREATE_DATA_DISK,
            ImageSource.DATA_DISK, ImageSource.EXTERNAL_FILE, ImageSource.REPLICA);
        requireOs(false, RuleCode.CREATE_DATA_DISK);
        requireDisks(RuleCode.CREATE_DATA_DISK, DiskRole.DATA, false);
      }
      case FULL_SERVER -> {
        requireSources(RuleCode.CREATE_FULL_SERVER,
            ImageSource.SERVER, ImageSource.CLOUD_BACKUP, ImageSource.REPLICA);
        requireOs(true, RuleCode.CREATE_FULL_SERVER);
        requireDisks(RuleCode.CREATE_FULL_SERVER, DiskRole.SYSTEM, true);
      }
      case ISO -> {
        requireSources(RuleCode.CREATE_ISO, ImageSource.ISO_FILE);
        if (!disks().isEmpty()) {
          throw new InputException("disks", disks().size(), RuleCode.CREATE_ISO,
              "must be empty for an ISO image");
        }
      }
    }
    boolean needsServerKind = type() != ImageType.DATA_DISK;
    if (needsServerKind == serverKinds().isEmpty()) {
      throw new InputException("serverKinds", serverKinds(), RuleCode.USE_SERVER_KIND,
          needsServerKind ? "must name at least one server kind"
              : "must be empty for a DATA_DISK image");
    }
  }

  private void requireSources(RuleCode code, ImageSource... allowed) {
    for (ImageSource candidate : allowed) {
      if (candidate == source()) {
        return;
      }
    }
    throw new InputException("source", source(), code,
        "must be one of " + List.of(allowed) + " for a " + type() + " image");
  }

  private void requireOs(boolean required, RuleCode code) {
    if (required != os().isPresent()) {
      throw new InputException("os", os().orElse(null), code,
          required ? "is required for a " + type() + " image"
              : "must be absent for a " + type() + " image");
    }
  }

  private void requireDisks(RuleCode code, DiskRole firstRole, boolean dataDisksFollow) {
    List<DiskSpec> disks = disks();
    boolean shaped = !disks.isEmpty()
        && disks.get(0).role() == firstRole
        && (dataDisksFollow
            ? disks.stream().skip(1).allMatch(disk -> disk.role() == DiskRole.DATA)
            : disks.size() == 1);
    if (!shaped) {
      throw new InputException("disks", disks, code, dataDisksFollow
          ? "must be one SYSTEM disk followed by the DATA disks"
          : "must be exactly one " + firstRole + " disk");
    }
    if (minDiskGib() < disks.get(0).sizeGib()) {
      throw new InputException("minDiskGib", minDiskGib(), code,
          "must be at least the " + firstRole + " disk's size, " + disks.get(0).sizeGib() + " GiB");
    }
  }

  private void checkProvenance() {
    if ((source() == ImageSource.CLOUD_BACKUP) != backup().isPresent()) {
      throw new InputException("backup", backup().orElse(null), RuleCode.CREATE_FULL_SERVER,
          "must be present exactly when the source is CLOUD_BACKUP");
    }
    if ((source() == ImageSource.REPLICA) != origin().isPresent()) {
      throw new InputException("origin", origin().orElse(null), RuleCode.REPLICATE_REGION,
          "must be present exactly when the source is REPLICA");
    }
    if (origin().isPresent() && origin().get().region().equals(region())) {
      throw new InputException("origin.region", region(), RuleCode.REPLICATE_REGION,
          "must differ from the replica's own region");
    }
  }
}
