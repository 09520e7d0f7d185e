package dev.imago.benchmarks;

import dev.imago.spi.Deprecation;
import dev.imago.spi.DiskSpec;
import dev.imago.spi.ImageClass;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.Membership;
import dev.imago.spi.TenantId;
import dev.imago.store.jdbc.ImagoSchema;
import dev.imago.store.jdbc.JdbcImageStore;
import dev.imago.store.jdbc.PostgresServer;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * A listing population in PostgreSQL, twice: in Imago's schema, read through {@link
 * JdbcImageStore}, and in the schema OpenStack Glance keeps (one database per region: {@code
 * images} and {@code image_members} with Glance's own indexes), read with the query shape
 * Glance's SQLAlchemy API builds: a {@code UNION} of the owner's, the public and the accepted
 * members' images, paged by a marker expanded into {@code created_at < ? OR (created_at = ? AND
 * id < ?)}.
 *
 * <p>Both are loaded with COPY, the indexes built after the rows, then vacuumed and analyzed.
 */
final class PgListing {
  /** The rows of a page, and one more to tell whether another page follows. */
  static final int PAGE_SIZE = 100;

  /** Glance's listing: the union of the three reasons, the marker, newest first. */
  static final String GLANCE_PAGE = "SELECT * FROM ("
      + "SELECT i.* FROM images i WHERE i.deleted = false AND i.owner = ?"
      + " UNION SELECT i.* FROM images i WHERE i.deleted = false"
      + " AND i.visibility IN ('public', 'community')"
      + " UNION SELECT i.* FROM images i JOIN image_members m ON m.image_id = i.id"
      + " WHERE i.deleted = false AND i.visibility = 'shared' AND m.member = ?"
      + " AND m.deleted = false AND m.status = 'accepted') v";
  static final String GLANCE_MARKER =
      " WHERE v.created_at < ? OR (v.created_at = ? AND v.id < ?)";
  static final String GLANCE_ORDER = " ORDER BY v.created_at DESC, v.id DESC LIMIT ?";

  final Population population;
  final String schema;
  final DataSource pool;
  final JdbcImageStore store;

  private PgListing(Population population, String schema, DataSource pool) {
    this.population = population;
    this.schema = schema;
    this.pool = pool;
    this.store = new JdbcImageStore(pool);
  }

  /**
   * Loads a population into a new schema of the benchmark server, in both forms.
   *
   * @param population the population
   * @return the loaded data
   */
  static PgListing load(Population population) throws SQLException, IOException {
    PostgresServer server = PostgresServer.get();
    String schema = "bench_" + population.images();
    for (String region : List.of("north", "south")) {
      server.recreate(glanceSchema(schema, region));
    }
    DataSource pool = server.pool(schema);
    ImagoSchema.migrate(pool);
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(true);
      List<String> indexes = dropIndexes(connection, schema);
      for (String region : List.of("north", "south")) {
        createGlanceTables(connection, glanceSchema(schema, region));
      }
      copyAll(connection, population, schema);
      try (Statement statement = connection.createStatement()) {
        for (String index : indexes) {
          statement.execute(index);
        }
        for (String region : List.of("north", "south")) {
          createGlanceIndexes(statement, glanceSchema(schema, region));
        }
        for (String table : List.of(schema + ".imago_images", schema + ".imago_members",
            schema + ".imago_owned_counts")) {
          statement.execute("VACUUM ANALYZE " + table);
        }
        for (String region : List.of("north", "south")) {
          statement.execute("VACUUM ANALYZE " + glanceSchema(schema, region) + ".images");
          statement.execute("VACUUM ANALYZE " + glanceSchema(schema, region) + ".image_members");
        }
      }
    }
    return new PgListing(population, schema, pool);
  }

  static String glanceSchema(String schema, String region) {
    return schema + "_glance_" + region;
  }

  /** The Glance schema of a viewer's region. */
  String glanceSchemaOf(TenantId viewer) {
    boolean north = Population.regionOf(Population.tenantIndex(viewer)).equals(Population.NORTH);
    return glanceSchema(schema, north ? "north" : "south");
  }

  /**
   * Returns Glance's page query on a region's schema.
   *
   * @param glanceSchema the viewer's region's Glance schema
   * @param deep whether the page has a marker
   * @return the SQL
   */
  static String glanceSql(String glanceSchema, boolean deep) {
    return GLANCE_PAGE.replace("FROM images", "FROM " + glanceSchema + ".images")
        .replace("JOIN image_members", "JOIN " + glanceSchema + ".image_members")
        + (deep ? GLANCE_MARKER : "") + GLANCE_ORDER;
  }

  /**
   * Binds Glance's page query.
   *
   * @param statement the statement of {@link #glanceSql}
   * @param viewer the viewer
   * @param marker the last image of the previous page, or {@code null} for the first page
   */
  static void bindGlance(PreparedStatement statement, TenantId viewer, Marker marker)
      throws SQLException {
    statement.setString(1, viewer.value());
    statement.setString(2, viewer.value());
    int next = 3;
    if (marker != null) {
      LocalDateTime at = LocalDateTime.ofInstant(marker.createdAt(), ZoneOffset.UTC);
      statement.setObject(next++, at);
      statement.setObject(next++, at);
      statement.setString(next++, marker.id());
    }
    statement.setInt(next, PAGE_SIZE + 1);
  }

  /**
   * Runs Glance's page and returns its ids, one more than a page when another follows.
   *
   * @param statement the statement of {@link #glanceSql}
   * @param viewer the viewer
   * @param marker the last image of the previous page, or {@code null}
   * @return the ids
   */
  static List<String> glancePage(PreparedStatement statement, TenantId viewer,
      Marker marker) throws SQLException {
    bindGlance(statement, viewer, marker);
    List<String> ids = new ArrayList<>(PAGE_SIZE + 1);
    try (ResultSet rows = statement.executeQuery()) {
      int columns = rows.getMetaData().getColumnCount();
      while (rows.next()) {
        // Every column is read, as a listing hands whole images on.
        for (int c = 2; c <= columns; c++) {
          rows.getObject(c);
        }
        ids.add(rows.getString(1));
      }
    }
    return ids;
  }

  /** Where a Glance page starts: the previous page's last image. */
  record Marker(Instant createdAt, String id) {}

  // --- loading ---

  private static List<String> dropIndexes(Connection connection, String schema)
      throws SQLException {
    // The listing indexes, built again after the rows; keys stay, as the COPY needs none.
    List<String> names = new ArrayList<>();
    List<String> definitions = new ArrayList<>();
    try (PreparedStatement find = connection.prepareStatement("SELECT indexname, indexdef FROM"
        + " pg_indexes WHERE schemaname = ? AND tablename IN ('imago_images', 'imago_members')"
        + " AND indexdef NOT LIKE 'CREATE UNIQUE%'")) {
      find.setString(1, schema);
      try (ResultSet rows = find.executeQuery()) {
        while (rows.next()) {
          names.add(rows.getString(1));
          definitions.add(rows.getString(2));
        }
      }
    }
    try (Statement statement = connection.createStatement()) {
      for (String name : names) {
        statement.execute("DROP INDEX " + schema + "." + name);
      }
    }
    return definitions;
  }

  // Glance's tables (glance/db/sqlalchemy/models.py), the columns a listing reads.
  private static void createGlanceTables(Connection connection, String glance)
      throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE " + glance + ".images (id varchar(36) PRIMARY KEY,"
          + " name varchar(255), size bigint, status varchar(30) NOT NULL,"
          + " visibility varchar(9) NOT NULL, created_at timestamp NOT NULL,"
          + " updated_at timestamp, deleted_at timestamp, deleted boolean NOT NULL,"
          + " owner varchar(255), min_disk integer NOT NULL, min_ram integer NOT NULL,"
          + " protected boolean NOT NULL, os_hidden boolean NOT NULL)");
      statement.execute("CREATE TABLE " + glance + ".image_members (id serial PRIMARY KEY,"
          + " image_id varchar(36) NOT NULL, member varchar(255) NOT NULL,"
          + " can_share boolean NOT NULL, status varchar(20) NOT NULL,"
          + " created_at timestamp NOT NULL, updated_at timestamp, deleted_at timestamp,"
          + " deleted boolean NOT NULL)");
    }
  }

  // Glance's own indexes on those tables.
  private static void createGlanceIndexes(Statement statement, String glance)
      throws SQLException {
    for (String index : List.of(
        "CREATE INDEX ON " + glance + ".images (deleted)",
        "CREATE INDEX ON " + glance + ".images (owner)",
        "CREATE INDEX ON " + glance + ".images (created_at)",
        "CREATE INDEX ON " + glance + ".images (updated_at)",
        "CREATE INDEX ON " + glance + ".images (visibility)",
        "CREATE INDEX ON " + glance + ".images (os_hidden)",
        "CREATE INDEX ON " + glance + ".image_members (image_id, member)",
        "CREATE INDEX ON " + glance + ".image_members (deleted)",
        "CREATE INDEX ON " + glance + ".image_members (image_id)",
        "CREATE INDEX ON " + glance + ".image_members (member)")) {
      statement.execute(index);
    }
  }

  private static void copyAll(Connection connection, Population population, String schema)
      throws SQLException, IOException {
    CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
    Copier images = new Copier(copy, "COPY " + schema + ".imago_images (" + IMAGO_COLUMNS
        + ") FROM STDIN");
    Copier members = new Copier(copy, "COPY " + schema + ".imago_members (image_id, tenant,"
        + " status, region, name, created_s, created_ns) FROM STDIN");
    Map<String, Copier> glanceImages = new HashMap<>();
    Map<String, Copier> glanceMembers = new HashMap<>();
    for (String region : List.of("north", "south")) {
      String glance = glanceSchema(schema, region);
      glanceImages.put(region, new Copier(copy, "COPY " + glance + ".images (id, name, size,"
          + " status, visibility, created_at, updated_at, deleted, owner, min_disk, min_ram,"
          + " protected, os_hidden) FROM STDIN"));
      glanceMembers.put(region, new Copier(copy, "COPY " + glance + ".image_members (image_id,"
          + " member, can_share, status, created_at, updated_at, deleted) FROM STDIN"));
    }
    Map<String, long[]> owned = new HashMap<>();
    IOException[] failure = {null};
    population.forEachImage(image -> {
      try {
        images.row(imagoRow(image));
        for (Membership member : image.members().values()) {
          members.row(image.id().value(), member.tenant().value(), member.status().name(),
              image.region().value(), image.name(), Long.toString(image.createdAt()
                  .getEpochSecond()), Integer.toString(image.createdAt().getNano()));
        }
        if (image.isCountedInQuota()) {
          owned.computeIfAbsent(image.owner().get().value() + "\t" + image.region().value(),
              key -> new long[1])[0]++;
        }
        String region = image.region().equals(Population.NORTH) ? "north" : "south";
        String at = timestamp(image.createdAt());
        String visibility = image.imageClass() == ImageClass.PUBLIC ? "public"
            : image.members().isEmpty() ? "private" : "shared";
        glanceImages.get(region).row(image.id().value(), image.name(),
            Long.toString(image.sizeBytes()), image.status().name().toLowerCase(
                java.util.Locale.ROOT), visibility, at, at, "f",
            image.owner().map(TenantId::value).orElse(null),
            Integer.toString(image.minDiskGib()), Integer.toString(image.minRamMib()), "f", "f");
        for (Membership member : image.members().values()) {
          glanceMembers.get(region).row(image.id().value(), member.tenant().value(), "f",
              member.status().name().toLowerCase(java.util.Locale.ROOT), at, at, "f");
        }
      } catch (SQLException | IOException e) {
        failure[0] = new IOException("COPY failed at image " + image.id() + ": " + e, e);
        throw new IllegalStateException(failure[0]);
      }
    });
    Copier counts = new Copier(copy, "COPY " + schema + ".imago_owned_counts FROM STDIN");
    for (Map.Entry<String, long[]> entry : owned.entrySet()) {
      String[] key = entry.getKey().split("\t");
      counts.row(key[0], key[1], Long.toString(entry.getValue()[0]));
    }
    images.flush();
    members.flush();
    counts.flush();
    for (String region : List.of("north", "south")) {
      glanceImages.get(region).flush();
      glanceMembers.get(region).flush();
    }
  }

  // Glance keeps UTC in timestamp columns without a zone.
  private static String timestamp(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC).toString().replace('T', ' ');
  }

  // The columns imagoRow writes: every column of version 1 of the schema, then the family and the
  // deprecation time of version 2; the others keep their defaults (no obsolete time, no
  // replacement, not recycled), which the population never needs.
  private static final String IMAGO_COLUMNS = "id, version, name, description, image_class,"
      + " image_type, source, status, region, owner, os_type, os_platform, os_version,"
      + " os_architecture, os_boot_mode, disk_roles, disk_sizes, min_disk_gib, min_ram_mib,"
      + " size_bytes, server_kinds, encryption_key, market_published_s, market_published_ns,"
      + " market_price_amount, market_price_currency, market_price_unit, tag_keys, tag_values,"
      + " member_tenants, member_statuses, member_vaults, member_times, deletion_protected,"
      + " origin_image, origin_region, backup, created_s, created_ns, updated_s, updated_ns,"
      + " family, excluded_from_latest, deprecated_s, deprecated_ns";

  /** A row of imago_images in the order of {@link #IMAGO_COLUMNS}. */
  static String[] imagoRow(ImageRecord image) {
    List<String> row = new ArrayList<>(45);
    row.add(image.id().value());
    row.add(Long.toString(image.version()));
    row.add(image.name());
    row.add(image.description());
    row.add(image.imageClass().name());
    row.add(image.type().name());
    row.add(image.source().name());
    row.add(image.status().name());
    row.add(image.region().value());
    row.add(image.owner().map(TenantId::value).orElse(null));
    row.add(image.os().map(os -> os.osType().name()).orElse(null));
    row.add(image.os().map(os -> os.platform().name()).orElse(null));
    row.add(image.os().map(os -> os.osVersion()).orElse(null));
    row.add(image.os().map(os -> os.architecture().name()).orElse(null));
    row.add(image.os().map(os -> os.bootMode().name()).orElse(null));
    row.add(array(image.disks().stream().map(disk -> disk.role().name()).toList()));
    row.add(array(image.disks().stream().map(DiskSpec::sizeGib).map(String::valueOf).toList()));
    row.add(Integer.toString(image.minDiskGib()));
    row.add(Integer.toString(image.minRamMib()));
    row.add(Long.toString(image.sizeBytes()));
    row.add(array(image.serverKinds().stream().map(Enum::name).toList()));
    row.add(image.encryptionKey().map(key -> key.value()).orElse(null));
    if (image.listing().isPresent()) {
      throw new IllegalArgumentException("the population has no market images");
    }
    for (int i = 0; i < 5; i++) {
      row.add(null);
    }
    row.add(array(List.copyOf(image.tags().keySet())));
    row.add(array(List.copyOf(image.tags().values())));
    List<String> tenants = new ArrayList<>();
    List<String> statuses = new ArrayList<>();
    List<String> vaults = new ArrayList<>();
    List<String> times = new ArrayList<>();
    for (Membership member : image.members().values()) {
      tenants.add(member.tenant().value());
      statuses.add(member.status().name());
      vaults.add(member.vault().map(vault -> vault.value()).orElse(null));
      times.add(Long.toString(member.createdAt().getEpochSecond()));
      times.add(Integer.toString(member.createdAt().getNano()));
      times.add(Long.toString(member.updatedAt().getEpochSecond()));
      times.add(Integer.toString(member.updatedAt().getNano()));
    }
    row.add(array(tenants));
    row.add(array(statuses));
    row.add(array(vaults));
    row.add(array(times));
    row.add(image.deletionProtected() ? "t" : "f");
    row.add(image.origin().map(origin -> origin.image().value()).orElse(null));
    row.add(image.origin().map(origin -> origin.region().value()).orElse(null));
    row.add(image.backup().map(backup -> backup.value()).orElse(null));
    row.add(Long.toString(image.createdAt().getEpochSecond()));
    row.add(Integer.toString(image.createdAt().getNano()));
    row.add(Long.toString(image.updatedAt().getEpochSecond()));
    row.add(Integer.toString(image.updatedAt().getNano()));
    if (image.deprecation().flatMap(Deprecation::obsoleteAt).isPresent()
        || image.deprecation().flatMap(Deprecation::replacement).isPresent()
        || image.recycling().isPresent()) {
      throw new IllegalArgumentException("the population has no obsolete, replaced or"
          + " recycled images");
    }
    row.add(image.family().orElse(null));
    row.add(image.excludedFromLatest() ? "t" : "f");
    row.add(image.deprecation().map(at -> Long.toString(at.deprecatedAt().getEpochSecond()))
        .orElse(null));
    row.add(image.deprecation().map(at -> Integer.toString(at.deprecatedAt().getNano()))
        .orElse(null));
    return row.toArray(String[]::new);
  }

  // An array literal: every element quoted, so that no value is read as NULL or split.
  private static String array(List<String> elements) {
    StringBuilder literal = new StringBuilder("{");
    for (int i = 0; i < elements.size(); i++) {
      if (i > 0) {
        literal.append(',');
      }
      String element = elements.get(i);
      if (element == null) {
        literal.append("NULL");
      } else {
        literal.append('"').append(element.replace("\\", "\\\\").replace("\"", "\\\""))
            .append('"');
      }
    }
    return literal.append('}').toString();
  }

  /** Rows for one COPY, sent in chunks. */
  private static final class Copier {
    private static final int CHUNK = 4 << 20;
    private final CopyManager copy;
    private final String sql;
    private final StringBuilder buffer = new StringBuilder(CHUNK + 4096);

    Copier(CopyManager copy, String sql) {
      this.copy = copy;
      this.sql = sql;
    }

    void row(String... values) throws SQLException, IOException {
      for (int i = 0; i < values.length; i++) {
        if (i > 0) {
          buffer.append('\t');
        }
        String value = values[i];
        if (value == null) {
          buffer.append("\\N");
        } else {
          for (int c = 0; c < value.length(); c++) {
            char ch = value.charAt(c);
            switch (ch) {
              case '\\' -> buffer.append("\\\\");
              case '\t' -> buffer.append("\\t");
              case '\n' -> buffer.append("\\n");
              case '\r' -> buffer.append("\\r");
              default -> buffer.append(ch);
            }
          }
        }
      }
      buffer.append('\n');
      if (buffer.length() >= CHUNK) {
        flush();
      }
    }

    void flush() throws SQLException, IOException {
      if (buffer.length() > 0) {
        copy.copyIn(sql, new StringReader(buffer.toString()));
        buffer.setLength(0);
      }
    }
  }
}
