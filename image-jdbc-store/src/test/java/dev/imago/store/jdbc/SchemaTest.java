package dev.imago.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.imago.spi.StoreException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The schema comes from the jar's migrations through one call, with a history table of its own;
 * hosts starting at once apply it once; and a store refuses a schema it does not know.
 */
class SchemaTest {
  private final PostgresServer server = PostgresServer.get();

  @Test
  void migrate_applies_every_version_once_and_then_changes_nothing() throws SQLException {
    DataSource empty = freshSchema("schema_once");

    assertThat(ImagoSchema.migrate(empty)).isEqualTo(ImagoSchema.VERSION);
    assertThat(ImagoSchema.migrate(empty)).isEqualTo(ImagoSchema.VERSION);

    assertThat(query(empty, "SELECT version || ':' || success FROM imago_schema_history"
        + " WHERE type = 'SQL' ORDER BY installed_rank")).containsExactly("1:true", "2:true");
    new JdbcImageStore(empty);
  }

  @Test
  void two_hosts_migrating_an_empty_database_at_once_both_succeed_and_apply_it_once()
      throws Exception {
    DataSource empty = freshSchema("schema_race");
    int hosts = 2;
    CyclicBarrier start = new CyclicBarrier(hosts);
    ExecutorService pool = Executors.newFixedThreadPool(hosts);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int h = 0; h < hosts; h++) {
        // Each host has its own data source, as two machines would.
        DataSource own = server.unpooled("schema_race", java.util.Map.of());
        Callable<Integer> host = () -> {
          start.await(10, TimeUnit.SECONDS);
          return ImagoSchema.migrate(own);
        };
        results.add(pool.submit(host));
      }
      for (Future<Integer> result : results) {
        assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(ImagoSchema.VERSION);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(query(empty, "SELECT version FROM imago_schema_history WHERE type = 'SQL'"
        + " ORDER BY installed_rank")).containsExactly("1", "2");
    assertThat(query(empty, "SELECT count(*) FROM imago_event_head")).containsExactly("1");
  }

  @Test
  void migrate_needs_no_more_connections_at_once_than_flyway_does() {
    server.recreate("schema_small_pool");
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(server.url());
    config.setUsername(server.user());
    config.setPassword(server.password());
    config.setSchema("schema_small_pool");
    config.setMaximumPoolSize(2);
    config.setConnectionTimeout(5_000);
    try (HikariDataSource pool = new HikariDataSource(config)) {
      assertThat(ImagoSchema.migrate(pool)).isEqualTo(ImagoSchema.VERSION);
      new JdbcImageStore(pool);
    }
  }

  @Test
  void imago_history_never_mixes_with_the_hosts_own_flyway() throws SQLException {
    DataSource shared = freshSchema("schema_host");
    Flyway.configure().dataSource(shared).locations("classpath:db/host").load().migrate();

    ImagoSchema.migrate(shared);

    assertThat(query(shared, "SELECT script FROM flyway_schema_history WHERE type = 'SQL'"))
        .containsExactly("V1__host_orders.sql");
    assertThat(query(shared, "SELECT script FROM imago_schema_history WHERE type = 'SQL'"
        + " ORDER BY installed_rank")).containsExactly("V1__images.sql", "V2__retiring.sql");
    new JdbcImageStore(shared);
  }

  @Test
  void an_older_schema_the_hosts_own_flyway_applied_is_left_to_that_flyway() throws SQLException {
    DataSource hosts = freshSchema("schema_host_older");
    // The host runs Imago's migrations with its own Flyway and history table, up to version 1.
    Flyway.configure().dataSource(hosts).locations(ImagoSchema.LOCATION).target("1").load()
        .migrate();

    assertThatExceptionOfType(StoreException.class)
        .isThrownBy(() -> ImagoSchema.migrate(hosts))
        .withMessageContaining("version 1")
        .withMessageContaining("version 2")
        .withMessageContaining("host's own Flyway")
        .withMessageContaining("nothing was changed");
    assertThat(query(hosts, "SELECT version FROM imago_schema_info")).containsExactly("1");
    assertThat(query(hosts, "SELECT to_regclass('" + ImagoSchema.HISTORY_TABLE + "')"))
        .containsOnlyNulls();

    Flyway.configure().dataSource(hosts).locations(ImagoSchema.LOCATION).load().migrate();
    assertThat(ImagoSchema.migrate(hosts)).isEqualTo(ImagoSchema.VERSION);
    new JdbcImageStore(hosts);
  }

  @Test
  void a_store_on_a_database_without_the_schema_says_how_to_apply_it() {
    DataSource empty = freshSchema("schema_missing");

    assertThatExceptionOfType(StoreException.class)
        .isThrownBy(() -> new JdbcImageStore(empty))
        .withMessageContaining("no Imago schema")
        .withMessageContaining("ImagoSchema.migrate");
  }

  @Test
  void an_older_jar_refuses_a_newer_schema_naming_both_versions_and_changes_nothing()
      throws SQLException {
    DataSource newer = freshSchema("schema_newer");
    // A newer jar on another host applied version 3.
    Flyway.configure().dataSource(newer)
        .locations(ImagoSchema.LOCATION, "classpath:db/imago-future")
        .table(ImagoSchema.HISTORY_TABLE).load().migrate();
    List<String> history = query(newer, "SELECT version FROM imago_schema_history");

    assertThatExceptionOfType(StoreException.class)
        .isThrownBy(() -> new JdbcImageStore(newer))
        .withMessageContaining("version 3")
        .withMessageContaining("version 2");
    assertThatExceptionOfType(StoreException.class)
        .isThrownBy(() -> ImagoSchema.migrate(newer))
        .withMessageContaining("version 3")
        .withMessageContaining("version 2")
        .withMessageContaining("nothing was changed");

    assertThat(query(newer, "SELECT version FROM imago_schema_history")).isEqualTo(history);
    assertThat(query(newer, "SELECT version FROM imago_schema_info")).containsExactly("3");
  }

  private DataSource freshSchema(String schema) {
    server.recreate(schema);
    return server.unpooled(schema, java.util.Map.of());
  }

  private static List<String> query(DataSource source, String sql) throws SQLException {
    try (Connection connection = source.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      List<String> values = new ArrayList<>();
      while (rows.next()) {
        values.add(rows.getString(1));
      }
      return values;
    }
  }
}
