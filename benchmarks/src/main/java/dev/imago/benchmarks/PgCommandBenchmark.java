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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
 * <p>The cost of the order on its own: {@code eventByCounter}, {@code eventBySequence} and {@code
 * noEvent} run the same transaction in plain SQL on the store's tables (the versioned update of
 * the image's row, one event, the commit), numbering the event as the store does, from one
 * counter row locked to the commit, or from a plain sequence into a copy of the events table, or
 * writing none. A plain sequence alone does not keep the log's promise (a reader could skip a
 * number that commits later); it is the lower bound of any scheme that does, such as reading
 * only below the oldest transaction still in flight, whose reading side this does not measure.
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

    /**
     * Applies the schema to a fresh schema of the server, and adds the peer of the event log
     * that numbers its events from a plain sequence.
     */
    @Setup(Level.Trial)
    public void setUp() throws SQLException {
      server.recreate(schema);
      try (HikariDataSource pool = pool(2)) {
        ImagoSchema.migrate(pool);
        try (Connection connection = pool.getConnection();
            Statement statement = connection.createStatement()) {
          statement.execute("CREATE SEQUENCE bench_event_numbers");
          statement.execute("CREATE TABLE bench_plain_events (LIKE imago_events INCLUDING ALL)");
        }
      }
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
    // The plain-SQL saves' own connection, statements and view of the image's version.
    Connection connection;
    PreparedStatement update;
    PreparedStatement reserve;
    PreparedStatement appendCounted;
    PreparedStatement appendSequenced;
    long sqlVersion;

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
    public void tearDown() throws SQLException {
      if (connection != null) {
        connection.close();
      }
      pool.close();
    }

    /**
     * The transaction of a save that changes one image, in plain SQL: the versioned update of its
     * row, and an event numbered as {@code ordering} says, then the commit.
     */
    void saveInSql(Ordering ordering) throws SQLException {
      if (connection == null) {
        connection = pool.getConnection();
        connection.setAutoCommit(false);
        update = connection.prepareStatement("UPDATE imago_images SET version = version + 1,"
            + " updated_s = ? WHERE id = ? AND version = ?");
        reserve = connection.prepareStatement("UPDATE imago_event_head"
            + " SET last_sequence = last_sequence + 1 RETURNING last_sequence");
        appendCounted = connection.prepareStatement("INSERT INTO imago_events (sequence,"
            + " image_id, event_type, occurred_s, occurred_ns, detail_keys, detail_values)"
            + " VALUES (?, ?, 'TAGS_CHANGED', ?, 0, '{}', '{}')");
        appendSequenced = connection.prepareStatement("INSERT INTO bench_plain_events (sequence,"
            + " image_id, event_type, occurred_s, occurred_ns, detail_keys, detail_values)"
            + " VALUES (nextval('bench_event_numbers'), ?, 'TAGS_CHANGED', ?, 0, '{}', '{}')");
        sqlVersion = store.load(current.id()).orElseThrow().version();
      }
      long now = System.currentTimeMillis() / 1000;
      update.setLong(1, now);
      update.setString(2, current.id().value());
      update.setLong(3, sqlVersion);
      if (update.executeUpdate() != 1) {
        throw new IllegalStateException("the image moved on");
      }
      switch (ordering) {
        case COUNTER -> {
          // As the store does: last in the transaction, the row lock held to the commit.
          long sequence;
          try (ResultSet row = reserve.executeQuery()) {
            row.next();
            sequence = row.getLong(1);
          }
          appendCounted.setLong(1, sequence);
          appendCounted.setString(2, current.id().value());
          appendCounted.setLong(3, now);
          appendCounted.executeUpdate();
        }
        case SEQUENCE -> {
          appendSequenced.setString(1, current.id().value());
          appendSequenced.setLong(2, now);
          appendSequenced.executeUpdate();
        }
        case NONE -> { }
      }
      connection.commit();
      sqlVersion++;
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

  /** How a plain-SQL save numbers its event. */
  enum Ordering {
    /** The store's way: the next number of one counter row, locked to the commit. */
    COUNTER,
    /** A plain sequence: no lock, numbers that may commit out of order. */
    SEQUENCE,
    /** No event. */
    NONE
  }

  @Benchmark
  public void eventByCounter(Host host) throws SQLException {
    host.saveInSql(Ordering.COUNTER);
  }

  @Benchmark
  @Threads(2)
  public void eventByCounterTwoHosts(Host host) throws SQLException {
    host.saveInSql(Ordering.COUNTER);
  }

  @Benchmark
  public void eventBySequence(Host host) throws SQLException {
    host.saveInSql(Ordering.SEQUENCE);
  }

  @Benchmark
  @Threads(2)
  public void eventBySequenceTwoHosts(Host host) throws SQLException {
    host.saveInSql(Ordering.SEQUENCE);
  }

  @Benchmark
  public void noEvent(Host host) throws SQLException {
    host.saveInSql(Ordering.NONE);
  }

  @Benchmark
  @Threads(2)
  public void noEventTwoHosts(Host host) throws SQLException {
    host.saveInSql(Ordering.NONE);
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
