package dev.imago.store.jdbc.internal;

import dev.imago.spi.ImagoException;
import dev.imago.spi.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Runs work on a connection of the host's {@link DataSource}: reads as one statement in
 * auto-commit, writes as one transaction that commits or rolls back whole. Every {@link
 * SQLException} leaves as a {@link StoreException}, or as what the caller makes of a
 * serialization failure or a deadlock, which a retry may cure.
 */
public final class Database {
  /** SQLState of a serialization failure. */
  static final String SERIALIZATION_FAILURE = "40001";
  /** SQLState of a detected deadlock. */
  static final String DEADLOCK = "40P01";
  private static final String NOTHING_WRITTEN = "; nothing was written";
  private static final String CONNECTION_EXCEPTION = "08";
  private static final String COMMIT_UNKNOWN = "; the connection broke during the commit, so the"
      + " save may have been written: reload before trying again";

  private final DataSource dataSource;

  /**
   * Creates the runner.
   *
   * @param dataSource the host's data source
   */
  public Database(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Work on a connection. */
  @FunctionalInterface
  public interface Work<T> {
    /**
     * Does the work.
     *
     * @param connection the connection
     * @return the result
     * @throws SQLException if the database fails
     */
    T run(Connection connection) throws SQLException;
  }

  /**
   * Runs a read in auto-commit: each statement sees one snapshot.
   *
   * @param <T> the result
   * @param operation what is done, for the message of a failure ("load an image")
   * @param work the work
   * @return its result
   * @throws StoreException if the database fails
   */
  public <T> T read(String operation, Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw failure(operation, e, "");
    }
  }

  /**
   * Runs a read in a transaction of its own, for reads that set a transaction-local setting
   * first (a {@code SET LOCAL}); it commits when the work returns and rolls back when it throws.
   *
   * @param <T> the result
   * @param operation what is done, for the message of a failure
   * @param work the work
   * @return its result
   * @throws StoreException if the database fails
   */
  public <T> T readInTransaction(String operation, Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      return inTransaction(connection, work);
    } catch (SQLException e) {
      throw failure(operation, e, "");
    }
  }

  /**
   * Runs work in one transaction: it commits when the work returns and rolls back when it
   * throws, so nothing of a failed write stays.
   *
   * @param <T> the result
   * @param operation what is done, for the message of a failure
   * @param retryable what to throw for a serialization failure or a deadlock
   * @param work the work
   * @return its result
   * @throws StoreException if the database fails
   * @throws ImagoException what the work throws, or {@code retryable}'s exception
   */
  public <T> T transaction(String operation, Function<SQLException, ImagoException> retryable,
      Work<T> work) {
    Connection connection;
    try {
      connection = dataSource.getConnection();
    } catch (SQLException e) {
      throw failure(operation, e, NOTHING_WRITTEN);
    }
    Committing committing = new Committing();
    try (connection) {
      return inTransaction(connection, work, committing);
    } catch (SQLException e) {
      String state = e.getSQLState();
      if (SERIALIZATION_FAILURE.equals(state) || DEADLOCK.equals(state)) {
        throw retryable.apply(e);
      }
      if (committing.started && state != null && state.startsWith(CONNECTION_EXCEPTION)) {
        // The server may have committed before the connection broke: no store can know.
        throw failure(operation, e, COMMIT_UNKNOWN);
      }
      throw failure(operation, e, NOTHING_WRITTEN);
    }
  }

  /** Whether a transaction got as far as its commit. */
  private static final class Committing {
    boolean started;
  }

  private static <T> T inTransaction(Connection connection, Work<T> work) throws SQLException {
    return inTransaction(connection, work, new Committing());
  }

  private static <T> T inTransaction(Connection connection, Work<T> work, Committing committing)
      throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      T result = work.run(connection);
      committing.started = true;
      connection.commit();
      return result;
    } catch (SQLException | RuntimeException | Error e) {
      rollBack(connection, e);
      throw e;
    } finally {
      restore(connection, autoCommit);
    }
  }

  private static void rollBack(Connection connection, Throwable cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      // The connection is gone or broken: the server rolls the transaction back itself.
      cause.addSuppressed(sanitized(e));
    }
  }

  private static void restore(Connection connection, boolean autoCommit) {
    try {
      if (!connection.isClosed()) {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      // A broken connection; the pool finds out when it validates it.
    }
  }

  /**
   * Returns the exception for a failed operation. The message names the operation and the
   * SQLState only: a server's message may quote values of the rows involved.
   *
   * @param operation what failed
   * @param e the failure
   * @param outcome what the caller may rely on, appended to the message
   * @return the exception to throw
   */
  static StoreException failure(String operation, SQLException e, String outcome) {
    String state = e.getSQLState();
    return new StoreException("PostgreSQL store could not " + operation
        + (state == null ? "" : " (SQLState " + state + ")") + outcome, sanitized(e));
  }

  /**
   * Returns a copy of a database failure without the server's message and detail, which may
   * quote values of other rows, but with its SQLState, its class and its stack.
   *
   * @param e the failure
   * @return the copy
   */
  static SQLException sanitized(SQLException e) {
    SQLException copy = new SQLException(
        e.getClass().getName() + " with SQLState " + e.getSQLState(), e.getSQLState(),
        e.getErrorCode());
    copy.setStackTrace(e.getStackTrace());
    return copy;
  }
}
