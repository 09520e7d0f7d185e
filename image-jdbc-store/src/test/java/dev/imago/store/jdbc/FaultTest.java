package dev.imago.store.jdbc;

import static dev.imago.store.jdbc.Images.ALICE;
import static dev.imago.store.jdbc.Images.BOB;
import static dev.imago.store.jdbc.Images.REGION;
import static dev.imago.store.jdbc.Images.T0;
import static dev.imago.store.jdbc.Images.created;
import static dev.imago.store.jdbc.Images.privateImage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.imago.spi.ImageChange;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageQuery;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.Membership;
import dev.imago.spi.MembershipStatus;
import dev.imago.spi.StoreException;
import dev.imago.spi.StoredEvent;
import dev.imago.spi.TenantId;
import dev.imago.spi.VersionConflictException;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Database faults roll the save back whole and surface as {@link StoreException} (or as a
 * version conflict for a deadlock, which a retry cures), with messages that carry no other
 * tenant's data. A save is held in flight by a lock another session holds on the event counter,
 * the last row a save touches, so that everything else of the save is written when the fault
 * strikes.
 */
class FaultTest {
  private static final String SCHEMA = "faults";
  private static final String CAROLS_SECRET = "carol-secret-project";

  private final PostgresServer server = PostgresServer.get();
  private DataSource plain;
  private JdbcImageStore store;
  private ImageRecord shared;

  @BeforeEach
  void storeWithAnotherTenantsImage() {
    plain = server.unpooled(SCHEMA, Map.of());
    ImagoSchema.migrate(plain);
    TestSchemas.empty(plain);
    store = new JdbcImageStore(plain);
    // Another tenant's data, which no message may show.
    store.save(ImageChange.of(privateImage(CAROLS_SECRET, TenantId.of("carol"))
        .name("carol secret").build(), 0, List.of(created(ImageId.of(CAROLS_SECRET)))));
    shared = privateImage("a1", ALICE).build();
    store.save(ImageChange.of(shared, 0, List.of(created(shared.id()))));
  }

  @Test
  void a_connection_killed_while_a_save_is_in_flight_writes_nothing() throws Exception {
    ImageRecord next = sharedWithBob();
    Snapshot before = snapshot();

    Throwable failure = whileEventCounterIsHeld(blocker -> {
      CompletableFuture<Throwable> save = CompletableFuture.supplyAsync(
          () -> catchThrowable(() -> store.save(ImageChange.of(next, 1, List.of(created(next.id()))))));
      int pid = waitingBackend("UPDATE imago_event_head");
      server.execute("SELECT pg_terminate_backend(" + pid + ")");
      return save;
    });

    assertThat(failure).isInstanceOf(StoreException.class)
        .hasMessageContaining("save image a1").hasMessageContaining("nothing was written");
    assertNoOtherTenantsData(failure);
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void a_statement_timeout_while_a_save_is_in_flight_writes_nothing() throws Exception {
    JdbcImageStore impatient = new JdbcImageStore(
        server.unpooled(SCHEMA, Map.of("options", "-c statement_timeout=300")));
    ImageRecord next = sharedWithBob();
    Snapshot before = snapshot();

    Throwable failure = whileEventCounterIsHeld(blocker -> CompletableFuture.supplyAsync(
        () -> catchThrowable(() -> impatient.save(ImageChange.of(next, 1, List.of(created(next.id())))))));

    assertThat(failure).isInstanceOf(StoreException.class)
        .hasMessageContaining("SQLState 57014").hasMessageContaining("nothing was written");
    assertNoOtherTenantsData(failure);
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void a_deadlock_is_a_version_conflict_and_writes_nothing() throws Exception {
    ImageRecord other = privateImage("b1", BOB).build();
    store.save(ImageChange.of(other, 0, List.of()));
    // The save locks its own row, then waits to read b1, which another session holds; that
    // session then waits for a1: the save, which waited first and checks sooner, is the victim.
    JdbcImageStore quick = new JdbcImageStore(
        server.unpooled(SCHEMA, Map.of("options", "-c deadlock_timeout=100ms")));
    ImageRecord next = privateImage("a1", ALICE).version(2).name("decided on b1").build();
    Snapshot before = snapshot();

    Throwable failure;
    try (Connection holder = connection()) {
      holder.setAutoCommit(false);
      execute(holder, "SELECT 1 FROM imago_images WHERE id = 'b1' FOR UPDATE");
      CompletableFuture<Throwable> save = CompletableFuture.supplyAsync(() -> catchThrowable(
          () -> quick.save(ImageChange.builder().record(next).expectedVersion(1)
              .putUnchangedImages(other.id(), 1L).build())));
      waitingBackend("SELECT id, version FROM imago_images");
      CompletableFuture<Void> cycle = CompletableFuture.runAsync(() -> {
        try {
          execute(holder, "UPDATE imago_images SET name = 'holder' WHERE id = 'a1'");
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      failure = save.get(30, TimeUnit.SECONDS);
      cycle.get(30, TimeUnit.SECONDS);
      holder.rollback();
    }

    assertThat(failure).isInstanceOf(VersionConflictException.class);
    assertThat(((VersionConflictException) failure).imageId()).isEqualTo(next.id());
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void a_server_that_is_gone_fails_every_call_with_a_store_exception() throws IOException {
    SwitchableDataSource source = new SwitchableDataSource(plain);
    JdbcImageStore cut = new JdbcImageStore(source);
    source.pointAt(closedPort());
    ImageRecord next = sharedWithBob();

    List<Throwable> failures = new ArrayList<>();
    failures.add(catchThrowable(() -> cut.load(shared.id())));
    failures.add(catchThrowable(() -> cut.save(ImageChange.of(next, 1, List.of()))));
    failures.add(catchThrowable(() -> cut.listVisible(
        ImageQuery.builder().viewer(ALICE).region(REGION).build())));
    failures.add(catchThrowable(() -> cut.countOwned(ALICE, REGION)));
    failures.add(catchThrowable(() -> cut.events(0, 10)));

    assertThat(failures).allSatisfy(failure -> {
      assertThat(failure).isInstanceOf(StoreException.class).hasMessageContaining("SQLState 08");
      assertNoOtherTenantsData(failure);
    });
    assertThatExceptionOfType(StoreException.class)
        .isThrownBy(() -> new JdbcImageStore(source));
    assertThat(store.load(shared.id())).contains(shared);
  }

  // --- helpers ---

  private ImageRecord sharedWithBob() {
    return privateImage("a1", ALICE).version(2).updatedAt(T0.plusSeconds(1))
        .putMembers(BOB, Membership.builder().tenant(BOB).status(MembershipStatus.ACCEPTED)
            .createdAt(T0).updatedAt(T0).build())
        .build();
  }

  /** What a half-written save would change: the record, the index, the count, the log. */
  private record Snapshot(ImageRecord image, List<String> bobsListing, long owned,
      List<StoredEvent> events) {}

  private Snapshot snapshot() {
    return new Snapshot(store.load(shared.id()).orElseThrow(),
        store.listVisible(ImageQuery.builder().viewer(BOB).region(REGION).build()).items()
            .stream().map(image -> image.id().value()).toList(),
        store.countOwned(ALICE, REGION), store.events(0, 100));
  }

  private interface InFlight {
    CompletableFuture<Throwable> start(Connection blocker) throws Exception;
  }

  private Throwable whileEventCounterIsHeld(InFlight action) throws Exception {
    try (Connection blocker = connection()) {
      blocker.setAutoCommit(false);
      execute(blocker, "SELECT 1 FROM imago_event_head FOR UPDATE");
      CompletableFuture<Throwable> result = action.start(blocker);
      Throwable failure = result.get(30, TimeUnit.SECONDS);
      blocker.rollback();
      return failure;
    }
  }

  /** Waits until a backend of this schema's tests waits for a lock in a statement. */
  private int waitingBackend(String statementStart) throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    try (Connection watcher = connection(); Statement statement = watcher.createStatement()) {
      while (System.nanoTime() < deadline) {
        try (ResultSet rows = statement.executeQuery("SELECT pid, query FROM pg_stat_activity"
            + " WHERE wait_event_type = 'Lock'")) {
          while (rows.next()) {
            if (rows.getString(2).startsWith(statementStart)) {
              return rows.getInt(1);
            }
          }
        }
        Thread.sleep(10);
      }
    }
    throw new AssertionError("no save waited in " + statementStart);
  }

  private static void assertNoOtherTenantsData(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).as("a message in the failure's chain")
          .doesNotContain(CAROLS_SECRET).doesNotContain("carol");
    }
  }

  private Connection connection() throws SQLException {
    return plain.getConnection();
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** A data source that can be pointed at a port where no server listens. */
  private final class SwitchableDataSource extends AbstractDataSource {
    private volatile DataSource target;

    SwitchableDataSource(DataSource target) {
      this.target = target;
    }

    void pointAt(int port) {
      Properties properties = new Properties();
      properties.setProperty("user", server.user());
      properties.setProperty("connectTimeout", "2");
      target = new DriverDataSource("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
          properties);
    }

    @Override
    public Connection getConnection() throws SQLException {
      return target.getConnection();
    }
  }
}
