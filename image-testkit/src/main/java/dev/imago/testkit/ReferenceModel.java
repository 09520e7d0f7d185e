package dev.imago.testkit;

import static dev.imago.testkit.ServiceWorld.GIB;
import static dev.imago.testkit.ServiceWorld.SETTINGS;

import dev.imago.core.Caller;
import dev.imago.core.policy.Charge;
import dev.imago.core.policy.ImageSpec;
import dev.imago.core.policy.SourceRef;
import dev.imago.core.policy.UseRequest;
import dev.imago.core.policy.UseTarget;
import dev.imago.spi.BackupId;
import dev.imago.spi.Deprecation;
import dev.imago.spi.DiskFacts;
import dev.imago.spi.DiskRole;
import dev.imago.spi.DiskSpec;
import dev.imago.spi.Family;
import dev.imago.spi.FileFacts;
import dev.imago.spi.FileFormat;
import dev.imago.spi.ImageClass;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageQuery;
import dev.imago.spi.ImageSource;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.ImageType;
import dev.imago.spi.MachineFacts;
import dev.imago.spi.MembershipStatus;
import dev.imago.spi.OsFacts;
import dev.imago.spi.Price;
import dev.imago.spi.Recycling;
import dev.imago.spi.RegionId;
import dev.imago.spi.ReplicaOrigin;
import dev.imago.spi.RuleCode;
import dev.imago.spi.ServerKind;
import dev.imago.spi.TenantId;
import dev.imago.spi.TenantInfo;
import dev.imago.spi.VaultId;
import dev.imago.spi.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the image service should answer, worked out the slow, obvious way from RULES.md: plain
 * maps of images, no indexes, every rule an if-statement. It is the oracle of the stateful
 * contract, not a second implementation to optimize: it must stay easy to check by reading.
 *
 * <p>For every command the contract generates it predicts the outcome: allowed (with what was
 * created, added or charged), denied with the exact set of rule codes, not found, or invalid
 * input. The rules it decides are visibility and deletion (USE_NOT_VISIBLE, LIFECYCLE_DELETED),
 * the status table and who moves statuses (LIFECYCLE_*, CHANGE_NOT_OWNER, CREATE_PUBLIC),
 * creating from every kind of source (CREATE_*, INPUT_TAGS), sharing and answering (SHARE_*),
 * the marketplace (MARKET_PUBLISH, MARKET_WITHDRAW), replication (REPLICATE_*, CREATE_QUOTA),
 * use (USE_*), retiring images (DEPRECATE_SCHEDULE with the default leads of 10 years, 2 for
 * public images; DEPRECATE_REPLACEMENT; USE_OBSOLETE on use, share, publish and replicate; the
 * USE_DEPRECATED notice of a use and the deprecated images a listing leaves out; FAMILY_NAME
 * and FAMILY_LATEST, the family each tenant's "latest" resolves to; with a retention period,
 * RECYCLE_RETENTION and RECYCLE_RESTORE: deleting into the owner's recycle bin, what nobody
 * else sees, restoring, and purging when the retention ends), and the callers the service
 * refuses as input (INPUT_ID). It also predicts what each tenant and the
 * operator read, which members an owner lists, what a listing returns in which order, and how
 * many images count against each tenant's quota. Time is the command's: a schedule takes effect
 * when the clock reaches it, with no command.
 *
 * <p>Not modelled, because the contract never generates them: host rules, tenants registering
 * public images, public images from anything but files, malformed names, tags, prices or ids,
 * which image-core's own tests cover, and chains of more than 32 replacements, which 30 steps
 * cannot build.
 */
final class ReferenceModel {
  private static final Map<ImageStatus, Set<ImageStatus>> STATUS_MOVES =
      new EnumMap<>(ImageStatus.class);
  /** DEPRECATE_SCHEDULE's longest leads, the defaults of RULES.md, which the world keeps. */
  private static final Duration MAX_DEPRECATION_LEAD = Duration.ofDays(3650);
  private static final Duration MAX_PUBLIC_DEPRECATION_LEAD = Duration.ofDays(730);

  static {
    // LIFECYCLE_TRANSITION, as RULES.md lists it.
    STATUS_MOVES.put(ImageStatus.QUEUED,
        EnumSet.of(ImageStatus.SAVING, ImageStatus.ACTIVE, ImageStatus.DELETED));
    STATUS_MOVES.put(ImageStatus.SAVING,
        EnumSet.of(ImageStatus.ACTIVE, ImageStatus.KILLED, ImageStatus.DELETED));
    STATUS_MOVES.put(ImageStatus.ACTIVE, EnumSet.of(ImageStatus.DEACTIVATED, ImageStatus.DELETED));
    STATUS_MOVES.put(ImageStatus.DEACTIVATED, EnumSet.of(ImageStatus.ACTIVE, ImageStatus.DELETED));
    STATUS_MOVES.put(ImageStatus.KILLED, EnumSet.of(ImageStatus.DELETED));
    STATUS_MOVES.put(ImageStatus.DELETED, EnumSet.noneOf(ImageStatus.class));
    STATUS_MOVES.put(ImageStatus.RECYCLED, EnumSet.noneOf(ImageStatus.class));
  }

  /** Every image ever created, deleted ones included, in creation order. */
  private final Map<ImageId, ModelImage> images = new LinkedHashMap<>();
  /** The number of the last image id the service was given. */
  private long lastId;
  /** How long a deleted image waits in its owner's recycle bin; empty when deletes are final. */
  private final Optional<Duration> retention;

  /** A model whose deletes are final, as the service's without a retention period. */
  ReferenceModel() {
    this(Optional.empty());
  }

  /** A model whose tenants' deletes go to a recycle bin for {@code retention}, if present. */
  ReferenceModel(Optional<Duration> retention) {
    this.retention = retention;
  }

  /** A copy to try a command on without changing this model. */
  ReferenceModel copy() {
    ReferenceModel copy = new ReferenceModel(retention);
    images.forEach((id, image) -> copy.images.put(id, image.copy()));
    copy.lastId = lastId;
    return copy;
  }

  /**
   * Takes note that the service was given ids up to {@code generated}, though no image kept
   * them: a command that failed after it asked for an id.
   */
  void idsGiven(long generated) {
    lastId = Math.max(lastId, generated);
  }

  /** The ids of every image created, in creation order. */
  List<ImageId> ids() {
    return List.copyOf(images.keySet());
  }

  /**
   * The image a slot names: the slot-th most recent image that is not deleted, counting round;
   * the latest image when every image is deleted; an id that never existed when there is none.
   */
  ImageId resolve(int slot) {
    List<ImageId> live = images.values().stream()
        .filter(image -> image.status != ImageStatus.DELETED)
        .map(image -> image.id)
        .toList();
    if (!live.isEmpty()) {
      return live.get(live.size() - 1 - slot % live.size());
    }
    List<ImageId> ids = ids();
    return ids.isEmpty() ? ImageId.of("img-0") : ids.get(ids.size() - 1);
  }

  /**
   * Runs a command on the model.
   *
   * @param command the command
   * @param caller who runs it, resolved from its actor
   * @param id the image it acts on, resolved from its slot; {@code null} for a new image
   * @param now the time of the command
   * @return what the service should answer
   */
  Outcome apply(Command command, Caller caller, ImageId id, Instant now) {
    if (command instanceof Command.ClockMoves) {
      return Outcome.allowed(""); // time passes: nobody calls the service
    }
    if (command instanceof Command.ScheduleDeprecation deprecate && deprecate.obsoleteAt()
        .filter(obsolete -> obsolete.isBefore(deprecate.deprecatedAt())).isPresent()) {
      return Outcome.invalid(RuleCode.DEPRECATE_SCHEDULE); // no schedule can be built
    }
    if (command instanceof Command.SetFamily family && !isFamilyName(family.family())) {
      return Outcome.invalid(RuleCode.FAMILY_NAME);
    }
    if (command instanceof Command.PurgeExpired purge) {
      return purgeExpired(purge.limit(), now);
    }
    if (command instanceof Command.ResolveLatest latest) {
      return Outcome.allowed(latest(latest.tenant(), latest.family(), now));
    }
    // Input the service refuses before it looks anything up.
    if (command instanceof Command.Share share && (share.recipients().isEmpty()
        || Set.copyOf(share.recipients()).size() != share.recipients().size())) {
      return Outcome.invalid(RuleCode.SHARE_RECIPIENT); // a malformed batch
    }
    if (command instanceof Command.Share share
        && share.recipients().size() > SETTINGS.largestMemberLimit()) {
      return Outcome.invalid(RuleCode.INPUT_VALUE); // more than any image may ever hold
    }
    if (caller.tenant().isPresent() && ServiceWorld.tenant(caller.tenant().get()).isEmpty()) {
      return Outcome.invalid(RuleCode.INPUT_ID); // a caller no directory knows
    }
    if (command instanceof Command.Replicate && caller.isOperator()) {
      return Outcome.invalid(RuleCode.INPUT_ID); // a replica needs a tenant to own it
    }
    if (command instanceof Command.Create create) {
      return create(create.creator(), create.spec(), now);
    } else if (command instanceof Command.RegisterPublic register) {
      return registerPublic(register.spec(), register.region(), now);
    }
    // Every other command acts on an image the caller must see; a member sees it whatever its
    // answer. Who may not act is refused, and told nothing more: one code, the refusal's.
    ModelImage image = visible(caller, id);
    if (image == null) {
      return Outcome.notFound();
    }
    if (command instanceof Command.Restore) {
      return restore(caller, image, now);
    }
    if (image.status == ImageStatus.RECYCLED) {
      return Outcome.denied(List.of(RuleCode.RECYCLE_RETENTION)); // restore it first
    }
    if (command instanceof Command.ReportProgress progress) {
      return changeStatus(caller, image, progress.status());
    } else if (command instanceof Command.SetActive setActive) {
      return changeStatus(caller, image,
          setActive.active() ? ImageStatus.ACTIVE : ImageStatus.DEACTIVATED);
    } else if (command instanceof Command.Share share) {
      return share(caller, image, share.recipients(), now);
    } else if (command instanceof Command.Accept accept) {
      return answer(caller, image, MembershipStatus.ACCEPTED, accept.vault());
    } else if (command instanceof Command.Reject) {
      return answer(caller, image, MembershipStatus.REJECTED, Optional.empty());
    } else if (command instanceof Command.Revoke revoke) {
      return revoke(caller, image, revoke.member());
    } else if (command instanceof Command.Publish publish) {
      return publish(caller, image, publish.price(), now);
    } else if (command instanceof Command.Withdraw) {
      return withdraw(caller, image);
    } else if (command instanceof Command.Replicate replicate) {
      return replicate(caller, image, replicate.region(), now);
    } else if (command instanceof Command.Protect protect) {
      return protect(caller, image, protect.protect());
    } else if (command instanceof Command.UpdateTags tags) {
      return updateTags(caller, image, tags.tags());
    } else if (command instanceof Command.Delete) {
      return delete(caller, image, now);
    } else if (command instanceof Command.Use use) {
      return use(caller, image, use.request(), now);
    } else if (command instanceof Command.ScheduleDeprecation deprecate) {
      return deprecate(caller, image, deprecate.schedule(), now);
    } else if (command instanceof Command.CancelDeprecation) {
      return cancelDeprecation(caller, image, now);
    } else if (command instanceof Command.SetFamily family) {
      return setFamily(caller, image, Optional.of(family.family()), family.excludedFromLatest());
    } else if (command instanceof Command.LeaveFamily) {
      return setFamily(caller, image, Optional.empty(), false);
    }
    throw new IllegalArgumentException("no model of " + command);
  }

  /** The owner of an image, if it exists and has one: whom {@link Command.Actor#OWNER} names. */
  Optional<TenantId> ownerOf(ImageId id) {
    return Optional.ofNullable(id).map(images::get).flatMap(image -> image.owner);
  }

  // --- what callers read ---

  /**
   * {@code get}: a member reads the image whatever its answer; anyone but the owner and the
   * operator reads at most its own membership.
   */
  Outcome get(Caller caller, ImageId id) {
    ModelImage image = visible(caller, id);
    if (image == null) {
      return Outcome.notFound();
    }
    if (image.status == ImageStatus.RECYCLED && !image.isOwnedBy(caller)) {
      return Outcome.denied(List.of(RuleCode.RECYCLE_RETENTION)); // the operator's read
    }
    return Outcome.allowed(image.viewFor(caller));
  }

  /** {@code listMembers}: only the owner (SHARE_NOT_OWNER), in the order members were added. */
  Outcome listMembers(Caller caller, ImageId id) {
    ModelImage image = visible(caller, id);
    if (image == null) {
      return Outcome.notFound();
    }
    if (image.status == ImageStatus.RECYCLED) {
      return Outcome.denied(List.of(RuleCode.RECYCLE_RETENTION));
    }
    if (!image.isOwnedBy(caller)) {
      return Outcome.denied(List.of(RuleCode.SHARE_NOT_OWNER));
    }
    return Outcome.allowed(image.memberLines());
  }

  /** When an image in a recycle bin is purged, if it is in one. */
  Optional<Instant> purgeTimeOf(ImageId id) {
    return Optional.ofNullable(id).map(images::get).flatMap(ModelImage::purgeTime);
  }

  /** The retirement schedule of an image, if it exists and has one. */
  Optional<Deprecation> scheduleOf(ImageId id) {
    return Optional.ofNullable(id).map(images::get).flatMap(image -> image.deprecation);
  }

  /** The state of an image, deleted ones included, as a store loads it. */
  Optional<ImageView> view(ImageId id) {
    return Optional.ofNullable(images.get(id)).map(ModelImage::view);
  }

  /**
   * {@code listVisible}, every page at once: not deleted, in the query's region, visible for
   * one of the query's reasons, not left out as deprecated, passing every filter, in the query's
   * order.
   */
  List<ImageId> list(ImageQuery query) {
    Comparator<ModelImage> oldestFirst = Comparator.comparing((ModelImage image) -> image.createdAt)
        .thenComparing(image -> image.id.value());
    Comparator<ModelImage> order = switch (query.sort()) {
      case OLDEST_FIRST -> oldestFirst;
      case NEWEST_FIRST -> oldestFirst.reversed();
      case NAME -> Comparator.comparing((ModelImage image) -> image.name.codePoints().toArray(),
          Arrays::compare).thenComparing(image -> image.id.value());
    };
    return images.values().stream()
        .filter(image -> image.region.equals(query.region()))
        .filter(image -> query.recycleBin()
            ? image.status == ImageStatus.RECYCLED && image.owner.equals(Optional.of(query.viewer()))
            : image.status != ImageStatus.DELETED && image.status != ImageStatus.RECYCLED
                && isListedFor(image, query) && !isLeftOutAsDeprecated(image, query))
        .filter(image -> passesFilters(image, query))
        .sorted(order)
        .map(image -> image.id)
        .toList();
  }

  /**
   * {@code countOwned}: PRIVATE and MARKET images, neither deleted nor in the recycle bin, of one
   * owner in one region.
   */
  long countOwned(TenantId owner, RegionId region) {
    return images.values().stream()
        .filter(image -> image.owner.equals(Optional.of(owner)))
        .filter(image -> image.region.equals(region))
        .filter(image -> image.imageClass != ImageClass.PUBLIC)
        .filter(image -> image.status != ImageStatus.DELETED)
        .filter(image -> image.status != ImageStatus.RECYCLED)
        .count();
  }

  /**
   * {@code latestInFamily}: FAMILY_LATEST, the newest image of the family the tenant may use
   * now: in its region, ACTIVE, not deprecated, not excluded from "latest", and its own for its
   * own family, PUBLIC for the platform's, on the market or shared with it and accepted for
   * another tenant's; the caller's view of it, or "none".
   */
  String latest(TenantId tenant, Family family, Instant now) {
    Caller caller = Caller.tenant(tenant);
    Optional<TenantId> familyOwner = family.owner();
    return images.values().stream()
        .filter(image -> image.family.equals(Optional.of(family.name()))
            && image.owner.equals(familyOwner))
        .filter(image -> image.region.equals(ServiceWorld.regionOf(tenant)))
        .filter(image -> image.status == ImageStatus.ACTIVE && !image.isDeprecatedAt(now)
            && !image.excludedFromLatest)
        .filter(image -> familyOwner.isEmpty() ? image.imageClass == ImageClass.PUBLIC
            : familyOwner.get().equals(tenant) || image.imageClass == ImageClass.MARKET
                || image.members.containsKey(tenant)
                    && image.members.get(tenant).status() == MembershipStatus.ACCEPTED)
        .max(Comparator.comparing((ModelImage image) -> image.createdAt)
            .thenComparing(image -> image.id.value()))
        .map(image -> image.viewFor(caller).toString())
        .orElse("none");
  }

  /** The families of every image ever created: a tenant's, or the platform's. */
  Set<Family> families() {
    Set<Family> families = new LinkedHashSet<>();
    images.values().forEach(image -> image.family.ifPresent(name -> families.add(
        image.owner.map(owner -> Family.of(owner, name)).orElseGet(() -> Family.platform(name)))));
    return families;
  }

  // --- visibility (USE_NOT_VISIBLE, LIFECYCLE_DELETED) ---

  /**
   * The image, if the caller may see it and it is not deleted; {@code null} otherwise, which
   * the service answers as not found. The operator sees every image; a tenant its own, the
   * public and market images of its region, and those shared with it, whatever its answer.
   */
  private ModelImage visible(Caller caller, ImageId id) {
    ModelImage image = images.get(id);
    if (image == null || image.status == ImageStatus.DELETED) {
      return null;
    }
    if (caller.isOperator() || image.isOwnedBy(caller)) {
      return image;
    }
    if (image.status == ImageStatus.RECYCLED) {
      return null; // nobody but its owner sees what is in the bin (and the operator, refused)
    }
    TenantId tenant = caller.tenant().orElseThrow();
    if (image.imageClass != ImageClass.PRIVATE
        && image.region.equals(ServiceWorld.regionOf(tenant))) {
      return image;
    }
    return image.members.containsKey(tenant) ? image : null;
  }

  private static boolean isListedFor(ModelImage image, ImageQuery query) {
    Set<Visibility> reasons = query.include();
    ModelMember member = image.members.get(query.viewer());
    return reasons.contains(Visibility.OWN) && image.owner.equals(Optional.of(query.viewer()))
        || reasons.contains(Visibility.PUBLIC) && image.imageClass == ImageClass.PUBLIC
        || reasons.contains(Visibility.MARKET) && image.imageClass == ImageClass.MARKET
        || reasons.contains(Visibility.SHARED) && member != null
            && query.membership().contains(member.status());
  }

  /**
   * USE_DEPRECATED: from its deprecation time (the query's time) an image leaves the listings of
   * everyone but its owner, unless the query includes deprecated images. A public image has no
   * owner: it leaves every listing.
   */
  private static boolean isLeftOutAsDeprecated(ModelImage image, ImageQuery query) {
    return !query.includeDeprecated()
        && query.asOf().isPresent() && image.isDeprecatedAt(query.asOf().get())
        && !image.owner.equals(Optional.of(query.viewer()));
  }

  private static boolean passesFilters(ModelImage image, ImageQuery query) {
    String tag = query.tagKey().map(image.tags::get).orElse(null);
    return (query.types().isEmpty() || query.types().contains(image.type))
        && (query.statuses().isEmpty() || query.statuses().contains(image.status))
        && (query.osType().isEmpty() || image.os.map(OsFacts::osType).equals(query.osType()))
        && (query.platform().isEmpty()
            || image.os.map(OsFacts::platform).equals(query.platform()))
        && (query.namePrefix().isEmpty() || image.name.startsWith(query.namePrefix().get()))
        && (query.tagKey().isEmpty() || tag != null)
        && (query.tagValue().isEmpty() || query.tagValue().get().equals(tag));
  }

  // --- creating (CREATE_*) ---

  private Outcome create(TenantId creator, ImageSpec spec, Instant now) {
    TenantInfo tenant = ServiceWorld.tenant(creator).orElseThrow();
    Source source = Source.of(spec.source());
    Set<RuleCode> codes = new TreeSet<>(Comparator.comparing(RuleCode::value));
    SourceRef from = spec.source();
    switch (spec.type()) {
      case SYSTEM_DISK -> {
        // From a server (at least as large as its system disk) or an import that states its OS.
        if (from instanceof SourceRef.Server) {
          if (source.machine != null && spec.minDiskGib().isPresent()
              && spec.minDiskGib().getAsInt() < source.machine.systemDisk().sizeGib()) {
            codes.add(RuleCode.CREATE_SYSTEM_DISK);
          }
        } else if (from instanceof SourceRef.File) {
          if (spec.os().isEmpty()) {
            codes.add(RuleCode.CREATE_SYSTEM_DISK);
          }
        } else {
          codes.add(RuleCode.CREATE_SYSTEM_DISK);
        }
      }
      case DATA_DISK -> {
        // No OS; from a data disk (not a system disk) or an imported file.
        if (spec.os().isPresent()) {
          codes.add(RuleCode.CREATE_DATA_DISK);
        }
        if (from instanceof SourceRef.Disk) {
          if (source.disk != null && source.disk.spec().role() != DiskRole.DATA) {
            codes.add(RuleCode.CREATE_DATA_DISK);
          }
        } else if (!(from instanceof SourceRef.File)) {
          codes.add(RuleCode.CREATE_DATA_DISK);
        }
      }
      case FULL_SERVER -> {
        if (!(from instanceof SourceRef.Server) && !(from instanceof SourceRef.Backup)) {
          codes.add(RuleCode.CREATE_FULL_SERVER);
        }
      }
      case ISO -> {
        if (!(from instanceof SourceRef.File)
            || source.file != null && source.file.format() != FileFormat.ISO) {
          codes.add(RuleCode.CREATE_ISO);
        }
      }
    }
    checkImport(spec, source, codes);
    if (countOwned(creator, tenant.region()) >= SETTINGS.maxPrivateImagesPerRegion()) {
      codes.add(RuleCode.CREATE_QUOTA);
    }
    boolean ownsSource = source.exists() && source.owner.equals(creator)
        && source.region.equals(tenant.region());
    if (!ownsSource) {
      // Another tenant's source answers as one that does not exist, and is all that is said.
      return Outcome.denied(List.of(RuleCode.CREATE_SOURCE_ACCESS));
    }
    if (!codes.isEmpty()) {
      return Outcome.denied(codes);
    }
    ModelImage image = newImage(spec, tenant.region(), now);
    image.imageClass = ImageClass.PRIVATE;
    image.owner = Optional.of(creator);
    image.encrypted = spec.encryptionKey().isPresent();
    if (source.machine != null) {
      // From a server or a backup: its OS and kind, its system disk, or every disk.
      MachineFacts machine = source.machine;
      image.source = source.backup != null ? ImageSource.CLOUD_BACKUP : ImageSource.SERVER;
      image.backup = Optional.ofNullable(source.backup);
      image.os = Optional.of(machine.os());
      image.disks = spec.type() == ImageType.FULL_SERVER
          ? machine.disks() : List.of(machine.systemDisk());
      image.minDiskGib = Math.max(spec.minDiskGib().orElse(1), machine.systemDisk().sizeGib());
      image.sizeBytes = image.disks.stream().mapToLong(disk -> disk.sizeGib() * GIB).sum();
      image.serverKinds = EnumSet.of(machine.kind());
      image.serverKinds.addAll(spec.serverKinds());
      image.encrypted |= machine.encryptionKey().isPresent();
    } else if (source.disk != null) {
      image.source = ImageSource.DATA_DISK;
      image.disks = List.of(source.disk.spec());
      image.minDiskGib = Math.max(spec.minDiskGib().orElse(1), source.disk.spec().sizeGib());
      image.sizeBytes = source.disk.spec().sizeGib() * GIB;
      image.encrypted |= source.disk.encryptionKey().isPresent();
    } else {
      importFile(image, spec, source.file);
    }
    return created(image);
  }

  /** The operator's public images, imported from files (CREATE_PUBLIC and the import rules). */
  private Outcome registerPublic(ImageSpec spec, RegionId region, Instant now) {
    Source source = Source.of(spec.source());
    Set<RuleCode> codes = new TreeSet<>(Comparator.comparing(RuleCode::value));
    if (spec.type() != ImageType.SYSTEM_DISK || !(spec.source() instanceof SourceRef.File)) {
      codes.add(RuleCode.CREATE_PUBLIC);
    }
    if (spec.type() == ImageType.SYSTEM_DISK && spec.os().isEmpty()) {
      codes.add(RuleCode.CREATE_SYSTEM_DISK);
    }
    checkImport(spec, source, codes);
    if (!source.exists()) {
      codes.add(RuleCode.CREATE_SOURCE_ACCESS);
    }
    if (!codes.isEmpty()) {
      return Outcome.denied(codes);
    }
    ModelImage image = newImage(spec, region, now);
    image.imageClass = ImageClass.PUBLIC;
    importFile(image, spec, source.file);
    return created(image);
  }

  /** CREATE_IMPORT_FORMAT, CREATE_IMPORT_SIZE and INPUT_TAGS, shared by both kinds of create. */
  private static void checkImport(ImageSpec spec, Source source, Set<RuleCode> codes) {
    if (source.file != null) {
      if (spec.type() != ImageType.ISO && source.file.format() == FileFormat.ISO) {
        codes.add(RuleCode.CREATE_IMPORT_FORMAT);
      }
      boolean fastImport = source.file.format() == FileFormat.ZVHD2
          || source.file.format() == FileFormat.RAW && source.file.hasBitmap();
      long limit = fastImport ? SETTINGS.maxFastImportBytes() : SETTINGS.maxImportBytes();
      if (source.file.sizeBytes() > limit) {
        codes.add(RuleCode.CREATE_IMPORT_SIZE);
      }
    }
    if (spec.tags().size() > SETTINGS.maxTags()) {
      codes.add(RuleCode.INPUT_TAGS);
    }
  }

  private static ModelImage newImage(ImageSpec spec, RegionId region, Instant now) {
    ModelImage image = new ModelImage();
    image.name = spec.name();
    image.type = spec.type();
    image.status = ImageStatus.QUEUED;
    image.region = region;
    image.minRamMib = spec.minRamMib();
    image.tags = new LinkedHashMap<>(spec.tags());
    image.family = spec.family();
    image.createdAt = now;
    return image;
  }

  /** An imported file: its size; a system disk of the minimum size, or a data disk, or none. */
  private static void importFile(ModelImage image, ImageSpec spec, FileFacts file) {
    int fileGib = (int) Math.max(1, (file.sizeBytes() + GIB - 1) / GIB);
    image.sizeBytes = file.sizeBytes();
    image.minDiskGib = Math.max(spec.minDiskGib().orElse(1), fileGib);
    switch (image.type) {
      case ISO -> {
        image.source = ImageSource.ISO_FILE;
        image.os = spec.os();
        image.serverKinds = kindsOrEcs(spec.serverKinds());
      }
      case DATA_DISK -> {
        image.source = ImageSource.EXTERNAL_FILE;
        image.disks = List.of(DiskSpec.of(DiskRole.DATA, image.minDiskGib));
      }
      default -> {
        image.source = ImageSource.EXTERNAL_FILE;
        image.os = spec.os();
        image.disks = List.of(DiskSpec.of(DiskRole.SYSTEM, image.minDiskGib));
        image.serverKinds = kindsOrEcs(spec.serverKinds());
      }
    }
  }

  private static Set<ServerKind> kindsOrEcs(Set<ServerKind> kinds) {
    return kinds.isEmpty() ? EnumSet.of(ServerKind.ECS) : EnumSet.copyOf(kinds);
  }

  /** Gives the image the next id (img-1, img-2...: the ids the service is given) and keeps it. */
  private Outcome created(ModelImage image) {
    image.id = ImageId.of("img-" + ++lastId);
    images.put(image.id, image);
    return Outcome.allowed(Command.created(image.id));
  }

  // --- lifecycle (LIFECYCLE_*, CHANGE_NOT_OWNER, CREATE_PUBLIC) ---

  private Outcome changeStatus(Caller caller, ModelImage image, ImageStatus to) {
    ImageStatus from = image.status;
    // The operator is the image pipeline: it moves every image's status.
    if (image.imageClass == ImageClass.PUBLIC && !caller.isOperator()) {
      return Outcome.denied(List.of(RuleCode.CREATE_PUBLIC));
    }
    if (image.imageClass != ImageClass.PUBLIC && !caller.isOperator() && !image.isOwnedBy(caller)) {
      return Outcome.denied(List.of(RuleCode.CHANGE_NOT_OWNER));
    }
    List<RuleCode> codes = new ArrayList<>();
    boolean deactivateOrReactivate = from == ImageStatus.ACTIVE && to == ImageStatus.DEACTIVATED
        || from == ImageStatus.DEACTIVATED && to == ImageStatus.ACTIVE;
    if (to == ImageStatus.DELETED || !STATUS_MOVES.get(from).contains(to)) {
      codes.add(RuleCode.LIFECYCLE_TRANSITION); // DELETED is reached by deleting only
    } else if (!caller.isOperator() && !deactivateOrReactivate) {
      codes.add(RuleCode.LIFECYCLE_TRANSITION); // the other moves are the pipeline's
    }
    if (!codes.isEmpty()) {
      return Outcome.denied(codes);
    }
    image.status = to;
    return Outcome.allowed(to);
  }

  /** Protect and unprotect: the owner, or the operator for a public image. */
  private Outcome protect(Caller caller, ModelImage image, boolean protect) {
    Optional<RuleCode> refusal = changeRefusal(caller, image);
    if (refusal.isPresent()) {
      return Outcome.denied(List.of(refusal.get()));
    }
    image.deletionProtected = protect;
    return Outcome.allowed(protect);
  }

  private Outcome updateTags(Caller caller, ModelImage image, Map<String, String> tags) {
    Optional<RuleCode> refusal = changeRefusal(caller, image);
    if (refusal.isPresent()) {
      return Outcome.denied(List.of(refusal.get()));
    }
    if (tags.size() > SETTINGS.maxTags()) {
      return Outcome.denied(List.of(RuleCode.INPUT_TAGS));
    }
    image.tags = new LinkedHashMap<>(tags);
    return Outcome.allowed(ImageView.tags(tags));
  }

  /** SHARE_DELETE: every membership ends with the image, and a listing is withdrawn. */
  private Outcome delete(Caller caller, ModelImage image, Instant now) {
    Optional<RuleCode> refusal = changeRefusal(caller, image);
    if (refusal.isPresent()) {
      return Outcome.denied(List.of(refusal.get()));
    }
    if (image.deletionProtected) {
      return Outcome.denied(List.of(RuleCode.LIFECYCLE_PROTECTED));
    }
    image.members.clear();
    if (image.imageClass == ImageClass.MARKET) {
      image.imageClass = ImageClass.PRIVATE;
      image.listed = false;
      image.price = Optional.empty();
    }
    if (retention.isPresent() && image.owner.isPresent()) {
      // RECYCLE_RETENTION: into the owner's recycle bin, out of the quota, until the purge.
      image.recycling = Optional.of(Recycling.of(now, now.plus(retention.get()), image.status));
      image.status = ImageStatus.RECYCLED;
    } else {
      image.status = ImageStatus.DELETED;
    }
    return Outcome.allowed("");
  }

  /**
   * RECYCLE_RESTORE: only the owner restores, only an image in its bin before the purge time,
   * and only with room in its quota (CREATE_QUOTA); it comes back with the status it had.
   */
  private Outcome restore(Caller caller, ModelImage image, Instant now) {
    if (!image.isOwnedBy(caller)) {
      return Outcome.denied(List.of(RuleCode.RECYCLE_RESTORE));
    }
    List<RuleCode> codes = new ArrayList<>();
    if (countOwned(image.owner.get(), image.region) >= SETTINGS.maxPrivateImagesPerRegion()) {
      codes.add(RuleCode.CREATE_QUOTA);
    }
    if (image.status != ImageStatus.RECYCLED || !now.isBefore(image.purgeTime().get())) {
      codes.add(RuleCode.RECYCLE_RESTORE);
    }
    if (!codes.isEmpty()) {
      return Outcome.denied(codes);
    }
    image.status = image.recycling.get().statusBefore();
    image.recycling = Optional.empty();
    return Outcome.allowed(image.status);
  }

  /**
   * RECYCLE_RETENTION: the images whose purge time has come are deleted for good, the earliest
   * purge time first (ties by id), at most {@code limit} of them.
   */
  private Outcome purgeExpired(int limit, Instant now) {
    List<ModelImage> expired = images.values().stream()
        .filter(image -> image.status == ImageStatus.RECYCLED
            && !now.isBefore(image.purgeTime().get()))
        .sorted(Comparator.comparing((ModelImage image) -> image.purgeTime().get())
            .thenComparing(image -> image.id.value()))
        .limit(limit)
        .toList();
    for (ModelImage image : expired) {
      image.status = ImageStatus.DELETED;
      image.recycling = Optional.empty();
    }
    return Outcome.allowed("purged " + expired.size());
  }

  // --- families (FAMILY_*) ---

  /** FAMILY_NAME: 1-63 lower-case letters, digits and '-', starting with a letter. */
  private static boolean isFamilyName(String name) {
    return name.matches("[a-z][a-z0-9-]{0,62}");
  }

  /** The owner (the operator for a public image) puts an image in a family, or takes it out. */
  private Outcome setFamily(Caller caller, ModelImage image, Optional<String> family,
      boolean excludedFromLatest) {
    Optional<RuleCode> refusal = changeRefusal(caller, image);
    if (refusal.isPresent()) {
      return Outcome.denied(List.of(refusal.get()));
    }
    image.family = family;
    image.excludedFromLatest = excludedFromLatest;
    return Outcome.allowed("family " + ImageView.family(family, excludedFromLatest));
  }

  /** Who changes an image other than its status: the owner; the operator for public ones. */
  private static Optional<RuleCode> changeRefusal(Caller caller, ModelImage image) {
    if (image.imageClass == ImageClass.PUBLIC) {
      return caller.isOperator() ? Optional.empty() : Optional.of(RuleCode.CREATE_PUBLIC);
    }
    return image.isOwnedBy(caller) ? Optional.empty() : Optional.of(RuleCode.CHANGE_NOT_OWNER);
  }

  // --- sharing (SHARE_*) ---

  private Outcome share(Caller caller, ModelImage image, List<TenantId> recipients,
      Instant now) {
    if (!image.isOwnedBy(caller)) {
      return Outcome.denied(List.of(RuleCode.SHARE_NOT_OWNER));
    }
    List<RuleCode> codes = new ArrayList<>();
    if (image.imageClass == ImageClass.PUBLIC) {
      codes.add(RuleCode.SHARE_NOT_PRIVATE);
    }
    if (image.imageClass == ImageClass.MARKET) {
      codes.add(RuleCode.SHARE_MARKET);
    }
    if (image.status != ImageStatus.ACTIVE) {
      codes.add(RuleCode.SHARE_NOT_ACTIVE);
    }
    if (image.encrypted) {
      codes.add(RuleCode.SHARE_ENCRYPTED);
    }
    if (image.type == ImageType.FULL_SERVER && image.source != ImageSource.CLOUD_BACKUP) {
      codes.add(RuleCode.SHARE_FULL_SERVER_SOURCE);
    }
    if (image.isObsoleteAt(now)) {
      codes.add(RuleCode.USE_OBSOLETE);
    }
    List<TenantId> newcomers = new ArrayList<>();
    List<TenantId> alreadyMembers = new ArrayList<>();
    for (TenantId recipient : recipients) {
      Optional<TenantInfo> tenant = ServiceWorld.tenant(recipient);
      if (tenant.isPresent() && !tenant.get().region().equals(image.region)) {
        codes.add(RuleCode.SHARE_REGION);
      }
      if (image.owner.equals(Optional.of(recipient)) || tenant.isEmpty()
          || !tenant.get().isActive()) {
        codes.add(RuleCode.SHARE_RECIPIENT);
      }
      (image.members.containsKey(recipient) ? alreadyMembers : newcomers).add(recipient);
    }
    // Current members shared again change nothing (SHARE_DUPLICATE): only newcomers count.
    int limit = SETTINGS.maxMembers(image.type);
    if (!newcomers.isEmpty() && image.members.size() + newcomers.size() > limit) {
      codes.add(RuleCode.SHARE_MEMBER_LIMIT);
    }
    if (!codes.isEmpty()) {
      return Outcome.denied(codes);
    }
    newcomers.forEach(tenant ->
        image.members.put(tenant, new ModelMember(MembershipStatus.PENDING, Optional.empty())));
    return Outcome.allowed(Command.shared(newcomers, alreadyMembers));
  }

  /** SHARE_MEMBER_ONLY and SHARE_ACCEPT_VAULT; a member may change its answer. */
  private Outcome answer(Caller caller, ModelImage image, MembershipStatus answer,
      Optional<VaultId> vault) {
    TenantId tenant = caller.tenant().orElse(null);
    if (!image.members.containsKey(tenant)) {
      return Outcome.denied(List.of(RuleCode.SHARE_MEMBER_ONLY));
    }
    if (answer == MembershipStatus.ACCEPTED && image.type == ImageType.FULL_SERVER
        && vault.isEmpty()) {
      return Outcome.denied(List.of(RuleCode.SHARE_ACCEPT_VAULT));
    }
    image.members.put(tenant, new ModelMember(answer, vault));
    return Outcome.allowed(ImageView.member(tenant, answer, vault));
  }

  /** SHARE_REVOKE: the owner, at any time, of a current member. */
  private Outcome revoke(Caller caller, ModelImage image, TenantId member) {
    if (!image.isOwnedBy(caller)) {
      return Outcome.denied(List.of(RuleCode.SHARE_NOT_OWNER));
    }
    if (!image.members.containsKey(member)) {
      return Outcome.denied(List.of(RuleCode.SHARE_REVOKE));
    }
    image.members.remove(member);
    return Outcome.allowed("");
  }

  // --- marketplace (MARKET_*) ---

  private Outcome publish(Caller caller, ModelImage image, Optional<Price> price, Instant now) {
    if (!image.isOwnedBy(caller)) {
      return Outcome.denied(List.of(RuleCode.MARKET_PUBLISH));
    }
    List<RuleCode> codes = new ArrayList<>();
    if (!image.members.isEmpty()) {
      codes.add(RuleCode.SHARE_MARKET);
    }
    boolean seller = caller.tenant().flatMap(ServiceWorld::tenant)
        .map(TenantInfo::seller).orElse(false);
    boolean eligible = seller
        && image.imageClass == ImageClass.PRIVATE
        && image.status == ImageStatus.ACTIVE
        && !image.encrypted
        && (image.type == ImageType.SYSTEM_DISK || image.type == ImageType.FULL_SERVER);
    if (!eligible) {
      codes.add(RuleCode.MARKET_PUBLISH);
    }
    if (image.isObsoleteAt(now)) {
      codes.add(RuleCode.USE_OBSOLETE);
    }
    if (!codes.isEmpty()) {
      return Outcome.denied(codes);
    }
    image.imageClass = ImageClass.MARKET;
    image.listed = true;
    image.price = price;
    return Outcome.allowed(ImageClass.MARKET);
  }

  private Outcome withdraw(Caller caller, ModelImage image) {
    if (!image.isOwnedBy(caller) || image.imageClass != ImageClass.MARKET) {
      return Outcome.denied(List.of(RuleCode.MARKET_WITHDRAW));
    }
    image.imageClass = ImageClass.PRIVATE;
    image.listed = false;
    image.price = Optional.empty();
    return Outcome.allowed(ImageClass.PRIVATE);
  }

  // --- replication (REPLICATE_*) ---

  private Outcome replicate(Caller caller, ModelImage image, RegionId target, Instant now) {
    // The replica belongs to the caller's account's project in the target region, and counts
    // against that project's quota there.
    if (!image.isOwnedBy(caller)) {
      return Outcome.denied(List.of(RuleCode.REPLICATE_REGION));
    }
    Optional<TenantInfo> project = ServiceWorld.projectIn(caller.tenant().orElseThrow(), target);
    List<RuleCode> codes = new ArrayList<>();
    if (project.isPresent() && countOwned(project.get().id(), target)
        >= SETTINGS.maxPrivateImagesPerRegion()) {
      codes.add(RuleCode.CREATE_QUOTA);
    }
    if (image.status != ImageStatus.ACTIVE || target.equals(image.region) || project.isEmpty()) {
      codes.add(RuleCode.REPLICATE_REGION);
    }
    if (image.encrypted || image.type == ImageType.ISO
        || image.sizeBytes > SETTINGS.maxReplicationBytes()) {
      codes.add(RuleCode.REPLICATE_EXCLUDED);
    }
    if (image.imageClass != ImageClass.PRIVATE) {
      codes.add(RuleCode.REPLICATE_MARKET);
    }
    if (image.isObsoleteAt(now)) {
      codes.add(RuleCode.USE_OBSOLETE);
    }
    if (!codes.isEmpty()) {
      return Outcome.denied(codes);
    }
    ModelImage replica = image.copy();
    replica.region = target;
    replica.owner = Optional.of(project.get().id());
    replica.source = ImageSource.REPLICA;
    replica.origin = Optional.of(ReplicaOrigin.of(image.id, image.region));
    replica.backup = Optional.empty();
    replica.status = ImageStatus.QUEUED;
    replica.members.clear();
    replica.deletionProtected = false;
    replica.deprecation = Optional.empty(); // the schedule is the original's, not the copy's
    replica.createdAt = now;
    return created(replica);
  }

  // --- retiring images (DEPRECATE_*, USE_OBSOLETE) ---

  /**
   * DEPRECATE_SCHEDULE and DEPRECATE_REPLACEMENT: the owner (the operator for a public image)
   * schedules an ACTIVE or DEACTIVATED image's retirement within the leads, not in the past
   * unless it keeps the time its schedule has; an obsolete image's schedule is final. The same
   * schedule again writes nothing.
   */
  private Outcome deprecate(Caller caller, ModelImage image, Deprecation schedule, Instant now) {
    Optional<RuleCode> refusal = changeRefusal(caller, image);
    if (refusal.isPresent()) {
      return Outcome.denied(List.of(refusal.get()));
    }
    List<RuleCode> codes = new ArrayList<>();
    if (image.isObsoleteAt(now)) {
      codes.add(RuleCode.DEPRECATE_SCHEDULE);
    } else {
      if (image.status != ImageStatus.ACTIVE && image.status != ImageStatus.DEACTIVATED) {
        codes.add(RuleCode.DEPRECATE_SCHEDULE);
      }
      boolean keepsItsTime = image.deprecation.isPresent()
          && image.deprecation.get().deprecatedAt().equals(schedule.deprecatedAt());
      if (schedule.deprecatedAt().isBefore(now) && !keepsItsTime) {
        codes.add(RuleCode.DEPRECATE_SCHEDULE);
      }
      Duration lead = image.imageClass == ImageClass.PUBLIC
          ? MAX_PUBLIC_DEPRECATION_LEAD : MAX_DEPRECATION_LEAD;
      if (schedule.deprecatedAt().isAfter(now.plus(lead))) {
        codes.add(RuleCode.DEPRECATE_SCHEDULE);
      }
      if (schedule.obsoleteAt().isPresent() && schedule.obsoleteAt().get().isBefore(now)) {
        codes.add(RuleCode.DEPRECATE_SCHEDULE);
      }
    }
    if (schedule.replacement().isPresent()
        && !isEligibleReplacement(image, schedule.replacement().get(), now)) {
      codes.add(RuleCode.DEPRECATE_REPLACEMENT);
    }
    if (!codes.isEmpty()) {
      return Outcome.denied(codes);
    }
    image.deprecation = Optional.of(schedule);
    return Outcome.allowed(Command.scheduled(image.deprecation));
  }

  /**
   * DEPRECATE_REPLACEMENT: another image, seen by everyone who sees the deprecated one (a public
   * image for a public one; else the same owner's image or a market image: another tenant's
   * private image answers as an id that does not exist), of its region and type, ACTIVE, not
   * deprecated now, and whose own replacements never lead back to the deprecated image.
   */
  private boolean isEligibleReplacement(ModelImage image, ImageId named, Instant now) {
    ModelImage replacement = images.get(named);
    if (replacement == null || replacement == image
        || replacement.status == ImageStatus.DELETED) {
      return false;
    }
    boolean seenByAll = image.imageClass == ImageClass.PUBLIC
        ? replacement.imageClass == ImageClass.PUBLIC
        : replacement.imageClass == ImageClass.MARKET || replacement.owner.equals(image.owner);
    return seenByAll
        && replacement.region.equals(image.region) && replacement.type == image.type
        && replacement.status == ImageStatus.ACTIVE
        && !replacement.isDeprecatedAt(now)
        && !leadsBackTo(replacement, image);
  }

  /** Whether following replacements from {@code from}, deleted images included, reaches it. */
  private boolean leadsBackTo(ModelImage from, ModelImage image) {
    Set<ImageId> followed = new HashSet<>();
    for (ModelImage next = from; next != null && followed.add(next.id);
        next = next.deprecation.flatMap(Deprecation::replacement).map(images::get).orElse(null)) {
      if (next == image) {
        return true;
      }
    }
    return false;
  }

  /** DEPRECATE_SCHEDULE: the owner cancels a schedule until the image is obsolete. */
  private Outcome cancelDeprecation(Caller caller, ModelImage image, Instant now) {
    Optional<RuleCode> refusal = changeRefusal(caller, image);
    if (refusal.isPresent()) {
      return Outcome.denied(List.of(refusal.get()));
    }
    if (image.isObsoleteAt(now)) {
      return Outcome.denied(List.of(RuleCode.DEPRECATE_SCHEDULE));
    }
    image.deprecation = Optional.empty();
    return Outcome.allowed(Command.scheduled(image.deprecation));
  }

  // --- use (USE_*) ---

  /** {@code authorizeUse} at a moment, as a probe. */
  Outcome use(Caller caller, ImageId id, UseRequest request, Instant now) {
    ModelImage image = visible(caller, id);
    if (image == null) {
      return Outcome.notFound();
    }
    if (image.status == ImageStatus.RECYCLED) {
      return Outcome.denied(List.of(RuleCode.RECYCLE_RETENTION));
    }
    return use(caller, image, request, now);
  }

  /**
   * What a use plan holds: the disks created, for a paid market image the charges, and for a
   * deprecated image the notice (USE_DEPRECATED); an obsolete image is not used (USE_OBSOLETE).
   */
  private Outcome use(Caller caller, ModelImage image, UseRequest request, Instant now) {
    List<RuleCode> codes = new ArrayList<>();
    ModelMember member = caller.tenant().map(image.members::get).orElse(null);
    if (member != null && member.status() != MembershipStatus.ACCEPTED) {
      codes.add(RuleCode.USE_NOT_VISIBLE); // it sees the image, and must accept to use it
    }
    if (image.status != ImageStatus.ACTIVE) {
      codes.add(RuleCode.USE_NOT_ACTIVE);
    }
    if (!request.region().equals(image.region)) {
      codes.add(RuleCode.USE_REGION);
    }
    if (!targetsOf(image.type).contains(request.target())) {
      codes.add(RuleCode.USE_TARGET);
    }
    if (request.target().isServer() && image.type != ImageType.DATA_DISK
        && request.serverKind().isPresent()
        && !image.serverKinds.contains(request.serverKind().get())) {
      codes.add(RuleCode.USE_SERVER_KIND);
    }
    if (request.diskGib() < image.minDiskGib
        || request.target().isServer() && request.ramMib() < image.minRamMib) {
      codes.add(RuleCode.USE_FLAVOR);
    }
    List<String> charges = new ArrayList<>();
    if (image.imageClass == ImageClass.MARKET && !image.isOwnedBy(caller)
        && image.price.isPresent()) {
      charges.add(ImageView.charge(Charge.Kind.IMAGE_FEE, image.price.get()));
      request.serverFee().ifPresent(fee ->
          charges.add(ImageView.charge(Charge.Kind.SERVER_FEE, fee)));
    }
    if (!charges.isEmpty() && !request.acceptsPrice()) {
      codes.add(RuleCode.USE_MARKET_TERMS);
    }
    if (image.isObsoleteAt(now)) {
      codes.add(RuleCode.USE_OBSOLETE);
    }
    if (!codes.isEmpty()) {
      return Outcome.denied(codes);
    }
    List<RuleCode> notices = image.isDeprecatedAt(now)
        ? List.of(RuleCode.USE_DEPRECATED) : List.of();
    int disks = switch (request.target()) {
      case TEMPORARY_SERVER -> 0;
      // A full-server image makes a server with every data disk it holds.
      case SERVER -> image.type == ImageType.FULL_SERVER ? image.disks.size() : 1;
      default -> 1;
    };
    return Outcome.allowed(ImageView.plan(disks, charges, notices));
  }

  private static Set<UseTarget> targetsOf(ImageType type) {
    return switch (type) {
      case SYSTEM_DISK -> EnumSet.of(UseTarget.SERVER, UseTarget.CHANGE_OS);
      case FULL_SERVER -> EnumSet.of(UseTarget.SERVER);
      case DATA_DISK -> EnumSet.of(UseTarget.DATA_DISK);
      case ISO -> EnumSet.of(UseTarget.TEMPORARY_SERVER);
    };
  }

  /** A member's answer so far. */
  record ModelMember(MembershipStatus status, Optional<VaultId> vault) {}

  /** The resource an image is made from, or nothing when the id names none. */
  private static final class Source {
    TenantId owner;
    RegionId region;
    MachineFacts machine;
    BackupId backup;
    DiskFacts disk;
    FileFacts file;

    static Source of(SourceRef ref) {
      Source source = new Source();
      if (ref instanceof SourceRef.Server server) {
        ServiceWorld.server(server.id()).ifPresent(found -> {
          source.own(found.owner(), found.region());
          source.machine = found.machine();
        });
      } else if (ref instanceof SourceRef.Backup backup) {
        ServiceWorld.backup(backup.id()).ifPresent(found -> {
          source.own(found.owner(), found.region());
          source.machine = found.machine();
          source.backup = found.id();
        });
      } else if (ref instanceof SourceRef.Disk disk) {
        ServiceWorld.disk(disk.id()).ifPresent(found -> {
          source.own(found.owner(), found.region());
          source.disk = found;
        });
      } else if (ref instanceof SourceRef.File file) {
        ServiceWorld.file(file.id()).ifPresent(found -> {
          source.own(found.owner(), found.region());
          source.file = found;
        });
      }
      return source;
    }

    private void own(TenantId owner, RegionId region) {
      this.owner = owner;
      this.region = region;
    }

    boolean exists() {
      return owner != null;
    }
  }

  /** One image as the model keeps it: plain fields, changed in place. */
  private static final class ModelImage {
    ImageId id;
    String name;
    ImageClass imageClass;
    ImageType type;
    ImageSource source;
    ImageStatus status;
    RegionId region;
    Optional<TenantId> owner = Optional.empty();
    Optional<OsFacts> os = Optional.empty();
    List<DiskSpec> disks = List.of();
    int minDiskGib;
    int minRamMib;
    long sizeBytes;
    Set<ServerKind> serverKinds = EnumSet.noneOf(ServerKind.class);
    boolean encrypted;
    boolean deletionProtected;
    /** In the order members were added; an answer keeps the member's place. */
    LinkedHashMap<TenantId, ModelMember> members = new LinkedHashMap<>();
    boolean listed;
    Optional<Price> price = Optional.empty();
    Map<String, String> tags = new LinkedHashMap<>();
    Optional<ReplicaOrigin> origin = Optional.empty();
    Optional<BackupId> backup = Optional.empty();
    Optional<Deprecation> deprecation = Optional.empty();
    Optional<String> family = Optional.empty();
    boolean excludedFromLatest;
    /** In a recycle bin: since when, until when, and the status it had before. */
    Optional<Recycling> recycling = Optional.empty();
    Instant createdAt;

    boolean isOwnedBy(Caller caller) {
      return caller.tenant().isPresent() && owner.equals(caller.tenant());
    }

    Optional<Instant> purgeTime() {
      return recycling.map(Recycling::purgeAt);
    }

    /** USE_DEPRECATED: at and after the deprecation time. */
    boolean isDeprecatedAt(Instant now) {
      return deprecation.isPresent() && !now.isBefore(deprecation.get().deprecatedAt());
    }

    /** USE_OBSOLETE: at and after the obsolete time, if there is one. */
    boolean isObsoleteAt(Instant now) {
      return deprecation.isPresent() && deprecation.get().obsoleteAt().isPresent()
          && !now.isBefore(deprecation.get().obsoleteAt().get());
    }

    ModelImage copy() {
      ModelImage copy = new ModelImage();
      copy.id = id;
      copy.name = name;
      copy.imageClass = imageClass;
      copy.type = type;
      copy.source = source;
      copy.status = status;
      copy.region = region;
      copy.owner = owner;
      copy.os = os;
      copy.disks = disks;
      copy.minDiskGib = minDiskGib;
      copy.minRamMib = minRamMib;
      copy.sizeBytes = sizeBytes;
      copy.serverKinds = serverKinds.isEmpty()
          ? EnumSet.noneOf(ServerKind.class) : EnumSet.copyOf(serverKinds);
      copy.encrypted = encrypted;
      copy.deletionProtected = deletionProtected;
      copy.members = new LinkedHashMap<>(members);
      copy.listed = listed;
      copy.price = price;
      copy.tags = new LinkedHashMap<>(tags);
      copy.origin = origin;
      copy.backup = backup;
      copy.deprecation = deprecation;
      copy.family = family;
      copy.excludedFromLatest = excludedFromLatest;
      copy.recycling = recycling;
      copy.createdAt = createdAt;
      return copy;
    }

    String memberLines() {
      return memberLines(tenant -> true);
    }

    private String memberLines(java.util.function.Predicate<TenantId> shown) {
      List<String> lines = new ArrayList<>();
      members.forEach((tenant, member) -> {
        if (shown.test(tenant)) {
          lines.add(ImageView.member(tenant, member.status(), member.vault()));
        }
      });
      return ImageView.members(lines);
    }

    ImageView view() {
      return view(memberLines());
    }

    /** The image as a reader sees it: another tenant's view holds only its own membership. */
    ImageView viewFor(Caller reader) {
      if (reader.isOperator() || isOwnedBy(reader)) {
        return view();
      }
      TenantId tenant = reader.tenant().orElseThrow();
      return view(memberLines(tenant::equals));
    }

    private ImageView view(String memberLines) {
      return new ImageView(id, name, imageClass, type, source, status, region,
          ImageView.owner(owner), ImageView.os(os), ImageView.disks(disks), minDiskGib,
          minRamMib, sizeBytes, ImageView.serverKinds(serverKinds), encrypted,
          deletionProtected, memberLines, listed ? ImageView.listing(price) : "-",
          ImageView.tags(tags), ImageView.origin(origin), ImageView.backup(backup),
          ImageView.deprecation(deprecation), ImageView.family(family, excludedFromLatest),
          ImageView.recycling(recycling), createdAt);
    }
  }
}
