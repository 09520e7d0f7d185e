package dev.imago.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Schemas of the shared test server with Imago's tables: one per test class, migrated once, and
 * emptied for every store a test makes, which is much cheaper than a new schema.
 */
public final class TestSchemas {
  private static final Map<String, DataSource> MIGRATED = new ConcurrentHashMap<>();

  private TestSchemas() {}

  /**
   * Returns a pool on a schema with Imago's tables, migrated on first use.
   *
   * @param schema the schema's name
   * @return the pool
   */
  public static DataSource migrated(String schema) {
    return MIGRATED.computeIfAbsent(schema, name -> {
      DataSource pool = PostgresServer.get().pool(name);
      ImagoSchema.migrate(pool);
      return pool;
    });
  }

  /**
   * Returns a new store on an emptied schema.
   *
   * @param schema the schema's name
   * @return the store
   */
  public static JdbcImageStore emptyStore(String schema) {
    DataSource pool = migrated(schema);
    empty(pool);
    return new JdbcImageStore(pool);
  }

  /**
   * Removes every image, member, count and event, and restarts the event numbers.
   *
   * @param pool a pool on a migrated schema
   */
  public static void empty(DataSource pool) {
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("TRUNCATE imago_images, imago_members, imago_owned_counts, imago_events");
      statement.execute("UPDATE imago_event_head SET last_sequence = 0");
    } catch (SQLException e) {
      throw new IllegalStateException("could not empty the test schema: " + e.getMessage(), e);
    }
  }
}
