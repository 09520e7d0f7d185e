package dev.imago.core.policy;

import static org.quicktheories.generators.Generate.booleans;
import static org.quicktheories.generators.Generate.constant;
import static org.quicktheories.generators.Generate.enumValues;
import static org.quicktheories.generators.Generate.frequency;
import static org.quicktheories.generators.Generate.longRange;
import static org.quicktheories.generators.Generate.pick;
import static org.quicktheories.generators.Generate.range;

import dev.imago.core.Caller;
import dev.imago.core.policy.internal.StatusTable;
import dev.imago.spi.Architecture;
import dev.imago.spi.BackupFacts;
import dev.imago.spi.BackupId;
import dev.imago.spi.BootMode;
import dev.imago.spi.DiskFacts;
import dev.imago.spi.DiskId;
import dev.imago.spi.Deprecation;
import dev.imago.spi.DiskRole;
import dev.imago.spi.DiskSpec;
import dev.imago.spi.FileFacts;
import dev.imago.spi.FileFormat;
import dev.imago.spi.FileId;
import dev.imago.spi.ImageClass;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageSource;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.ImageType;
import dev.imago.spi.KeyId;
import dev.imago.spi.MachineFacts;
import dev.imago.spi.MarketListing;
import dev.imago.spi.Membership;
import dev.imago.spi.MembershipStatus;
import dev.imago.spi.OsFacts;
import dev.imago.spi.OsType;
import dev.imago.spi.Platform;
import dev.imago.spi.Price;
import dev.imago.spi.PriceUnit;
import dev.imago.spi.RegionId;
import dev.imago.spi.ReplicaOrigin;
import dev.imago.spi.ServerFacts;
import dev.imago.spi.ServerId;
import dev.imago.spi.ServerKind;
import dev.imago.spi.TenantId;
import dev.imago.spi.TenantInfo;
import dev.imago.spi.TenantStatus;
import dev.imago.spi.VaultId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;

/**
 * QuickTheories generators of whole decision contexts: a directory of tenants in two regions
 * (active or suspended, sellers or not), an image of any class, type, source and status that
 * satisfies every check of {@link ImageRecord} by construction (encrypted or not, members in
 * every status, market listings free and paid), a caller in a known relation to the image, and
 * an action with its parameters. The generators lean towards the cases rules care about, so that
 * a good share of decisions are denials with several violations.
 */
public final class PolicyGenerators {
  public static final RegionId HOME = Fixtures.REGION;
  public static final RegionId ABROAD = Fixtures.OTHER_REGION;
  public static final List<RegionId> REGIONS = List.of(HOME, ABROAD);
  /** A tenant no directory knows. */
  public static final TenantId GHOST = TenantId.of("ghost");
  public static final Instant CREATED = Fixtures.CREATED;
  public static final Instant NOW = Fixtures.NOW;
  public static final ImageId IMAGE_ID = ImageId.of("image-gen");

  private static final long GIB = 1L << 30;
  private static final int TENANTS = 5;
  private static final Map<ImageType, List<ImageSource>> SOURCES = new EnumMap<>(Map.of(
      ImageType.SYSTEM_DISK,
      List.of(ImageSource.SERVER, ImageSource.EXTERNAL_FILE, ImageSource.REPLICA),
      ImageType.DATA_DISK,
      List.of(ImageSource.DATA_DISK, ImageSource.EXTERNAL_FILE, ImageSource.REPLICA),
      ImageType.FULL_SERVER,
      List.of(ImageSource.SERVER, ImageSource.CLOUD_BACKUP, ImageSource.REPLICA),
      ImageType.ISO, List.of(ImageSource.ISO_FILE)));
  /** The actions on an existing image. */
  public static final List<ActionKind> IMAGE_ACTIONS = EnumSet.allOf(ActionKind.class).stream()
      .filter(ActionKind::concernsAnImage).toList();

  private PolicyGenerators() {}

  /** Who asks, as the image sees it. */
  public enum Role {
    /** The platform operator. */
    OPERATOR,
    /** The tenant that owns the image. */
    OWNER,
    /** A tenant the image is shared with, in any membership status. */
    MEMBER,
    /** A tenant of the directory that neither owns the image nor is a member. */
    STRANGER,
    /** A tenant the directory does not know. */
    UNKNOWN_TENANT
  }

  /**
   * One generated decision: the context and the role its caller plays.
   *
   * @param role the caller's relation to the image
   * @param context the context
   */
  public record Scenario(Role role, Context context) {
    /** Returns the image of the context. */
    public ImageRecord image() {
      return context.image().orElseThrow();
    }

    /** Returns the caller's membership of the image, if any. */
    public Optional<Membership> membership() {
      return context.caller().tenant().flatMap(tenant -> image().member(tenant));
    }

    @Override
    public String toString() {
      StringBuilder text = new StringBuilder()
          .append(role).append(' ').append(context.caller())
          .append(" (").append(context.callerTenant().map(PolicyGenerators::describe)
              .orElse("not in the directory")).append(")\n  ")
          .append(context.action()).append('\n');
      context.image().ifPresent(image -> text.append("  ").append(describe(image)).append('\n'));
      text.append("  tenants ").append(context.tenants().values().stream()
          .map(PolicyGenerators::describe).collect(Collectors.joining(", ")));
      context.replicaOwner().ifPresent(owner -> text.append("\n  replica owner ")
          .append(describe(owner)));
      text.append("\n  owned images ").append(context.ownedImages());
      if (!context.settings().equals(PolicySettings.defaults())) {
        text.append("\n  ").append(context.settings());
      }
      context.server().ifPresent(server -> text.append("\n  ").append(server));
      context.disk().ifPresent(disk -> text.append("\n  ").append(disk));
      context.backup().ifPresent(backup -> text.append("\n  ").append(backup));
      context.file().ifPresent(file -> text.append("\n  ").append(file));
      return text.toString();
    }
  }

  // --------------------------------------------------------------------------------- tenants

  /** Tenants t0 to t4: mostly in {@link #HOME}, mostly active, some sellers. */
  public static Gen<List<TenantInfo>> tenants() {
    Gen<RegionId> regions = weighted(3, constant(HOME), 1, constant(ABROAD));
    Gen<TenantStatus> statuses =
        weighted(5, constant(TenantStatus.ACTIVE), 1, constant(TenantStatus.SUSPENDED));
    Gen<Boolean> sellers = booleans();
    return in -> {
      List<TenantInfo> tenants = new ArrayList<>();
      for (int i = 0; i < TENANTS; i++) {
        tenants.add(TenantInfo.builder()
            .id(TenantId.of("t" + i))
            .region(regions.generate(in))
            .status(statuses.generate(in))
            .seller(sellers.generate(in))
            .build());
      }
      return List.copyOf(tenants);
    };
  }

  // ---------------------------------------------------------------------------------- images

  /** Image classes, mostly PRIVATE. */
  public static Gen<ImageClass> imageClasses() {
    return frequency(List.of(Pair.of(6, constant(ImageClass.PRIVATE)),
        Pair.of(2, constant(ImageClass.MARKET)), Pair.of(2, constant(ImageClass.PUBLIC))));
  }

  /** Statuses, ACTIVE more often than the others, as rules ask for ACTIVE images. */
  public static Gen<ImageStatus> statuses() {
    return weighted(5, constant(ImageStatus.ACTIVE), 5, enumValues(ImageStatus.class));
  }

  /**
   * Images of the given classes owned by one of the tenants (PUBLIC ones by nobody), valid by
   * construction: every combination the record's checks allow, and only those.
   */
  public static Gen<ImageRecord> images(List<TenantInfo> tenants, Gen<ImageClass> classes) {
    return in -> image(in, tenants, classes.generate(in));
  }

  static ImageRecord image(RandomnessSource in, List<TenantInfo> tenants, ImageClass imageClass) {
    ImageType type = switch (imageClass) {
      case PUBLIC -> ImageType.SYSTEM_DISK;
      case MARKET -> pick(List.of(ImageType.SYSTEM_DISK, ImageType.FULL_SERVER)).generate(in);
      case PRIVATE -> enumValues(ImageType.class).generate(in);
    };
    ImageSource source = pick(SOURCES.get(type)).generate(in);
    ImageStatus status = statuses().generate(in);
    TenantInfo owner = pick(tenants).generate(in);
    RegionId region = imageClass == ImageClass.PUBLIC || range(1, 10).generate(in) == 1
        ? pick(REGIONS).generate(in) : owner.region();

    ImageRecord.Builder image = ImageRecord.builder()
        .id(IMAGE_ID)
        .name(pick(List.of("web server", "镜像 01", "db_base-2.1", "x")).generate(in))
        .imageClass(imageClass)
        .type(type)
        .source(source)
        .status(status)
        .region(region)
        .minRamMib(weighted(1, constant(0), 2, range(1, 8192)).generate(in))
        .sizeBytes(weighted(4, longRange(0, 100 * GIB), 1, longRange(128 * GIB - 2, 300 * GIB))
            .generate(in))
        .deletionProtected(bool(in, 1, 3))
        .createdAt(CREATED)
        .updatedAt(weighted(4, constant(CREATED), 1, constant(NOW.plus(Duration.ofDays(1))))
            .generate(in))
        .version(range(1, 20).generate(in));
    if (imageClass != ImageClass.PUBLIC) {
      image.owner(owner.id());
    }
    if (type != ImageType.DATA_DISK && (type != ImageType.ISO || bool(in, 1, 1))) {
      image.os(os(in));
    }
    int firstDisk = range(1, 200).generate(in);
    switch (type) {
      case SYSTEM_DISK -> image.addDisks(DiskSpec.of(DiskRole.SYSTEM, firstDisk));
      case DATA_DISK -> image.addDisks(DiskSpec.of(DiskRole.DATA, firstDisk));
      case FULL_SERVER -> {
        image.addDisks(DiskSpec.of(DiskRole.SYSTEM, firstDisk));
        int data = range(0, 3).generate(in);
        for (int i = 0; i < data; i++) {
          image.addDisks(DiskSpec.of(DiskRole.DATA, range(1, 500).generate(in)));
        }
      }
      case ISO -> firstDisk = range(1, 20).generate(in);
    }
    image.minDiskGib(firstDisk + weighted(2, constant(0), 1, range(1, 60))
        .generate(in));
    if (type != ImageType.DATA_DISK) {
      image.serverKinds(serverKinds(in));
    }
    if (imageClass != ImageClass.MARKET && bool(in, 1, 3)) {
      image.encryptionKey(KeyId.of("key-" + range(1, 3).generate(in)));
    }
    if (imageClass == ImageClass.MARKET) {
      image.listing(bool(in, 1, 1)
          ? MarketListing.free(CREATED)
          : MarketListing.paid(price(in), CREATED));
    }
    if (source == ImageSource.CLOUD_BACKUP) {
      image.backup(BackupId.of("backup-1"));
    }
    if (source == ImageSource.REPLICA) {
      RegionId originRegion = region.equals(HOME) ? ABROAD : HOME;
      image.origin(ReplicaOrigin.of(ImageId.of("image-origin"), originRegion));
    }
    int tagCount = range(0, 3).generate(in);
    for (int i = 0; i < tagCount; i++) {
      image.putTags("k" + i, pick(List.of("", "v", "prod", "标签")).generate(in));
    }
    if (imageClass == ImageClass.PRIVATE && status != ImageStatus.DELETED) {
      image.members(members(in, tenants, owner.id(), type));
    }
    if (bool(in, 1, 4)) {
      image.deprecation(deprecation(in));
    }
    if (bool(in, 1, 3)) {
      image.family("web").excludedFromLatest(bool(in, 1, 3));
    }
    return image.build();
  }

  /**
   * A retirement schedule around {@link #NOW}: deprecated already, exactly now or later, obsolete
   * or not yet, with a replacement or none.
   */
  static Deprecation deprecation(RandomnessSource in) {
    Instant deprecatedAt = pick(List.of(NOW.minus(Duration.ofDays(1)), NOW,
        NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(4000)))).generate(in);
    Deprecation.Builder schedule = Deprecation.builder().deprecatedAt(deprecatedAt);
    if (bool(in, 1, 1)) {
      schedule.obsoleteAt(deprecatedAt.plus(pick(List.of(Duration.ZERO, Duration.ofDays(1),
          Duration.ofDays(30))).generate(in)));
    }
    if (bool(in, 1, 1)) {
      schedule.replacement(ImageId.of("image-newer"));
    }
    return schedule.build();
  }

  /** Memberships of some tenants other than the owner, in random statuses. */
  static Map<TenantId, Membership> members(
      RandomnessSource in, List<TenantInfo> tenants, TenantId owner, ImageType type) {
    Map<TenantId, Membership> members = new LinkedHashMap<>();
    if (bool(in, 1, 2)) {
      return members;
    }
    for (TenantInfo tenant : tenants) {
      if (tenant.id().equals(owner) || bool(in, 1, 1)) {
        continue;
      }
      MembershipStatus status = enumValues(MembershipStatus.class).generate(in);
      Membership.Builder member = Membership.builder()
          .tenant(tenant.id())
          .status(status)
          .createdAt(CREATED)
          .updatedAt(CREATED.plus(Duration.ofDays(range(0, 10).generate(in))));
      if (status == MembershipStatus.ACCEPTED && type == ImageType.FULL_SERVER
          && bool(in, 3, 1)) {
        member.vault(VaultId.of("vault-" + tenant.id()));
      }
      members.put(tenant.id(), member.build());
    }
    return members;
  }

  static OsFacts os(RandomnessSource in) {
    return OsFacts.builder()
        .osType(enumValues(OsType.class).generate(in))
        .platform(enumValues(Platform.class).generate(in))
        .osVersion(pick(List.of("", "22.04", "9")).generate(in))
        .architecture(enumValues(Architecture.class).generate(in))
        .bootMode(enumValues(BootMode.class).generate(in))
        .build();
  }

  static Set<ServerKind> serverKinds(RandomnessSource in) {
    return switch (range(0, 2).generate(in)) {
      case 0 -> EnumSet.of(ServerKind.ECS);
      case 1 -> EnumSet.of(ServerKind.BMS);
      default -> EnumSet.allOf(ServerKind.class);
    };
  }

  static Price price(RandomnessSource in) {
    return Price.of(pick(List.of("0.01", "0.10", "2", "199.99")).generate(in),
        pick(List.of("USD", "CNY", "EUR")).generate(in), enumValues(PriceUnit.class).generate(in));
  }

  // ------------------------------------------------------------------------------- scenarios

  /** Contexts of every action on an image, for callers of every role. */
  public static Gen<Scenario> scenarios() {
    return scenarios(imageClasses(), enumValues(Role.class), pick(IMAGE_ACTIONS));
  }

  /**
   * Contexts of actions on an image.
   *
   * @param classes the classes of the images
   * @param roles the callers' roles; a role the image cannot have (the owner of a PUBLIC image,
   *     a member of an unshared one) falls back to a stranger
   * @param kinds the actions, all on an image
   */
  public static Gen<Scenario> scenarios(
      Gen<ImageClass> classes, Gen<Role> roles, Gen<ActionKind> kinds) {
    Gen<List<TenantInfo>> directories = tenants();
    return in -> {
      List<TenantInfo> tenants = directories.generate(in);
      ImageRecord image = image(in, tenants, classes.generate(in));
      Role role = roles.generate(in);
      return scenario(in, tenants, image, role, kinds.generate(in));
    };
  }

  /** The context of an action on the image, by a caller of the role. */
  public static Scenario scenario(RandomnessSource in, List<TenantInfo> tenants,
      ImageRecord image, Role role, ActionKind kind) {
    Optional<TenantId> caller = switch (role) {
      case OPERATOR -> Optional.empty();
      case OWNER -> image.owner();
      case MEMBER -> image.members().isEmpty() ? Optional.empty()
          : Optional.of(pick(List.copyOf(image.members().keySet())).generate(in));
      case STRANGER, UNKNOWN_TENANT -> Optional.empty();
    };
    if (caller.isEmpty() && role != Role.OPERATOR && role != Role.UNKNOWN_TENANT) {
      List<TenantId> strangers = tenants.stream().map(TenantInfo::id)
          .filter(id -> !image.isOwnedBy(id) && !image.members().containsKey(id))
          .toList();
      if (!strangers.isEmpty()) {
        caller = Optional.of(pick(strangers).generate(in));
        role = Role.STRANGER;
      } else {
        role = Role.UNKNOWN_TENANT;
      }
    }
    if (role == Role.UNKNOWN_TENANT) {
      caller = Optional.of(GHOST);
    }
    Optional<TenantId> callerId = caller;
    Action action = action(in, kind, image, tenants);
    Context.Builder context = Context.builder()
        .caller(callerId.map(Caller::tenant).orElseGet(Caller::operator))
        .action(action)
        .image(image)
        .now(NOW)
        .ownedImages(ownedImages(in))
        .settings(settings(in));
    tenants.forEach(tenant -> context.putTenants(tenant.id(), tenant));
    context.callerTenant(tenants.stream()
        .filter(tenant -> callerId.isPresent() && tenant.id().equals(callerId.get()))
        .findFirst());
    if (action instanceof Action.Replicate replicate && bool(in, 3, 1)) {
      context.replicaOwner(TenantInfo.builder()
          .id(TenantId.of(callerId.map(TenantId::value).orElse("operator") + "-abroad"))
          .region(replicate.region())
          .build());
    }
    return new Scenario(role, context.build());
  }

  /** An action of the kind on the image, with parameters near the image's own. */
  public static Action action(
      RandomnessSource in, ActionKind kind, ImageRecord image, List<TenantInfo> tenants) {
    ImageId id = image.id();
    return switch (kind) {
      case READ -> new Action.Read(id);
      case CHANGE_STATUS -> new Action.ChangeStatus(id, targetStatus(in, image.status()));
      case USE -> new Action.Use(id, useRequest(in, image));
      case SHARE -> new Action.Share(id, recipients(in, image, tenants));
      case ACCEPT -> new Action.Accept(id, bool(in, 2, 1)
          ? Optional.of(VaultId.of("vault-1")) : Optional.empty());
      case REJECT -> new Action.Reject(id);
      case REVOKE -> new Action.Revoke(id, !image.members().isEmpty() && bool(in, 3, 1)
          ? pick(List.copyOf(image.members().keySet())).generate(in)
          : pick(tenants).generate(in).id());
      case LIST_MEMBERS -> new Action.ListMembers(id);
      case PUBLISH -> new Action.Publish(id, bool(in, 1, 1)
          ? Optional.of(price(in)) : Optional.empty());
      case WITHDRAW -> new Action.Withdraw(id);
      case REPLICATE -> new Action.Replicate(id, bool(in, 3, 1)
          ? (image.region().equals(HOME) ? ABROAD : HOME) : image.region());
      case PROTECT -> new Action.Protect(id);
      case UNPROTECT -> new Action.Unprotect(id);
      case UPDATE_TAGS -> new Action.UpdateTags(id, tags(in, 12));
      case DELETE -> new Action.Delete(id);
      case DEPRECATE -> new Action.Deprecate(id, deprecation(in));
      case CANCEL_DEPRECATION -> new Action.CancelDeprecation(id);
      case SET_FAMILY -> new Action.SetFamily(id, bool(in, 3, 1)
          ? Optional.of(pick(List.of("web", "db-base")).generate(in)) : Optional.empty(),
          bool(in, 1, 3));
      case CREATE, REGISTER_PUBLIC, LIST ->
          throw new IllegalArgumentException(kind + " does not act on an image");
    };
  }

  /** Half the time a move of the table, otherwise any status. */
  static ImageStatus targetStatus(RandomnessSource in, ImageStatus from) {
    List<ImageStatus> moves = List.copyOf(StatusTable.movesFrom(from));
    return !moves.isEmpty() && bool(in, 1, 1)
        ? pick(moves).generate(in) : enumValues(ImageStatus.class).generate(in);
  }

  static UseRequest useRequest(RandomnessSource in, ImageRecord image) {
    UseTarget target = enumValues(UseTarget.class).generate(in);
    UseRequest.Builder request = UseRequest.builder()
        .target(target)
        .region(bool(in, 5, 1) ? image.region() : pick(REGIONS).generate(in))
        .diskGib(Math.max(1, Math.min(DiskSpec.MAX_SIZE_GIB,
            image.minDiskGib() + range(-5, 40).generate(in))))
        .ramMib(Math.max(0, image.minRamMib() + range(-512, 2048).generate(in)))
        .acceptsPrice(bool(in, 1, 1));
    if (target.isServer() || bool(in, 1, 1)) {
      request.serverKind(enumValues(ServerKind.class).generate(in));
    }
    if (bool(in, 1, 1)) {
      request.serverFee(price(in));
    }
    return request.build();
  }

  /**
   * One to four distinct recipients: mostly active tenants of the image's region other than the
   * owner, otherwise any tenant of the directory, the owner, or a ghost.
   */
  static List<TenantId> recipients(
      RandomnessSource in, ImageRecord image, List<TenantInfo> tenants) {
    List<TenantId> candidates = new ArrayList<>();
    tenants.forEach(tenant -> candidates.add(tenant.id()));
    candidates.add(GHOST);
    List<TenantId> eligible = tenants.stream()
        .filter(tenant -> tenant.isActive() && tenant.region().equals(image.region())
            && !image.isOwnedBy(tenant.id()))
        .map(TenantInfo::id).toList();
    List<TenantId> from = !eligible.isEmpty() && bool(in, 2, 1) ? eligible : candidates;
    int count = weighted(3, constant(1), 2, range(2, 4)).generate(in);
    List<TenantId> recipients = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      TenantId next = pick(from).generate(in);
      if (!recipients.contains(next)) {
        recipients.add(next);
      }
    }
    return recipients;
  }

  static Map<String, String> tags(RandomnessSource in, int max) {
    int count = weighted(4, range(0, 5), 1, range(6, max)).generate(in);
    Map<String, String> tags = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      tags.put("key" + i, "value" + range(0, 9).generate(in));
    }
    return tags;
  }

  static long ownedImages(RandomnessSource in) {
    return weighted(5, longRange(0, 99), 1, longRange(100, 120)).generate(in);
  }

  /** The default limits, or tight ones that turn shares, tags and replicas into denials. */
  static PolicySettings settings(RandomnessSource in) {
    if (bool(in, 2, 1)) {
      return PolicySettings.defaults();
    }
    return PolicySettings.builder()
        .defaultMaxMembers(range(0, 4).generate(in))
        .maxTags(range(0, 6).generate(in))
        .maxReplicationBytes(range(1, 100).generate(in) * GIB)
        .maxPrivateImagesPerRegion(range(0, 110).generate(in))
        .maxImportBytes(range(1, 200).generate(in) * GIB)
        .build();
  }

  // ---------------------------------------------------------------------------- new images

  /**
   * Contexts of creating a private image or registering a public one: specs of every type from
   * every kind of source, and source facts that exist or not, belong to the caller or not, lie in
   * its region or not, and have any format and size.
   */
  public static Gen<Scenario> creations() {
    Gen<List<TenantInfo>> directories = tenants();
    return in -> {
      List<TenantInfo> tenants = directories.generate(in);
      Role role = frequency(List.of(Pair.of(8, constant(Role.OWNER)),
          Pair.of(1, constant(Role.UNKNOWN_TENANT)), Pair.of(2, constant(Role.OPERATOR))))
          .generate(in);
      Optional<TenantInfo> caller = role == Role.OWNER
          ? Optional.of(pick(tenants).generate(in)) : Optional.empty();
      TenantId callerId = caller.map(TenantInfo::id)
          .orElse(role == Role.UNKNOWN_TENANT ? GHOST : TenantId.of("t0"));
      RegionId callerRegion = caller.map(TenantInfo::region).orElse(HOME);
      boolean register = bool(in, 1, role == Role.OPERATOR ? 1 : 5);
      ImageSpec spec = spec(in, register);
      Context.Builder context = Context.builder()
          .caller(role == Role.OPERATOR ? Caller.operator() : Caller.tenant(callerId))
          .action(register
              ? new Action.RegisterPublic(spec, pick(REGIONS).generate(in))
              : new Action.Create(spec))
          .callerTenant(caller)
          .now(NOW)
          .ownedImages(ownedImages(in))
          .settings(settings(in));
      tenants.forEach(tenant -> context.putTenants(tenant.id(), tenant));
      Gen<TenantId> owners = weighted(4, constant(callerId), 1, pick(tenants).map(TenantInfo::id));
      Gen<RegionId> regions = weighted(4, constant(callerRegion), 1, pick(REGIONS));
      if (bool(in, 6, 1)) {
        context.server(ServerFacts.builder().id(ServerId.of(sourceId(in, "server")))
            .owner(owners.generate(in)).region(regions.generate(in)).machine(machine(in))
            .build());
      }
      if (bool(in, 6, 1)) {
        context.backup(BackupFacts.builder().id(BackupId.of(sourceId(in, "backup")))
            .owner(owners.generate(in)).region(regions.generate(in)).machine(machine(in))
            .build());
      }
      if (bool(in, 6, 1)) {
        DiskFacts.Builder disk = DiskFacts.builder().id(DiskId.of(sourceId(in, "disk")))
            .owner(owners.generate(in)).region(regions.generate(in))
            .spec(DiskSpec.of(bool(in, 4, 1) ? DiskRole.DATA : DiskRole.SYSTEM,
                range(1, 2000).generate(in)));
        if (bool(in, 1, 3)) {
          disk.encryptionKey(KeyId.of("key-disk"));
        }
        context.disk(disk.build());
      }
      if (bool(in, 6, 1)) {
        context.file(FileFacts.builder().id(FileId.of(sourceId(in, "file")))
            .owner(owners.generate(in)).region(regions.generate(in))
            .format(spec.type() == ImageType.ISO && bool(in, 1, 1)
                ? FileFormat.ISO : enumValues(FileFormat.class).generate(in))
            .sizeBytes(weighted(4, longRange(0, 100 * GIB), 1, longRange(100 * GIB, 2048 * GIB))
                .generate(in))
            .hasBitmap(bool(in, 1, 2))
            .build());
      }
      return new Scenario(role, context.build());
    };
  }

  /** "server-1" mostly, sometimes another id, so that the facts do not match the reference. */
  private static String sourceId(RandomnessSource in, String kind) {
    return kind + (bool(in, 6, 1) ? "-1" : "-2");
  }

  /** The sources each type of image is made from. */
  private static final Map<ImageType, List<String>> SOURCE_KINDS = new EnumMap<>(Map.of(
      ImageType.SYSTEM_DISK, List.of("server", "file"),
      ImageType.DATA_DISK, List.of("disk", "file"),
      ImageType.FULL_SERVER, List.of("server", "backup"),
      ImageType.ISO, List.of("file")));

  /**
   * A spec of any type from any kind of source; half the time a type and a source that fit,
   * and for a public image mostly a system disk imported from a file with its OS.
   */
  static ImageSpec spec(RandomnessSource in, boolean register) {
    boolean fitting = bool(in, 1, 1);
    ImageType type = register && bool(in, 3, 1)
        ? ImageType.SYSTEM_DISK : enumValues(ImageType.class).generate(in);
    String sourceKind = register && fitting ? "file"
        : fitting ? pick(SOURCE_KINDS.get(type)).generate(in)
        : pick(List.of("server", "disk", "backup", "file")).generate(in);
    SourceRef source = switch (sourceKind) {
      case "server" -> SourceRef.server(ServerId.of("server-1"));
      case "disk" -> SourceRef.disk(DiskId.of("disk-1"));
      case "backup" -> SourceRef.backup(BackupId.of("backup-1"));
      default -> SourceRef.file(FileId.of("file-1"));
    };
    ImageSpec.Builder spec = ImageSpec.builder()
        .name(pick(List.of("new image", "新镜像", "a.b-c_d")).generate(in))
        .type(type)
        .source(source)
        .minRamMib(range(0, 8192).generate(in))
        .serverKinds(bool(in, 1, 1) ? Set.of() : serverKinds(in))
        .tags(tags(in, 12));
    if (fitting ? type != ImageType.DATA_DISK : bool(in, 2, 1)) {
      spec.os(os(in));
    }
    spec.minDiskGib(bool(in, 1, 1)
        ? OptionalInt.empty() : OptionalInt.of(range(1, 300).generate(in)));
    if (bool(in, 1, 4)) {
      spec.encryptionKey(KeyId.of("key-spec"));
    }
    return spec.build();
  }

  static MachineFacts machine(RandomnessSource in) {
    MachineFacts.Builder machine = MachineFacts.builder()
        .kind(enumValues(ServerKind.class).generate(in))
        .os(os(in))
        .ramMib(range(512, 65536).generate(in))
        .addDisks(DiskSpec.of(DiskRole.SYSTEM, range(1, 300).generate(in)));
    int data = range(0, 2).generate(in);
    for (int i = 0; i < data; i++) {
      machine.addDisks(DiskSpec.of(DiskRole.DATA, range(1, 1000).generate(in)));
    }
    if (bool(in, 1, 3)) {
      machine.encryptionKey(KeyId.of("key-machine"));
    }
    return machine.build();
  }

  // -------------------------------------------------------------------------------- helpers

  /** {@code true} with odds {@code yes : no}. */
  static boolean bool(RandomnessSource in, int yes, int no) {
    return range(1, yes + no).generate(in) <= yes;
  }

  /** The first generator with weight {@code first}, the second with weight {@code second}. */
  public static <T> Gen<T> weighted(int first, Gen<T> a, int second, Gen<T> b) {
    return frequency(List.of(Pair.of(first, a), Pair.of(second, b)));
  }

  static String describe(TenantInfo tenant) {
    return tenant.id() + "@" + tenant.region() + (tenant.isActive() ? "" : " SUSPENDED")
        + (tenant.seller() ? " seller" : "");
  }

  static String describe(ImageRecord image) {
    return image.imageClass() + " " + image.type() + " from " + image.source() + ", "
        + image.status() + " in " + image.region()
        + image.owner().map(owner -> ", owner " + owner).orElse("")
        + (image.isEncrypted() ? ", encrypted" : "")
        + (image.deletionProtected() ? ", protected" : "")
        + image.deprecation().map(schedule -> ", " + schedule).orElse("")
        + image.listing().map(listing -> ", listed " + listing.price()
            .map(Price::toString).orElse("free")).orElse("")
        + (image.members().isEmpty() ? "" : ", members " + image.members().values().stream()
            .map(member -> member.tenant() + " " + member.status())
            .collect(Collectors.joining(", ", "[", "]")))
        + ", min " + image.minDiskGib() + " GiB/" + image.minRamMib() + " MiB, "
        + image.sizeBytes() + " bytes, kinds " + image.serverKinds() + ", tags "
        + image.tags().size() + ", v" + image.version();
  }
}
