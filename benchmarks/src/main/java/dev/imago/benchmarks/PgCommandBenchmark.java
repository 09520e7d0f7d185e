package dev.imago.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.imago.core.Caller;
import dev.imago.core.ImageService;
import dev.imago.core.Imago;
import dev.imago.core.policy.ImageSpec;
import dev.imago.core.policy.PolicySettings;
import dev.imago.core.policy.SourceRef;
import dev.imago.spi.DiskRole;
import dev.imago.spi.DiskSpec;
import dev.imago.spi.EventType;
import dev.imago.spi.ImageChange;
import dev.imago.spi.ImageEvent;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.ImageType;
import dev.imago.spi.MachineFacts;
import dev.imago.spi.ServerFacts;
import dev.imago.spi.ServerId;
import dev.imago.spi.ServerKind;
import dev.imago.spi.TenantId;
import dev.imago.spi.TenantInfo;
import dev.imago.store.jdbc.ImagoSchema;
import dev.imago.store.jdbc.JdbcImageStore;
import dev.imago.store.jdbc.PostgresServer;
import dev.imago.store.memory.InMemorySourceDirectory;
import dev.imago.store.memory.InMemoryTenantDirectory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Commands on PostgreSQL, per second, by one host and by two: each host a thread with its own
 * {@link ImageService}, its own pool and its own store object on one database, as two processes
 * would have (the two-host test runs them as processes); each host works on its own tenant's
 * image, so they meet only in the database, and in the event log's counter.
 *
 * <p>{@code shareAcceptRevoke} is three commands (the owner shares with one tenant, who accepts,
 * and the owner revokes), each a save with its event. {@code create} is a new private image
 * under the quota. {@code saveWithEvent} and {@code saveWithoutEvent} save a change of one image
 * straight to the store, with one event or none: their difference is the cost of taking the
 * event log's counter, which serializes the saves that append events until they commit.
 *
 * <p>The server runs with {@code fsync=off} unless {@code -Dimago.postgres.fsync=on} (see
 * PostgresServer): with fsync the counter's lock is held across the commit's WAL flush.
 */
// A fresh server per fork: its caches, and the JIT of both sides, take some seconds to settle.
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PgCommandBenchmark {
  /** The database, emptied once per benchmark. */
  @State(Scope.Benchmark)
  public static class Database {
    final PostgresServer server = PostgresServer.get();
    final String schema = "bench_commands";
    final AtomicInteger hosts = new AtomicInteger();

    /** Applies the schema to a fresh schema of the server. */
    @Setup(Level.Trial)
    public void setUp() {
      server.recreate(schema);
      HikariDataSource pool = pool(2);
      ImagoSchema.migrate(pool);
      pool.close();
    }

    HikariDataSource pool(int size) {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(server.url());
      config.setUsername(server.user());
      config.setPassword(server.password());
      config.setSchema(schema);
      config.setMaximumPoolSize(size);
      return new HikariDataSource(config);
    }
  }

  /** One host: its pool, store, service, tenants and image. */
  @State(Scope.Thread)
  public static class Host {
    HikariDataSource pool;
    JdbcImageStore store;
    ImageService images;
    Caller owner;
    Caller member;
    ImageId shared;
    ImageRecord current;
    ServerId server;

    /** Builds the host and its tenants' image. */
    @Setup(Level.Trial)
    public void setUp(Database database) {
      int host = database.hosts.incrementAndGet();
      pool = database.pool(2);
      store = new JdbcImageStore(pool);
      TenantId ownerId = TenantId.of("owner-" + host);
      TenantId memberId = TenantId.of("member-" + host);
      InMemoryTenantDirectory tenants = new InMemoryTenantDirectory();
      tenants.put(TenantInfo.builder().id(ownerId).region(Population.NORTH).build());
      tenants.put(TenantInfo.builder().id(memberId).region(Population.NORTH).build());
      server = ServerId.of("server-" + host);
      InMemorySourceDirectory sources = new InMemorySourceDirectory().putServer(
          ServerFacts.builder().id(server).owner(ownerId).region(Population.NORTH)
              .machine(MachineFacts.builder().kind(ServerKind.ECS).os(Population.linux(0))
                  .ramMib(4096).addDisks(DiskSpec.of(DiskRole.SYSTEM, 40)).build())
              .build());
      AtomicInteger ids = new AtomicInteger();
      images = Imago.builder().store(store).tenants(tenants).sources(sources)
          .idGenerator(() -> ImageId.of("h" + host + "-" + ids.incrementAndGet()))
          .settings(PolicySettings.builder().maxPrivateImagesPerRegion(Integer.MAX_VALUE)
              .build())
          .build();
      owner = Caller.tenant(ownerId);
      member = Caller.tenant(memberId);
      shared = newImage().id();
      images.reportProgress(shared, ImageStatus.ACTIVE);
      current = newImage();
    }

    ImageRecord newImage() {
      return images.createImage(owner, ImageSpec.builder().name("bench").type(
          ImageType.SYSTEM_DISK).source(SourceRef.server(server)).build());
    }

    /** Closes the host's pool. */
    @TearDown(Level.Trial)
    public void tearDown() {
      pool.close();
    }

    void saveChange(boolean withEvent) {
      ImageRecord next = ImageRecord.builder().from(current).version(current.version() + 1)
          .build();
      List<ImageEvent> events = withEvent
          ? List.of(ImageEvent.builder().type(EventType.TAGS_CHANGED).image(next.id())
              .occurredAt(next.updatedAt()).build())
          : List.of();
      store.save(ImageChange.of(next, current.version(), events));
      current = next;
    }
  }

  @Benchmark
  public void shareAcceptRevoke(Host host) {
    host.images.share(host.owner, host.shared, List.of(host.member.tenant().get()));
    host.images.accept(host.member, host.shared);
    host.images.revoke(host.owner, host.shared, host.member.tenant().get());
  }

  @Benchmark
  @Threads(2)
  public void shareAcceptRevokeTwoHosts(Host host) {
    shareAcceptRevoke(host);
  }

  @Benchmark
  public Object create(Host host) {
    return host.newImage();
  }

  @Benchmark
  @Threads(2)
  public Object createTwoHosts(Host host) {
    return host.newImage();
  }

  @Benchmark
  public void saveWithEvent(Host host) {
    host.saveChange(true);
  }

  @Benchmark
  @Threads(2)
  public void saveWithEventTwoHosts(Host host) {
    host.saveChange(true);
  }

  @Benchmark
  public void saveWithoutEvent(Host host) {
    host.saveChange(false);
  }

  @Benchmark
  @Threads(2)
  public void saveWithoutEventTwoHosts(Host host) {
    host.saveChange(false);
  }
}
