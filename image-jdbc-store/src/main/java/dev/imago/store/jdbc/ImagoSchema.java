package dev.imago.store.jdbc;

import dev.imago.spi.InputException;
import dev.imago.spi.Inputs;
import dev.imago.spi.StoreException;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Imago's database schema: versioned SQL migrations in this jar, under {@value #LOCATION},
 * applied by Flyway with a history table of Imago's own, {@value #HISTORY_TABLE}, so that they
 * never mix with the host's own migrations, even in the same schema.
 *
 * <p>One call applies them: {@link #migrate(DataSource)}, at every start of every host. Hosts
 * that start at once on an empty database all succeed, and the migrations run once: the call
 * holds a PostgreSQL advisory lock of its own while Flyway runs. A host that runs its migrations
 * itself adds {@value #LOCATION} to its own Flyway's locations instead (with its own history
 * table, or {@value #HISTORY_TABLE}).
 *
 * <p>The tables are created in the connection's current schema (its {@code search_path}); every
 * name starts with {@code imago_}. Flyway needs two connections at once, so the data source (a
 * pool) must allow two. On the module path, Flyway (automatic module {@code flyway.core}) must be
 * in the module graph, for this module requires it only statically.
 *
 * <p>Upgrades run the same way: {@link #migrate(DataSource)} applies the migrations an older
 * schema lacks, in place, keeping every image, member and event. Each migration is written to be
 * applied while other hosts keep working (it changes the catalog only, no row is rewritten); the
 * project's README says, for each version, what a host of the older version still running on the
 * upgraded schema does.
 */
public final class ImagoSchema {
  /** Where the migrations are, as a Flyway location. */
  public static final String LOCATION = "classpath:db/imago";
  /** The table in which Flyway records which of Imago's migrations ran. */
  public static final String HISTORY_TABLE = "imago_schema_history";
  /**
   * The schema version this jar reads and writes, the number of its latest migration: 2 ({@code
   * V2__retiring.sql}, images' retirement schedules, over {@code V1__images.sql}). A database
   * of an older version is upgraded in place by {@link #migrate(DataSource)}.
   */
  public static final int VERSION = 2;

  // A session lock, so that it survives Flyway's own transactions; two keys, so that it is in
  // another class of keys than a host's one-key advisory locks.
  private static final String LOCK = "SELECT pg_advisory_lock(1735289, 1)";
  private static final String UNLOCK = "SELECT pg_advisory_unlock(1735289, 1)";
  private static final String READ_VERSION = "SELECT version FROM imago_schema_info";
  private static final String FIND_HISTORY = "SELECT to_regclass(?) IS NOT NULL";
  private static final String UNDEFINED_TABLE = "42P01";

  private ImagoSchema() {}

  /**
   * Applies the migrations the database lacks, in order, each in a transaction. It changes
   * nothing when the schema is current.
   *
   * @param dataSource the host's data source; its user may create tables
   * @return the schema version the database holds afterwards, {@value #VERSION}
   * @throws InputException if the data source is absent
   * @throws StoreException if the database cannot be reached, a migration fails (that
   *     migration is rolled back), the database holds a newer schema than this jar's (the
   *     message names both versions, and nothing was changed), or an older one that the host's
   *     own Flyway applied (without {@value #HISTORY_TABLE}), which that Flyway must upgrade
   */
  public static int migrate(DataSource dataSource) {
    Inputs.present(dataSource, "dataSource");
    try (Connection lockHolder = dataSource.getConnection()) {
      execute(lockHolder, LOCK);
      try {
        Integer found = version(lockHolder);
        if (found != null && found > VERSION) {
          throw newer(found);
        }
        if (found != null && !hasHistory(lockHolder)) {
          if (found == VERSION) {
            // The host applied the migrations with its own Flyway: nothing to do.
            return found;
          }
          // The host's own Flyway applied the older ones: Imago's history would start them again.
          throw new StoreException("the database holds Imago schema version " + found
              + ", older than version " + VERSION + " of this jar, applied without "
              + HISTORY_TABLE + " (by the host's own Flyway): apply the newer migrations in "
              + LOCATION + " the same way; nothing was changed", null);
        }
        Flyway.configure(ImagoSchema.class.getClassLoader())
            .dataSource(new LockHolderFirst(dataSource, lockHolder))
            .locations(LOCATION)
            .table(HISTORY_TABLE)
            .failOnMissingLocations(true)
            // The schema may hold the host's own tables: Imago's history then starts at 0.
            .baselineOnMigrate(true)
            .baselineVersion("0")
            .load()
            .migrate();
        return requireCurrent(lockHolder);
      } finally {
        execute(lockHolder, UNLOCK);
      }
    } catch (SQLException e) {
      throw new StoreException("could not apply Imago's schema (SQLState " + e.getSQLState()
          + ")", e);
    } catch (FlywayException e) {
      throw new StoreException("could not apply Imago's schema: " + e.getMessage(), e);
    }
  }

  /**
   * Requires the database to hold the schema version of this jar.
   *
   * @param connection a connection to it
   * @return the version
   * @throws StoreException if it holds none or another one; the message says what to do
   * @throws SQLException if the database fails
   */
  static int requireCurrent(Connection connection) throws SQLException {
    Integer found = version(connection);
    if (found == null) {
      throw new StoreException("the database holds no Imago schema: apply it with"
          + " ImagoSchema.migrate(dataSource), or the migrations in " + LOCATION, null);
    }
    if (found > VERSION) {
      throw newer(found);
    }
    if (found < VERSION) {
      throw new StoreException("the database holds Imago schema version " + found
          + ", older than version " + VERSION + " of this jar: apply the migrations with"
          + " ImagoSchema.migrate(dataSource)", null);
    }
    return found;
  }

  private static StoreException newer(int found) {
    return new StoreException("the database holds Imago schema version " + found
        + ", newer than version " + VERSION + " of this image-jdbc-store jar: upgrade Imago on"
        + " this host to the version that wrote the schema; nothing was changed", null);
  }

  private static Integer version(Connection connection) throws SQLException {
    // In a savepoint-free way: a missing table fails the statement, and in auto-commit that
    // fails nothing else.
    try (PreparedStatement read = connection.prepareStatement(READ_VERSION);
        ResultSet row = read.executeQuery()) {
      return row.next() ? row.getInt(1) : null;
    } catch (SQLException e) {
      if (UNDEFINED_TABLE.equals(e.getSQLState())) {
        return null;
      }
      throw e;
    }
  }

  /**
   * Hands Flyway the connection that holds the lock first, never closing it, and further
   * connections from the host's data source, so that the call needs no more connections at
   * once than Flyway does.
   */
  private static final class LockHolderFirst implements DataSource {
    private final DataSource dataSource;
    private Connection lockHolder;

    LockHolderFirst(DataSource dataSource, Connection lockHolder) {
      this.dataSource = dataSource;
      this.lockHolder = lockHolder;
    }

    @Override
    public synchronized Connection getConnection() throws SQLException {
      Connection first = lockHolder;
      if (first == null) {
        return dataSource.getConnection();
      }
      lockHolder = null;
      return (Connection) Proxy.newProxyInstance(ImagoSchema.class.getClassLoader(),
          new Class<?>[] {Connection.class}, (proxy, method, args) -> {
            if (method.getName().equals("close") && method.getParameterCount() == 0) {
              return null;
            }
            try {
              return method.invoke(first, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      return dataSource.getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
      return dataSource.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
      dataSource.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
      dataSource.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
      return dataSource.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      return dataSource.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
      return dataSource.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
      return dataSource.isWrapperFor(type);
    }
  }

  private static boolean hasHistory(Connection connection) throws SQLException {
    try (PreparedStatement find = connection.prepareStatement(FIND_HISTORY)) {
      find.setString(1, HISTORY_TABLE);
      try (ResultSet row = find.executeQuery()) {
        return row.next() && row.getBoolean(1);
      }
    }
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
