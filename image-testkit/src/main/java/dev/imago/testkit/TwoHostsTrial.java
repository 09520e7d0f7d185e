package dev.imago.testkit;

import static dev.imago.testkit.ServiceWorld.ALICE;
import static dev.imago.testkit.ServiceWorld.ALICE_EAST;
import static dev.imago.testkit.ServiceWorld.BOB;
import static dev.imago.testkit.ServiceWorld.ERIN;
import static dev.imago.testkit.ServiceWorld.NORTH;

import dev.imago.core.Caller;
import dev.imago.core.ImageNotFoundException;
import dev.imago.core.ImagePolicyException;
import dev.imago.core.ImageService;
import dev.imago.core.Imago;
import dev.imago.core.ShareResult;
import dev.imago.core.policy.ImageSpec;
import dev.imago.core.policy.SourceRef;
import dev.imago.spi.BackupFacts;
import dev.imago.spi.BackupId;
import dev.imago.spi.DiskFacts;
import dev.imago.spi.DiskId;
import dev.imago.spi.EventType;
import dev.imago.spi.FileFacts;
import dev.imago.spi.FileId;
import dev.imago.spi.ImageEvent;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageFilter;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.ImageStore;
import dev.imago.spi.ImageType;
import dev.imago.spi.ImagoException;
import dev.imago.spi.MembershipStatus;
import dev.imago.spi.RegionId;
import dev.imago.spi.RuleCode;
import dev.imago.spi.ServerFacts;
import dev.imago.spi.ServerId;
import dev.imago.spi.SourceDirectory;
import dev.imago.spi.StoredEvent;
import dev.imago.spi.TenantDirectory;
import dev.imago.spi.TenantId;
import dev.imago.spi.TenantInfo;
import dev.imago.spi.Visibility;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Two hosts, each with its own {@link ImageService}, over one store at once: the check that a
 * store keeps the rules that span records (the quota, the member limit) and the event log's
 * order without any lock inside one process. Run it on a store shared by two processes (the
 * PostgreSQL store's test starts a second JVM) or by two services in one (the memory store's).
 *
 * <p>Each host runs the same kind of mix, from its own seed: alice creates private images in the
 * north (quota 3 per region) while her east project replicates its image to the north, which
 * counts in the same quota; alice deletes any of her images, so deletes race too; she shares her data-disk
 * image (member limit 1) with bob or erin, who accept, and she revokes them. Every command of a
 * host happens at an instant of its own, which its events carry.
 *
 * <p>{@link #check} then reads the store and its event log and fails unless: the sequence numbers
 * are 1 to n without a gap; each save's events (one image, one instant) are contiguous; every
 * event belongs to one command of one host (or the set-up); replaying the log never passes the
 * quota or the member limit, and ends in the state the store holds (the owned count, every
 * image's status, the members); and every command's result is explained by the log: a success by
 * exactly the events it implies, a refusal or a failure by none.
 *
 * <p>For a host in another process: {@link #setUp} once, then {@link #runHost} in each host,
 * whose lines ({@link Result#toLine()}) the test collects, then {@link #check}. In one process,
 * {@link #run} does all of it.
 */
public final class TwoHostsTrial {
  /** The commands each host runs by default. */
  public static final int DEFAULT_ROUNDS = 80;
  /** The set-up's image shared by both hosts: alice's data-disk image, one member at most. */
  public static final ImageId SHARED = ImageId.of("shared-disk");
  /** The image alice's east project replicates to the north. */
  public static final ImageId EAST_SOURCE = ImageId.of("east-source");

  private static final int QUOTA = ServiceWorld.SETTINGS.maxPrivateImagesPerRegion();
  private static final int MEMBER_LIMIT = 1;
  private static final Instant SET_UP_AT = ServiceWorld.T0;
  private static final long TIMEOUT_SECONDS = 120;

  private TwoHostsTrial() {}

  /** What one command of a host did, at its own instant. */
  public record Result(Instant at, String command, String outcome) {
    /**
     * Returns the result as one line of text, to pass between processes.
     *
     * @return the line
     */
    public String toLine() {
      return at.getEpochSecond() + "\t" + at.getNano() + "\t" + command + "\t" + outcome;
    }

    /**
     * Reads a line of {@link #toLine()}.
     *
     * @param line the line
     * @return the result
     * @throws IllegalArgumentException if the line is not one
     */
    public static Result parse(String line) {
      String[] parts = line.split("\t", -1);
      if (parts.length != 4) {
        throw new IllegalArgumentException("not a result line: " + line);
      }
      return new Result(Instant.ofEpochSecond(Long.parseLong(parts[0]),
          Long.parseLong(parts[1])), parts[2], parts[3]);
    }

    boolean succeeded() {
      return outcome.startsWith("ok");
    }
  }

  /**
   * Creates the images both hosts work on: {@link #SHARED}, ACTIVE, and {@link #EAST_SOURCE},
   * ACTIVE. Call it once, on an empty store, before the hosts start.
   *
   * @param store the store
   */
  public static void setUp(ImageStore store) {
    MovableClock clock = new MovableClock();
    clock.set(SET_UP_AT);
    Iterator<ImageId> named = List.of(SHARED, EAST_SOURCE).iterator();
    ImageService setUp = service(store, clock, named::next);
    ImageRecord shared = setUp.createImage(Caller.tenant(ALICE), ImageSpec.builder()
        .name("data").type(ImageType.DATA_DISK)
        .source(SourceRef.disk(DiskId.of("evs-" + ALICE))).build());
    setUp.reportProgress(shared.id(), ImageStatus.ACTIVE);
    ImageRecord source = setUp.createImage(Caller.tenant(ALICE_EAST), ImageSpec.builder()
        .name("web").type(ImageType.SYSTEM_DISK)
        .source(SourceRef.server(ServerId.of("srv-" + ALICE_EAST))).build());
    setUp.reportProgress(source.id(), ImageStatus.ACTIVE);
  }

  /**
   * Runs one host's commands through a service of its own over the store.
   *
   * @param store the store, shared with the other host
   * @param host 0 or 1
   * @param seed the seed of the mix, the same for both hosts of a trial
   * @param rounds how many commands
   * @return what each command did, in order
   */
  public static List<Result> runHost(ImageStore store, int host, long seed, int rounds) {
    if (host != 0 && host != 1) {
      throw new IllegalArgumentException("host must be 0 or 1: " + host);
    }
    MovableClock clock = new MovableClock();
    AtomicLong ids = new AtomicLong();
    ImageService service = service(store, clock,
        () -> ImageId.of("h" + host + "-" + ids.incrementAndGet()));
    Random random = new Random(seed * 31 + host);
    List<Result> results = new ArrayList<>();
    List<ImageId> alive;
    for (int round = 0; round < rounds; round++) {
      Instant at = instant(host, round);
      clock.set(at);
      int pick = random.nextInt(100);
      TenantId member = random.nextBoolean() ? BOB : ERIN;
      Result result;
      if (pick < 25) {
        result = run(at, "create", () -> {
          ImageRecord created = service.createImage(Caller.tenant(ALICE), ImageSpec.builder()
              .name("web").type(ImageType.SYSTEM_DISK)
              .source(SourceRef.server(ServerId.of("srv-" + ALICE))).build());
          return "ok " + created.id();
        });
      } else if (pick < 35) {
        result = run(at, "replicate", () -> {
          ImageRecord replica = service.replicate(Caller.tenant(ALICE_EAST), EAST_SOURCE, NORTH);
          return "ok " + replica.id();
        });
      } else if (pick < 50 && !(alive = deletable(service)).isEmpty()) {
        // Any of alice's images, the other host's too: deletes race as well.
        ImageId doomed = alive.get(random.nextInt(alive.size()));
        result = run(at, "delete " + doomed, () -> {
          service.delete(Caller.tenant(ALICE), doomed);
          return "ok";
        });
      } else if (pick < 70) {
        result = run(at, "share " + member, () -> {
          ShareResult shared = service.share(Caller.tenant(ALICE), SHARED, List.of(member));
          return "ok " + shared.added().stream().map(TenantId::value).sorted().toList();
        });
      } else if (pick < 85) {
        result = run(at, "accept " + member, () -> {
          service.accept(Caller.tenant(member), SHARED);
          return "ok";
        });
      } else {
        result = run(at, "revoke " + member, () -> {
          service.revoke(Caller.tenant(ALICE), SHARED, member);
          return "ok";
        });
      }
      results.add(result);
    }
    return results;
  }

  private static List<ImageId> deletable(ImageService service) {
    return service.listVisible(Caller.tenant(ALICE), ImageFilter.builder()
            .include(Set.of(Visibility.OWN)).pageSize(20).build())
        .items().stream().map(ImageRecord::id).filter(id -> !id.equals(SHARED)).toList();
  }

  /**
   * Runs a whole trial in this process: the set-up, then two hosts at once in two threads, each
   * with its own service over its store, then the check.
   *
   * @param first the first host's store
   * @param second the second host's store, the same store or another view of the same data
   * @param seed the seed
   * @param rounds the commands of each host
   * @throws AssertionError if the store broke a rule or lost an effect
   */
  public static void run(ImageStore first, ImageStore second, long seed, int rounds) {
    setUp(first);
    CyclicBarrier start = new CyclicBarrier(2);
    List<CompletableFuture<List<Result>>> hosts = new ArrayList<>();
    List<ImageStore> stores = List.of(first, second);
    for (int host = 0; host < 2; host++) {
      int index = host;
      hosts.add(CompletableFuture.supplyAsync(() -> {
        try {
          start.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new IllegalStateException("the other host did not start", e);
        }
        return runHost(stores.get(index), index, seed, rounds);
      }));
    }
    List<List<Result>> results = new ArrayList<>();
    for (CompletableFuture<List<Result>> host : hosts) {
      try {
        results.add(host.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
      } catch (InterruptedException | ExecutionException | TimeoutException e) {
        throw new AssertionError("a host did not finish: " + e, e);
      }
    }
    check(first, results);
  }

  /**
   * Checks the store after both hosts ran, against the event log and the hosts' results.
   *
   * @param store the store
   * @param hosts the results of host 0 and host 1, in their order
   * @throws AssertionError naming the first rule or effect that does not hold
   */
  public static void check(ImageStore store, List<List<Result>> hosts) {
    List<StoredEvent> log = store.events(0, Integer.MAX_VALUE);
    for (int i = 0; i < log.size(); i++) {
      require(log.get(i).sequence() == i + 1, "the event log is numbered 1 to n without gaps,"
          + " but place " + (i + 1) + " holds number " + log.get(i).sequence());
    }
    // One save: the events of one image at one instant; they must be contiguous.
    Map<String, Integer> lastOfSave = new HashMap<>();
    for (int i = 0; i < log.size(); i++) {
      ImageEvent event = log.get(i).event();
      String save = event.image() + "@" + event.occurredAt();
      Integer last = lastOfSave.put(save, i);
      require(last == null || last == i - 1, "the events of one save are not contiguous: "
          + save + " at numbers " + (last == null ? 0 : last + 1) + " and " + (i + 1));
    }
    Map<Instant, Result> commands = new HashMap<>();
    for (List<Result> host : hosts) {
      for (Result result : host) {
        require(commands.put(result.at(), result) == null, "two commands at " + result.at());
      }
    }
    Map<Instant, List<ImageEvent>> byCommand = new LinkedHashMap<>();
    for (StoredEvent stored : log) {
      Instant at = stored.event().occurredAt();
      require(at.equals(SET_UP_AT) || commands.containsKey(at),
          "event " + stored.sequence() + " belongs to no command: " + stored.event());
      byCommand.computeIfAbsent(at, key -> new ArrayList<>()).add(stored.event());
    }
    replay(store, log);
    for (Result result : commands.values()) {
      explain(result, byCommand.getOrDefault(result.at(), List.of()));
    }
  }

  /** Replays the log: the limits hold at every step, and it ends in the stored state. */
  private static void replay(ImageStore store, List<StoredEvent> log) {
    Map<ImageId, ImageRecord> stored = new HashMap<>();
    Map<ImageId, Boolean> alive = new HashMap<>();
    Map<TenantId, MembershipStatus> members = new LinkedHashMap<>();
    long owned = 0;
    long mostOwned = 0;
    for (StoredEvent entry : log) {
      ImageEvent event = entry.event();
      ImageRecord image = stored.computeIfAbsent(event.image(), id -> store.load(id)
          .orElseThrow(() -> new AssertionError("event " + entry.sequence()
              + " names an image the store does not hold: " + id)));
      boolean aliceNorth = image.isOwnedBy(ALICE) && image.region().equals(NORTH);
      if (event.type() == EventType.CREATED) {
        require(alive.put(image.id(), true) == null, "two CREATED events for " + image.id());
        if (aliceNorth) {
          owned++;
        }
      } else if (event.type() == EventType.DELETED) {
        require(Boolean.TRUE.equals(alive.put(image.id(), false)),
            "a DELETED event for an image not alive: " + image.id());
        if (aliceNorth) {
          owned--;
        }
      } else if (image.id().equals(SHARED) && event.member().isPresent()) {
        TenantId member = event.member().get();
        switch (event.type()) {
          case MEMBER_ADDED -> require(members.put(member, MembershipStatus.PENDING) == null,
              "event " + entry.sequence() + " adds " + member + ", a member already");
          case MEMBER_ACCEPTED -> members.put(member, MembershipStatus.ACCEPTED);
          case MEMBER_REJECTED -> members.put(member, MembershipStatus.REJECTED);
          case MEMBER_REMOVED -> require(members.remove(member) != null,
              "event " + entry.sequence() + " removes " + member + ", not a member");
          default -> { }
        }
        require(members.size() <= MEMBER_LIMIT, "the member limit " + MEMBER_LIMIT
            + " was passed at event " + entry.sequence() + ": " + members);
      }
      mostOwned = Math.max(mostOwned, owned);
      require(owned <= QUOTA, "the quota of " + QUOTA + " was passed at event "
          + entry.sequence() + ": alice owned " + owned + " images in the north");
    }
    require(store.countOwned(ALICE, NORTH) == owned, "countOwned is "
        + store.countOwned(ALICE, NORTH) + " but the log leaves " + owned + " images");
    for (Map.Entry<ImageId, Boolean> image : alive.entrySet()) {
      ImageStatus status = store.load(image.getKey()).orElseThrow().status();
      require(image.getValue() == (status != ImageStatus.DELETED),
          "image " + image.getKey() + " is " + status + " but the log says "
              + (image.getValue() ? "alive" : "deleted"));
    }
    Map<TenantId, MembershipStatus> final0 = new LinkedHashMap<>();
    store.load(SHARED).orElseThrow().members()
        .forEach((tenant, membership) -> final0.put(tenant, membership.status()));
    require(final0.equals(members), "the shared image's members are " + final0
        + " but the log leaves " + members);
    require(mostOwned <= QUOTA, "the quota was passed");
  }

  /** A command's result is explained by the events at its instant. */
  private static void explain(Result result, List<ImageEvent> events) {
    Set<String> types = new TreeSet<>();
    events.forEach(event -> types.add(event.type() + (event.member().isPresent()
        ? " " + event.member().get() : "") + " " + event.image()));
    String seen = result + " left " + types;
    if (!result.succeeded()) {
      require(events.isEmpty(), "a refused or failed command left events: " + seen);
      return;
    }
    String command = result.command();
    String detail = result.outcome().length() > 3 ? result.outcome().substring(3) : "";
    if (command.equals("create")) {
      require(types.contains("CREATED " + detail), "a create left no CREATED event: " + seen);
    } else if (command.equals("replicate")) {
      require(types.contains("CREATED " + detail),
          "a replication left no CREATED event of its replica: " + seen);
    } else if (command.startsWith("delete ")) {
      require(types.contains("DELETED " + command.substring(7)),
          "a delete left no DELETED event: " + seen);
    } else if (command.startsWith("share ")) {
      String member = command.substring(6);
      boolean added = detail.equals("[" + member + "]");
      require(added == types.contains("MEMBER_ADDED " + member + " " + SHARED)
          && events.size() == (added ? 1 : 0), "a share's result disagrees with the log: " + seen);
    } else if (command.startsWith("accept ")) {
      // Accepting again what is accepted already writes nothing (main's no-op answers).
      require(types.isEmpty()
          || types.equals(Set.of("MEMBER_ACCEPTED " + command.substring(7) + " " + SHARED)),
          "an accept left other events than MEMBER_ACCEPTED: " + seen);
    } else if (command.startsWith("revoke ")) {
      require(types.equals(Set.of("MEMBER_REMOVED " + command.substring(7) + " " + SHARED)),
          "a revoke left other events than MEMBER_REMOVED: " + seen);
    } else {
      throw new AssertionError("unknown command " + seen);
    }
  }

  private static Result run(Instant at, String command, Supplier<String> body) {
    try {
      return new Result(at, command, body.get());
    } catch (ImagePolicyException denied) {
      return new Result(at, command, "denied " + new TreeSet<>(denied.decision().codes()
          .stream().map(RuleCode::value).toList()));
    } catch (ImageNotFoundException notFound) {
      return new Result(at, command, "not found");
    } catch (ImagoException failed) {
      return new Result(at, command, "failed " + failed.getClass().getSimpleName());
    }
  }

  // Apart by a microsecond, and the hosts a day apart, so that an instant names one command.
  private static Instant instant(int host, int round) {
    return SET_UP_AT.plusSeconds(86_400L * (host + 1)).plusNanos(1_000L * (round + 1));
  }

  private static void require(boolean holds, String problem) {
    if (!holds) {
      throw new AssertionError(problem);
    }
  }

  private static ImageService service(ImageStore store, Clock clock, Supplier<ImageId> ids) {
    return Imago.builder()
        .store(store)
        .tenants(new Tenants())
        .sources(new Sources())
        .clock(clock)
        // Each host names its images apart, as hosts with random ids would.
        .idGenerator(ids)
        .settings(ServiceWorld.SETTINGS)
        .maxAttempts(1000)
        .build();
  }

  /** The world's tenants. */
  private static final class Tenants implements TenantDirectory {
    @Override
    public Optional<TenantInfo> find(TenantId id) {
      return ServiceWorld.tenant(id);
    }

    @Override
    public Optional<TenantInfo> findProjectIn(TenantId tenant, RegionId region) {
      return ServiceWorld.projectIn(tenant, region);
    }
  }

  /** The world's servers, disks, backups and files. */
  private static final class Sources implements SourceDirectory {
    @Override
    public Optional<ServerFacts> findServer(ServerId id) {
      return ServiceWorld.server(id);
    }

    @Override
    public Optional<DiskFacts> findDisk(DiskId id) {
      return ServiceWorld.disk(id);
    }

    @Override
    public Optional<BackupFacts> findBackup(BackupId id) {
      return ServiceWorld.backup(id);
    }

    @Override
    public Optional<FileFacts> findFile(FileId id) {
      return ServiceWorld.file(id);
    }
  }

  /** A clock each host sets before each command. */
  private static final class MovableClock extends Clock {
    private volatile Instant now = SET_UP_AT;

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
