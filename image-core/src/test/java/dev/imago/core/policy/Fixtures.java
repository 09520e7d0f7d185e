package dev.imago.core.policy;

import dev.imago.core.Caller;
import dev.imago.spi.Architecture;
import dev.imago.spi.BackupFacts;
import dev.imago.spi.BackupId;
import dev.imago.spi.BootMode;
import dev.imago.spi.DiskFacts;
import dev.imago.spi.DiskId;
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
import dev.imago.spi.ServerFacts;
import dev.imago.spi.ServerId;
import dev.imago.spi.ServerKind;
import dev.imago.spi.TenantId;
import dev.imago.spi.TenantInfo;
import dev.imago.spi.TenantStatus;
import dev.imago.spi.VaultId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small world for policy tests: tenants in two regions, a server, disks, a backup and files
 * owned by {@link #OWNER}, and images in the states the rules care about. Tests derive the
 * neighbours they need with the {@code with...} methods of {@link ImageRecord}.
 */
public final class Fixtures {
  public static final RegionId REGION = RegionId.of("cn-north-4");
  public static final RegionId OTHER_REGION = RegionId.of("ap-southeast-1");
  public static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
  public static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  public static final TenantId OWNER = TenantId.of("owner");
  public static final TenantId FRIEND = TenantId.of("friend");
  public static final TenantId STRANGER = TenantId.of("stranger");
  public static final TenantId FAR_AWAY = TenantId.of("far-away");
  public static final TenantId FROZEN = TenantId.of("frozen");
  public static final TenantId OWNER_ABROAD = TenantId.of("owner-abroad");

  public static final TenantInfo OWNER_INFO = tenant(OWNER, REGION);
  public static final TenantInfo FRIEND_INFO = tenant(FRIEND, REGION);
  public static final TenantInfo STRANGER_INFO = tenant(STRANGER, REGION);
  public static final TenantInfo FAR_AWAY_INFO = tenant(FAR_AWAY, OTHER_REGION);
  public static final TenantInfo FROZEN_INFO = TenantInfo.builder()
      .id(FROZEN).region(REGION).status(TenantStatus.SUSPENDED).build();
  public static final TenantInfo OWNER_ABROAD_INFO = tenant(OWNER_ABROAD, OTHER_REGION);

  public static final OsFacts UBUNTU = OsFacts.builder()
      .osType(OsType.LINUX).platform(Platform.UBUNTU).osVersion("22.04")
      .architecture(Architecture.X86_64).bootMode(BootMode.UEFI).build();

  public static final MachineFacts MACHINE = MachineFacts.builder()
      .kind(ServerKind.ECS).os(UBUNTU).ramMib(4096)
      .addDisks(DiskSpec.of(DiskRole.SYSTEM, 40), DiskSpec.of(DiskRole.DATA, 100))
      .build();
  public static final ServerFacts SERVER = ServerFacts.builder()
      .id(ServerId.of("server-1")).owner(OWNER).region(REGION).machine(MACHINE).build();
  public static final BackupFacts BACKUP = BackupFacts.builder()
      .id(BackupId.of("backup-1")).owner(OWNER).region(REGION).machine(MACHINE).build();
  public static final DiskFacts DATA_DISK = DiskFacts.builder()
      .id(DiskId.of("disk-1")).owner(OWNER).region(REGION)
      .spec(DiskSpec.of(DiskRole.DATA, 100)).build();
  public static final FileFacts QCOW2_FILE = FileFacts.builder()
      .id(FileId.of("file-qcow2")).owner(OWNER).region(REGION)
      .format(FileFormat.QCOW2).sizeBytes(10L << 30).build();
  public static final FileFacts ISO_FILE = FileFacts.builder()
      .id(FileId.of("file-iso")).owner(OWNER).region(REGION)
      .format(FileFormat.ISO).sizeBytes(4L << 30).build();

  private Fixtures() {}

  public static TenantInfo tenant(TenantId id, RegionId region) {
    return TenantInfo.builder().id(id).region(region).build();
  }

  /** An ACTIVE, unencrypted, unshared SYSTEM_DISK image that OWNER made from its server. */
  public static ImageRecord systemDiskImage() {
    return ImageRecord.builder()
        .id(ImageId.of("image-1"))
        .name("web server")
        .imageClass(ImageClass.PRIVATE)
        .type(ImageType.SYSTEM_DISK)
        .source(ImageSource.SERVER)
        .status(ImageStatus.ACTIVE)
        .region(REGION)
        .owner(OWNER)
        .os(UBUNTU)
        .addDisks(DiskSpec.of(DiskRole.SYSTEM, 40))
        .minDiskGib(40)
        .minRamMib(1024)
        .sizeBytes(40L << 30)
        .addServerKinds(ServerKind.ECS)
        .createdAt(CREATED)
        .updatedAt(CREATED)
        .version(1)
        .build();
  }

  /** An ACTIVE FULL_SERVER image that OWNER made from a cloud backup, so it may be shared. */
  public static ImageRecord fullServerImageFromBackup() {
    return ImageRecord.builder()
        .from(systemDiskImage())
        .id(ImageId.of("image-full"))
        .type(ImageType.FULL_SERVER)
        .source(ImageSource.CLOUD_BACKUP)
        .backup(BACKUP.id())
        .disks(MACHINE.disks())
        .build();
  }

  /** An ACTIVE DATA_DISK image. */
  public static ImageRecord dataDiskImage() {
    return ImageRecord.builder()
        .from(systemDiskImage())
        .id(ImageId.of("image-data"))
        .type(ImageType.DATA_DISK)
        .source(ImageSource.DATA_DISK)
        .os(java.util.Optional.empty())
        .serverKinds(List.of())
        .minRamMib(0)
        .disks(List.of(DiskSpec.of(DiskRole.DATA, 100)))
        .minDiskGib(100)
        .build();
  }

  /** An ACTIVE PUBLIC image of {@link #REGION}. */
  public static ImageRecord publicImage() {
    return ImageRecord.builder()
        .from(systemDiskImage())
        .id(ImageId.of("image-public"))
        .imageClass(ImageClass.PUBLIC)
        .source(ImageSource.EXTERNAL_FILE)
        .owner(java.util.Optional.empty())
        .build();
  }

  /** The image shared with a member in the given status. */
  public static ImageRecord sharedWith(
      ImageRecord image, TenantId member, MembershipStatus status) {
    return image.withMembers(java.util.Map.of(member, Membership.builder()
        .tenant(member).status(status).createdAt(CREATED).updatedAt(CREATED).build()));
  }

  /** A context for a caller and an action, with every tenant of the world known. */
  public static Context.Builder context(Caller caller, Action action) {
    Context.Builder context = Context.builder()
        .caller(caller)
        .action(action)
        .now(NOW)
        .putTenants(OWNER, OWNER_INFO)
        .putTenants(FRIEND, FRIEND_INFO)
        .putTenants(STRANGER, STRANGER_INFO)
        .putTenants(FAR_AWAY, FAR_AWAY_INFO)
        .putTenants(FROZEN, FROZEN_INFO);
    caller.tenant().ifPresent(id -> context.callerTenant(
        List.of(OWNER_INFO, FRIEND_INFO, STRANGER_INFO, FAR_AWAY_INFO, FROZEN_INFO,
                OWNER_ABROAD_INFO).stream()
            .filter(info -> info.id().equals(id)).findFirst()));
    return context;
  }

  /** A context about an image. */
  public static Context.Builder context(
      Caller caller, Action action, ImageRecord image) {
    return context(caller, action).image(image);
  }

  public static Caller owner() {
    return Caller.tenant(OWNER);
  }

  public static Caller friend() {
    return Caller.tenant(FRIEND);
  }

  public static Caller stranger() {
    return Caller.tenant(STRANGER);
  }

  /** Evaluates with the standard engine. */
  public static Decision decide(Context.Builder context) {
    return PolicyEngine.standard().evaluate(context.build());
  }

  // Helpers for the rule tests (LifecycleRulesTest, ShareRulesTest, ...).

  public static final KeyId KEY = KeyId.of("key-1");
  public static final VaultId VAULT = VaultId.of("vault-1");
  /** The fee of the paid market image. */
  public static final Price IMAGE_PRICE = Price.of("0.10", "USD", PriceUnit.PER_HOUR);
  /** The fee of the server a market image runs on. */
  public static final Price SERVER_PRICE = Price.of("0.05", "USD", PriceUnit.PER_HOUR);

  /** The image published to the marketplace with the given listing. */
  public static ImageRecord listed(ImageRecord image, MarketListing listing) {
    return ImageRecord.builder().from(image)
        .imageClass(ImageClass.MARKET).listing(listing).build();
  }

  /** OWNER's system-disk image, listed in the marketplace at {@link #IMAGE_PRICE}. */
  public static ImageRecord paidMarketImage() {
    return listed(systemDiskImage(), MarketListing.paid(IMAGE_PRICE, CREATED));
  }

  /** OWNER's system-disk image, listed in the marketplace for free. */
  public static ImageRecord freeMarketImage() {
    return listed(systemDiskImage(), MarketListing.free(CREATED));
  }

  /** An ACTIVE ISO image that OWNER registered from {@link #ISO_FILE}. */
  public static ImageRecord isoImage() {
    return ImageRecord.builder()
        .from(systemDiskImage())
        .id(ImageId.of("image-iso"))
        .type(ImageType.ISO)
        .source(ImageSource.ISO_FILE)
        .disks(List.of())
        .minDiskGib(4)
        .minRamMib(0)
        .sizeBytes(ISO_FILE.sizeBytes())
        .build();
  }

  /** The n-th numbered tenant of {@link #REGION}, "member-001" and on. */
  public static TenantId member(int n) {
    return TenantId.of(String.format("member-%03d", n));
  }

  /** The image with ACCEPTED numbered members {@code member(1)} to {@code member(count)}. */
  public static ImageRecord withMembers(ImageRecord image, int count) {
    Map<TenantId, Membership> members = new LinkedHashMap<>();
    for (int n = 1; n <= count; n++) {
      members.put(member(n), Membership.builder().tenant(member(n))
          .status(MembershipStatus.ACCEPTED).createdAt(CREATED).updatedAt(CREATED).build());
    }
    return ImageRecord.builder().from(image).members(members).build();
  }

  /** Makes numbered tenants {@code member(1)} to {@code member(count)} known to the context. */
  public static Context.Builder knowingMembers(Context.Builder context, int count) {
    for (int n = 1; n <= count; n++) {
      context.putTenants(member(n), tenant(member(n), REGION));
    }
    return context;
  }

  /** The tenant, as a registered marketplace seller. */
  public static TenantInfo asSeller(TenantInfo tenant) {
    return TenantInfo.builder().from(tenant).seller(true).build();
  }

  /**
   * A request for an ECS server in {@link #REGION} with a 40 GiB disk and 1024 MiB of RAM: what
   * {@link #systemDiskImage()} asks for at least.
   */
  public static UseRequest.Builder serverRequest() {
    return UseRequest.builder().target(UseTarget.SERVER).region(REGION)
        .serverKind(ServerKind.ECS).diskGib(40).ramMib(1024);
  }

  /** A spec named "web server" for an image of the type made from the source. */
  public static ImageSpec.Builder spec(ImageType type, SourceRef source) {
    return ImageSpec.builder().name("web server").type(type).source(source);
  }
}
