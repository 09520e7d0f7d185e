package dev.imago.testkit;

import dev.imago.core.Caller;
import dev.imago.core.ImageService;
import dev.imago.core.Imago;
import dev.imago.core.policy.PolicySettings;
import dev.imago.spi.BackupFacts;
import dev.imago.spi.BackupId;
import dev.imago.spi.DiskFacts;
import dev.imago.spi.DiskId;
import dev.imago.spi.DiskRole;
import dev.imago.spi.DiskSpec;
import dev.imago.spi.FileFacts;
import dev.imago.spi.FileFormat;
import dev.imago.spi.FileId;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageStore;
import dev.imago.spi.ImageType;
import dev.imago.spi.KeyId;
import dev.imago.spi.MachineFacts;
import dev.imago.spi.OsType;
import dev.imago.spi.Platform;
import dev.imago.spi.RegionId;
import dev.imago.spi.ServerFacts;
import dev.imago.spi.ServerId;
import dev.imago.spi.ServerKind;
import dev.imago.spi.SourceDirectory;
import dev.imago.spi.TenantDirectory;
import dev.imago.spi.TenantId;
import dev.imago.spi.TenantInfo;
import dev.imago.spi.TenantStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The fixed world of the stateful contracts: six tenants in two regions (one of them suspended,
 * one account with a project in each region), the servers, backups, disks and files each tenant
 * owns, the operator's files for public images, and limits small enough to be reached by a short
 * sequence of commands. The service under test and the reference model read the same facts.
 */
final class ServiceWorld {
  static final RegionId NORTH = Samples.REGION;
  static final RegionId EAST = Samples.OTHER_REGION;
  static final List<RegionId> REGIONS = List.of(NORTH, EAST);

  /** A registered seller in the north; its account also has {@link #ALICE_EAST}. */
  static final TenantId ALICE = Samples.ALICE;
  static final TenantId BOB = Samples.BOB;
  static final TenantId ERIN = TenantId.of("erin");
  /** Suspended: it still acts, but receives no shares (rule SHARE_RECIPIENT). */
  static final TenantId DAVE = TenantId.of("dave");
  static final TenantId CAROL = Samples.CAROL;
  static final TenantId ALICE_EAST = TenantId.of("alice-east");
  /** Named as a recipient, but no tenant of the directory. */
  static final TenantId GHOST = TenantId.of("ghost");

  static final long GIB = 1L << 30;
  static final Instant T0 = Samples.T0;

  /** Limits a short sequence reaches: quota 3, two members (one for data-disk images)... */
  static final PolicySettings SETTINGS = PolicySettings.builder()
      .maxPrivateImagesPerRegion(3)
      .defaultMaxMembers(2)
      .putMaxMembersByType(ImageType.DATA_DISK, 1)
      .maxTags(2)
      .maxImportBytes(50 * GIB)
      .maxFastImportBytes(200 * GIB)
      .maxReplicationBytes(100 * GIB)
      .build();

  private static final Map<TenantId, TenantInfo> TENANTS = new LinkedHashMap<>();
  private static final Map<TenantId, String> ACCOUNTS = Map.of(ALICE, "acme", ALICE_EAST, "acme");
  private static final Map<ServerId, ServerFacts> SERVERS = new LinkedHashMap<>();
  private static final Map<BackupId, BackupFacts> BACKUPS = new LinkedHashMap<>();
  private static final Map<DiskId, DiskFacts> DISKS = new LinkedHashMap<>();
  private static final Map<FileId, FileFacts> FILES = new LinkedHashMap<>();
  /** The owner of the operator's files: not a tenant. */
  private static final TenantId PLATFORM = TenantId.of("platform");
  /** The pattern of each tenant id as a whole word, see {@link #names}. */
  private static final Map<TenantId, Pattern> NAMED = new ConcurrentHashMap<>();

  static {
    // Machines differ in what matters to the rules: kind, data disks, encryption, size.
    tenant(ALICE, NORTH, TenantStatus.ACTIVE, true, machine(ServerKind.ECS, null, 40, 100));
    tenant(BOB, NORTH, TenantStatus.ACTIVE, false, machine(ServerKind.BMS, "kms-bob", 50));
    tenant(ERIN, NORTH, TenantStatus.ACTIVE, false, machine(ServerKind.ECS, null, 40, 20));
    tenant(DAVE, NORTH, TenantStatus.SUSPENDED, false, machine(ServerKind.ECS, null, 40));
    tenant(CAROL, EAST, TenantStatus.ACTIVE, false, machine(ServerKind.ECS, null, 40, 50));
    tenant(ALICE_EAST, EAST, TenantStatus.ACTIVE, false, machine(ServerKind.ECS, null, 40));
    file(PLATFORM, NORTH, "gold-north", FileFormat.QCOW2, 10 * GIB);
    file(PLATFORM, EAST, "gold-east", FileFormat.QCOW2, 10 * GIB);
    file(PLATFORM, NORTH, "gold-iso", FileFormat.ISO, 4 * GIB);
  }

  private ServiceWorld() {}

  /** The tenants of the directory, in a fixed order. */
  static List<TenantId> tenants() {
    return List.copyOf(TENANTS.keySet());
  }

  /** Every caller whose view is compared after each step: the tenants and the operator. */
  static List<Caller> observers() {
    List<Caller> observers = new ArrayList<>();
    TENANTS.keySet().forEach(tenant -> observers.add(Caller.tenant(tenant)));
    observers.add(Caller.operator());
    return observers;
  }

  static Optional<TenantInfo> tenant(TenantId id) {
    return Optional.ofNullable(TENANTS.get(id));
  }

  static RegionId regionOf(TenantId id) {
    return TENANTS.get(id).region();
  }

  /** The project of the tenant's account in a region: the owner of a replica made there. */
  static Optional<TenantInfo> projectIn(TenantId tenant, RegionId region) {
    TenantInfo known = TENANTS.get(tenant);
    if (known == null) {
      return Optional.empty();
    }
    return TENANTS.values().stream()
        .filter(other -> other.region().equals(region))
        .filter(other -> account(other.id()).equals(account(tenant)))
        .findFirst();
  }

  static Optional<ServerFacts> server(ServerId id) {
    return Optional.ofNullable(SERVERS.get(id));
  }

  static Optional<BackupFacts> backup(BackupId id) {
    return Optional.ofNullable(BACKUPS.get(id));
  }

  static Optional<DiskFacts> disk(DiskId id) {
    return Optional.ofNullable(DISKS.get(id));
  }

  static Optional<FileFacts> file(FileId id) {
    return Optional.ofNullable(FILES.get(id));
  }

  /** The ids of the operator's files, for public images. */
  static List<FileId> platformFiles() {
    return FILES.values().stream().filter(found -> found.owner().equals(PLATFORM))
        .map(FileFacts::id).toList();
  }

  /**
   * Builds a service over the store, with this world's directories and limits, the given clock,
   * and image ids img-1, img-2... in the order images are created.
   */
  static ImageService service(ImageStore store, Clock clock) {
    return service(store, clock, new PortFaults(), new AtomicLong());
  }

  /**
   * Builds a service as {@link #service(ImageStore, Clock)} does, whose ports fail when the
   * faults say so, and whose image ids count on the given counter.
   */
  static ImageService service(ImageStore store, Clock clock, PortFaults faults, AtomicLong ids) {
    return service(store, clock, faults, ids, SETTINGS);
  }

  /**
   * Builds a service as {@link #service(ImageStore, Clock, PortFaults, AtomicLong)} does, whose
   * tenants' deletes go to a recycle bin for the retention, if present.
   */
  static ImageService service(ImageStore store, Clock clock, PortFaults faults, AtomicLong ids,
      Optional<Duration> retention) {
    return service(store, clock, faults, ids,
        retention.map(SETTINGS::withRecycleRetention).orElse(SETTINGS));
  }

  /** Builds a service as {@link #service(ImageStore, Clock)} does, with other limits. */
  static ImageService service(ImageStore store, Clock clock, PolicySettings settings) {
    return service(store, clock, new PortFaults(), new AtomicLong(), settings);
  }

  private static ImageService service(ImageStore store, Clock clock, PortFaults faults,
      AtomicLong ids, PolicySettings settings) {
    return Imago.builder()
        .store(faults.around(store))
        .tenants(new FixedTenants(faults))
        .sources(new FixedSources(faults))
        .clock(clock)
        .idGenerator(() -> ImageId.of("img-" + ids.incrementAndGet()))
        .settings(settings)
        // Concurrent commands on one image retry until they pass; giving up would be a result
        // no sequential order explains.
        .maxAttempts(1000)
        .build();
  }

  /** Every tenant id of this world, the unknown one included. */
  static List<TenantId> knownIds() {
    List<TenantId> known = new ArrayList<>(TENANTS.keySet());
    known.add(GHOST);
    return known;
  }

  /** Whether a text names a tenant: its id as a whole word, not inside another id. */
  static boolean names(String text, TenantId tenant) {
    // Most texts do not hold the id at all; each pattern is compiled once.
    return text.contains(tenant.value())
        && NAMED.computeIfAbsent(tenant, ServiceWorld::named).matcher(text).find();
  }

  private static Pattern named(TenantId tenant) {
    return Pattern.compile("(?<![A-Za-z0-9._-])" + Pattern.quote(tenant.value())
        + "(?![A-Za-z0-9._-])");
  }

  private static String account(TenantId tenant) {
    return ACCOUNTS.getOrDefault(tenant, tenant.value());
  }

  private static void tenant(TenantId id, RegionId region, TenantStatus status, boolean seller,
      MachineFacts machine) {
    TENANTS.put(id, TenantInfo.builder().id(id).region(region).status(status).seller(seller)
        .build());
    ServerId server = ServerId.of("srv-" + id);
    SERVERS.put(server, ServerFacts.builder().id(server).owner(id).region(region)
        .machine(machine).build());
    BackupId backup = BackupId.of("cbr-" + id);
    BACKUPS.put(backup, BackupFacts.builder().id(backup).owner(id).region(region)
        .machine(machine).build());
    DiskId data = DiskId.of("evs-" + id);
    DISKS.put(data, DiskFacts.builder().id(data).owner(id).region(region)
        .spec(DiskSpec.of(DiskRole.DATA, 30)).build());
    DiskId system = DiskId.of("sys-" + id);
    DISKS.put(system, DiskFacts.builder().id(system).owner(id).region(region)
        .spec(DiskSpec.of(DiskRole.SYSTEM, 40)).build());
    file(id, region, "qcow-" + id, FileFormat.QCOW2, 3 * GIB);
    file(id, region, "iso-" + id, FileFormat.ISO, 5 * GIB);
    // Above the import limit, and above the replication limit though fast import takes it.
    file(id, region, "vhd-" + id, FileFormat.VHD, 60 * GIB);
    file(id, region, "zvhd2-" + id, FileFormat.ZVHD2, 120 * GIB);
  }

  private static void file(TenantId owner, RegionId region, String id, FileFormat format,
      long sizeBytes) {
    FileId file = FileId.of(id);
    FILES.put(file, FileFacts.builder().id(file).owner(owner).region(region).format(format)
        .sizeBytes(sizeBytes).build());
  }

  private static MachineFacts machine(ServerKind kind, String key, int systemGib,
      int... dataGib) {
    MachineFacts.Builder machine = MachineFacts.builder()
        .kind(kind)
        .os(Samples.os(OsType.LINUX, Platform.UBUNTU))
        .ramMib(4096)
        .addDisks(DiskSpec.of(DiskRole.SYSTEM, systemGib))
        .encryptionKey(Optional.ofNullable(key).map(KeyId::of));
    for (int size : dataGib) {
      machine.addDisks(DiskSpec.of(DiskRole.DATA, size));
    }
    return machine.build();
  }

  /** The tenant directory of this world, backed by its map. */
  private static final class FixedTenants implements TenantDirectory {
    private final PortFaults faults;

    FixedTenants(PortFaults faults) {
      this.faults = faults;
    }

    @Override
    public Optional<TenantInfo> find(TenantId id) {
      faults.pass("TenantDirectory.find");
      return tenant(id);
    }

    @Override
    public Optional<TenantInfo> findProjectIn(TenantId tenant, RegionId region) {
      faults.pass("TenantDirectory.findProjectIn");
      return projectIn(tenant, region);
    }
  }

  /** The source directory of this world, backed by its maps. */
  private static final class FixedSources implements SourceDirectory {
    private final PortFaults faults;

    FixedSources(PortFaults faults) {
      this.faults = faults;
    }

    @Override
    public Optional<ServerFacts> findServer(ServerId id) {
      faults.pass("SourceDirectory.findServer");
      return server(id);
    }

    @Override
    public Optional<DiskFacts> findDisk(DiskId id) {
      faults.pass("SourceDirectory.findDisk");
      return disk(id);
    }

    @Override
    public Optional<BackupFacts> findBackup(BackupId id) {
      faults.pass("SourceDirectory.findBackup");
      return backup(id);
    }

    @Override
    public Optional<FileFacts> findFile(FileId id) {
      faults.pass("SourceDirectory.findFile");
      return file(id);
    }
  }

  /** A clock the runner moves: every command of a sequence happens at a known instant. */
  static final class SteppingClock extends Clock {
    private volatile Instant now = T0;

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
