package dev.imago.store.jdbc;

import dev.imago.spi.VersionConflictException;
import dev.imago.spi.EventType;
import dev.imago.spi.ImageChange;
import dev.imago.spi.ImageEvent;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageQuery;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.ImageStore;
import dev.imago.spi.InputException;
import dev.imago.spi.Inputs;
import dev.imago.spi.Membership;
import dev.imago.spi.ListingKey;
import dev.imago.spi.Page;
import dev.imago.spi.PageCursor;
import dev.imago.spi.QuotaExceededException;
import dev.imago.spi.RegionId;
import dev.imago.spi.StoreException;
import dev.imago.spi.StoredEvent;
import dev.imago.spi.TenantId;
import dev.imago.store.jdbc.internal.Database;
import dev.imago.store.jdbc.internal.ListingSql;
import dev.imago.store.jdbc.internal.RecordRow;
import dev.imago.store.jdbc.internal.StorableText;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Imago's {@link ImageStore} on PostgreSQL 14 or later, through plain JDBC over the host's {@link
 * DataSource} (a pool, such as HikariCP, in production). Several hosts may share one database:
 * every save is one transaction that checks the version, writes the record, its members index,
 * the quota count and the events, or writes nothing.
 *
 * <p>The schema comes from the versioned SQL files in this jar: apply it with {@link
 * ImagoSchema#migrate(DataSource)}, or with the host's own migrations from {@value
 * ImagoSchema#LOCATION}. A store refuses a database whose schema is missing or newer than this
 * jar's.
 *
 * <p>Optimistic concurrency: a change of an image updates its row only while the row holds the
 * expected version ({@code UPDATE ... WHERE id = ? AND version = ?}); a new image is inserted
 * only while its id is free. Events take their sequence numbers from one counter row updated in
 * the save's transaction, whose lock is held to the commit: saves that append events commit in
 * the order of their numbers, so a reader of {@link #events(long, int)} never sees a number
 * before every lower one, and the numbers have no gaps.
 *
 * <p>Listings are keyset pages of a {@code UNION ALL} of index-ordered branches (own, public,
 * market, shared by membership status), each cut at a page; names compare in code point order
 * ({@code COLLATE "C"}).
 *
 * <p>Thread-safe: it keeps no state but the data source.
 */
public final class JdbcImageStore implements ImageStore {
  private final Database database;

  /**
   * Creates a store over a database whose schema {@link ImagoSchema#migrate(DataSource)} (or the
   * host's own migrations) applied; it reads the schema version once, here.
   *
   * @param dataSource the host's data source
   * @throws InputException if the data source is absent
   * @throws StoreException if the database cannot be reached, holds no Imago schema, or holds a
   *     schema of another version than this jar's ({@value ImagoSchema#VERSION}); the message
   *     names both versions
   */
  public JdbcImageStore(DataSource dataSource) {
    this.database = new Database(Inputs.present(dataSource, "dataSource"));
    database.read("read the schema version",
        connection -> {
          ImagoSchema.requireCurrent(connection);
          return null;
        });
  }

  // --- load ---

  private static final String LOAD =
      "SELECT " + RecordRow.COLUMNS + " FROM imago_images WHERE id = ?";

  /**
   * {@inheritDoc}
   *
   * @throws InputException if {@code id} is absent (rule {@code INPUT_VALUE})
   * @throws StoreException if the database failed
   */
  @Override
  public Optional<ImageRecord> load(ImageId id) {
    Inputs.present(id, "id");
    return database.read("load an image", connection -> {
      try (PreparedStatement load = connection.prepareStatement(LOAD)) {
        load.setString(1, id.value());
        try (ResultSet row = load.executeQuery()) {
          return row.next() ? Optional.of(RecordRow.read(row)) : Optional.empty();
        }
      }
    });
  }

  // --- save ---

  // The stored state a change replaces: what the version check, the members index and the quota
  // count need. FOR UPDATE holds the row to the commit.
  private static final String LOCK_CURRENT = "SELECT version, owner, region, status, name,"
      + " created_s, created_ns, member_tenants, member_statuses FROM imago_images"
      + " WHERE id = ? FOR UPDATE";
  private static final String INSERT = "INSERT INTO imago_images (" + RecordRow.COLUMNS
      + ") VALUES (" + placeholders(RecordRow.COLUMN_COUNT) + ") ON CONFLICT (id) DO NOTHING";
  private static final String UPDATE = "UPDATE imago_images SET (" + RecordRow.COLUMNS
      + ") = (" + placeholders(RecordRow.COLUMN_COUNT) + ") WHERE id = ? AND version = ?";
  // Two saves that create the same image id meet here; a change that was decided on another
  // image being absent takes the shared form (see UNCHANGED). Two-key locks in Imago's own
  // class of keys, so that they never meet a host's advisory locks.
  private static final int LOCK_CLASS = 0x1A6A60;
  private static final String LOCK_NEW_ID = "SELECT pg_advisory_xact_lock(?, ?)";
  private static final String LOCK_ABSENT_ID = "SELECT pg_advisory_xact_lock_shared(?, ?)";
  private static final String LOCK_UNCHANGED =
      "SELECT id, version FROM imago_images WHERE id = ANY (?) FOR SHARE";
  private static final String MEMBERS_MOVE = "UPDATE imago_members SET region = ?, name = ?,"
      + " created_s = ?, created_ns = ? WHERE image_id = ?";
  private static final String MEMBERS_REMOVE =
      "DELETE FROM imago_members WHERE image_id = ? AND tenant = ANY (?)";
  private static final String MEMBERS_PUT = "INSERT INTO imago_members (image_id, tenant, status,"
      + " region, name, created_s, created_ns) SELECT ?, u.tenant, u.status, ?, ?, ?, ?"
      + " FROM unnest(?::text[], ?::text[]) AS u (tenant, status)"
      + " ON CONFLICT (image_id, tenant) DO UPDATE SET status = EXCLUDED.status";
  private static final String OWNED_TAKE = "INSERT INTO imago_owned_counts (owner, region, owned)"
      + " VALUES (?, ?, 1) ON CONFLICT (owner, region)"
      + " DO UPDATE SET owned = imago_owned_counts.owned + 1";
  // 0 rows: the owner already had the limit, and nothing changed.
  private static final String OWNED_TAKE_WITHIN = OWNED_TAKE + " WHERE imago_owned_counts.owned < ?";
  private static final String OWNED_RELEASE =
      "UPDATE imago_owned_counts SET owned = owned - 1 WHERE owner = ? AND region = ?";
  // Last in the transaction: the row lock serializes saves with events from here to the commit.
  private static final String EVENTS_RESERVE =
      "UPDATE imago_event_head SET last_sequence = last_sequence + ? RETURNING last_sequence";
  private static final String EVENTS_APPEND = "INSERT INTO imago_events (sequence, image_id,"
      + " event_type, actor, member, occurred_s, occurred_ns, detail_keys, detail_values)"
      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

  /**
   * {@inheritDoc}
   *
   * <p>One transaction: the image's row is inserted (its id must be free) or updated under the
   * expected version, the unchanged images are locked and compared, the owner's count is taken
   * within the limit, the members index follows the members, and the events take the next
   * numbers last.
   *
   * @throws VersionConflictException if the stored image or an unchanged image has another
   *     version, or the database found the save in a deadlock or a serialization conflict;
   *     nothing was written
   * @throws QuotaExceededException if the owner already had the owned limit of counted images
   *     in the record's region; nothing was written
   * @throws InputException if {@code change} is absent, or a text holds what PostgreSQL cannot
   *     store (a NUL character, an unpaired surrogate); nothing was written
   * @throws StoreException if the database failed; nothing was written
   */
  @Override
  public void save(ImageChange change) {
    Inputs.present(change, "change");
    ImageRecord record = change.record();
    long expectedVersion = change.expectedVersion();
    StorableText.check(record);
    StorableText.check(change.events());
    database.transaction("save image " + record.id(),
        retryable -> new VersionConflictException(record.id(), expectedVersion),
        connection -> {
          Current current = expectedVersion == 0
              ? insert(connection, record)
              : update(connection, record, expectedVersion);
          requireUnchanged(connection, change.unchangedImages());
          count(connection, current, record, change.ownedLimit());
          index(connection, current, record);
          append(connection, change.events());
          return null;
        });
  }

  private static Current insert(Connection connection, ImageRecord record) throws SQLException {
    lock(connection, LOCK_NEW_ID, record.id());
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      RecordRow.bind(insert, 1, record);
      if (insert.executeUpdate() == 0) {
        throw new VersionConflictException(record.id(), 0);
      }
    }
    return Current.NONE;
  }

  private static Current update(Connection connection, ImageRecord record, long expectedVersion)
      throws SQLException {
    Current current;
    try (PreparedStatement lock = connection.prepareStatement(LOCK_CURRENT)) {
      lock.setString(1, record.id().value());
      try (ResultSet row = lock.executeQuery()) {
        if (!row.next() || row.getLong(1) != expectedVersion) {
          throw new VersionConflictException(record.id(), expectedVersion);
        }
        current = Current.read(row);
      }
    }
    try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
      int next = RecordRow.bind(update, 1, record);
      update.setString(next, record.id().value());
      update.setLong(next + 1, expectedVersion);
      if (update.executeUpdate() == 0) {
        throw new VersionConflictException(record.id(), expectedVersion);
      }
    }
    return current;
  }

  private static void requireUnchanged(Connection connection, Map<ImageId, Long> unchanged)
      throws SQLException {
    if (unchanged.isEmpty()) {
      return;
    }
    // Sorted, so that two saves lock the same images in the same order.
    List<ImageId> ids = new ArrayList<>(unchanged.keySet());
    ids.sort((a, b) -> a.value().compareTo(b.value()));
    for (ImageId id : ids) {
      if (unchanged.get(id) == 0) {
        lock(connection, LOCK_ABSENT_ID, id);
      }
    }
    Map<ImageId, Long> stored = new HashMap<>();
    try (PreparedStatement lock = connection.prepareStatement(LOCK_UNCHANGED)) {
      lock.setArray(1, connection.createArrayOf("text",
          ids.stream().map(ImageId::value).toArray(String[]::new)));
      try (ResultSet rows = lock.executeQuery()) {
        while (rows.next()) {
          stored.put(ImageId.of(rows.getString(1)), rows.getLong(2));
        }
      }
    }
    for (ImageId id : ids) {
      long read = unchanged.get(id);
      if (stored.getOrDefault(id, 0L) != read) {
        throw new VersionConflictException(id, read);
      }
    }
  }

  private static void lock(Connection connection, String sql, ImageId id) throws SQLException {
    try (PreparedStatement lock = connection.prepareStatement(sql)) {
      lock.setInt(1, LOCK_CLASS);
      lock.setInt(2, id.value().hashCode());
      lock.execute();
    }
  }

  private static void count(Connection connection, Current current, ImageRecord record,
      OptionalLong ownedLimit) throws SQLException {
    boolean counted = current.counted();
    boolean counts = record.isCountedInQuota();
    boolean samePlace = counted && counts && current.owner.equals(record.owner().get().value())
        && current.region.equals(record.region().value());
    if (samePlace) {
      return;
    }
    if (counted) {
      try (PreparedStatement release = connection.prepareStatement(OWNED_RELEASE)) {
        release.setString(1, current.owner);
        release.setString(2, current.region);
        release.executeUpdate();
      }
    }
    if (counts) {
      TenantId owner = record.owner().get();
      boolean limited = ownedLimit.isPresent();
      if (limited && ownedLimit.getAsLong() < 1) {
        throw new QuotaExceededException(owner, record.region(), ownedLimit.getAsLong());
      }
      try (PreparedStatement take =
          connection.prepareStatement(limited ? OWNED_TAKE_WITHIN : OWNED_TAKE)) {
        take.setString(1, owner.value());
        take.setString(2, record.region().value());
        if (limited) {
          take.setLong(3, ownedLimit.getAsLong());
        }
        if (take.executeUpdate() == 0) {
          throw new QuotaExceededException(owner, record.region(), ownedLimit.getAsLong());
        }
      }
    }
  }

  /** Keeps the members index equal to the record's members. */
  private static void index(Connection connection, Current current, ImageRecord record)
      throws SQLException {
    String id = record.id().value();
    Map<String, String> wanted = new HashMap<>();
    for (Membership member : record.members().values()) {
      wanted.put(member.tenant().value(), member.status().name());
    }
    boolean moved = !current.members.isEmpty()
        && (!current.region.equals(record.region().value())
            || !current.name.equals(record.name())
            || !current.createdAt.equals(record.createdAt()));
    if (moved) {
      try (PreparedStatement move = connection.prepareStatement(MEMBERS_MOVE)) {
        move.setString(1, record.region().value());
        move.setString(2, record.name());
        move.setLong(3, record.createdAt().getEpochSecond());
        move.setInt(4, record.createdAt().getNano());
        move.setString(5, id);
        move.executeUpdate();
      }
    }
    List<String> removed = new ArrayList<>();
    for (String tenant : current.members.keySet()) {
      if (!wanted.containsKey(tenant)) {
        removed.add(tenant);
      }
    }
    if (!removed.isEmpty()) {
      try (PreparedStatement remove = connection.prepareStatement(MEMBERS_REMOVE)) {
        remove.setString(1, id);
        remove.setArray(2, connection.createArrayOf("text", removed.toArray(String[]::new)));
        remove.executeUpdate();
      }
    }
    List<String> tenants = new ArrayList<>();
    List<String> statuses = new ArrayList<>();
    wanted.forEach((tenant, status) -> {
      if (!status.equals(current.members.get(tenant))) {
        tenants.add(tenant);
        statuses.add(status);
      }
    });
    if (!tenants.isEmpty()) {
      try (PreparedStatement put = connection.prepareStatement(MEMBERS_PUT)) {
        put.setString(1, id);
        put.setString(2, record.region().value());
        put.setString(3, record.name());
        put.setLong(4, record.createdAt().getEpochSecond());
        put.setInt(5, record.createdAt().getNano());
        put.setArray(6, connection.createArrayOf("text", tenants.toArray(String[]::new)));
        put.setArray(7, connection.createArrayOf("text", statuses.toArray(String[]::new)));
        put.executeUpdate();
      }
    }
  }

  private static void append(Connection connection, List<ImageEvent> events)
      throws SQLException {
    if (events.isEmpty()) {
      return;
    }
    long last;
    try (PreparedStatement reserve = connection.prepareStatement(EVENTS_RESERVE)) {
      reserve.setInt(1, events.size());
      try (ResultSet row = reserve.executeQuery()) {
        row.next();
        last = row.getLong(1);
      }
    }
    long sequence = last - events.size();
    try (PreparedStatement append = connection.prepareStatement(EVENTS_APPEND)) {
      for (ImageEvent event : events) {
        Array[] details = RecordRow.textArrays(connection, event.details());
        append.setLong(1, ++sequence);
        append.setString(2, event.image().value());
        append.setString(3, event.type().name());
        append.setString(4, event.actor().map(TenantId::value).orElse(null));
        append.setString(5, event.member().map(TenantId::value).orElse(null));
        append.setLong(6, event.occurredAt().getEpochSecond());
        append.setInt(7, event.occurredAt().getNano());
        append.setArray(8, details[0]);
        append.setArray(9, details[1]);
        append.addBatch();
      }
      append.executeBatch();
    }
  }

  /** What a change replaces: the stored row's owner, place, sort keys and members. */
  private static final class Current {
    static final Current NONE = new Current(null, "", ImageStatus.DELETED.name(), "",
        Instant.EPOCH, Map.of());

    final @Nullable String owner;
    final String region;
    final String status;
    final String name;
    final Instant createdAt;
    final Map<String, String> members;

    private Current(@Nullable String owner, String region, String status, String name,
        Instant createdAt, Map<String, String> members) {
      this.owner = owner;
      this.region = region;
      this.status = status;
      this.name = name;
      this.createdAt = createdAt;
      this.members = members;
    }

    static Current read(ResultSet row) throws SQLException {
      String[] tenants = (String[]) row.getArray(8).getArray();
      String[] statuses = (String[]) row.getArray(9).getArray();
      Map<String, String> members = new HashMap<>();
      for (int m = 0; m < tenants.length; m++) {
        members.put(tenants[m], statuses[m]);
      }
      return new Current(row.getString(2), row.getString(3), row.getString(4),
          row.getString(5), Instant.ofEpochSecond(row.getLong(6), row.getInt(7)),
          Collections.unmodifiableMap(members));
    }

    // As ImageRecord.isCountedInQuota: owned and in use, neither DELETED nor RECYCLED.
    boolean counted() {
      return owner != null && !ImageStatus.DELETED.name().equals(status)
          && !ImageStatus.RECYCLED.name().equals(status);
    }
  }

  // --- listings ---

  // Planning the listing's union takes longer than running it, and PostgreSQL keeps planning it
  // afresh for each viewer: its estimate of a generic plan under a bound LIMIT is too high. The
  // generic plan reads the same indexes, whoever the viewer is.
  private static final String GENERIC_PLAN = "SET LOCAL plan_cache_mode = force_generic_plan";

  /**
   * {@inheritDoc}
   *
   * @throws InputException if the cursor was not returned by the same query of the same viewer
   *     (rule {@code INPUT_PAGE}), a text filter holds what PostgreSQL cannot store, or the query
   *     is absent
   * @throws StoreException if the database failed
   */
  @Override
  public Page<ImageRecord> listVisible(ImageQuery query) {
    Inputs.present(query, "query");
    StorableText.check(query);
    ListingKey after = PageCursor.decode(query).orElse(null);
    int pageSize = query.pageSize();
    return database.readInTransaction("list images", connection -> {
      try (Statement plan = connection.createStatement()) {
        plan.execute(GENERIC_PLAN);
      }
      List<ImageRecord> items = new ArrayList<>(pageSize);
      PreparedStatement statement = ListingSql.prepare(connection, query, after);
      if (statement == null) {
        return Page.of(items, Optional.empty());
      }
      try (statement; ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          if (items.size() == pageSize) {
            return Page.of(items, Optional.of(PageCursor.encode(query, items.get(pageSize - 1))));
          }
          items.add(RecordRow.read(rows));
        }
      }
      return Page.of(items, Optional.empty());
    });
  }

  // --- owned count ---

  private static final String COUNT_OWNED =
      "SELECT owned FROM imago_owned_counts WHERE owner = ? AND region = ?";

  /**
   * {@inheritDoc}
   *
   * @throws InputException if an argument is absent (rule {@code INPUT_VALUE})
   * @throws StoreException if the database failed
   */
  @Override
  public long countOwned(TenantId owner, RegionId region) {
    Inputs.present(owner, "owner");
    Inputs.present(region, "region");
    return database.read("count owned images", connection -> {
      try (PreparedStatement count = connection.prepareStatement(COUNT_OWNED)) {
        count.setString(1, owner.value());
        count.setString(2, region.value());
        try (ResultSet row = count.executeQuery()) {
          return row.next() ? row.getLong(1) : 0L;
        }
      }
    });
  }

  // --- recycle bins ---

  // From the purge index, in its order: the RECYCLED images whose retention has ended.
  private static final String EXPIRED = "SELECT " + RecordRow.COLUMNS + " FROM imago_images"
      + " WHERE status = 'RECYCLED' AND (purge_s, purge_ns) <= (?, ?)"
      + " ORDER BY purge_s, purge_ns, id LIMIT ?";

  /**
   * {@inheritDoc}
   *
   * @throws InputException if {@code purgeBy} is absent or {@code limit} below 1 (rule {@code
   *     INPUT_VALUE})
   * @throws StoreException if the database failed
   */
  @Override
  public List<ImageRecord> listExpired(Instant purgeBy, int limit) {
    Inputs.present(purgeBy, "purgeBy");
    Inputs.range(limit, 1, Integer.MAX_VALUE, "limit");
    return database.read("list expired images", connection -> {
      try (PreparedStatement expired = connection.prepareStatement(EXPIRED)) {
        expired.setLong(1, purgeBy.getEpochSecond());
        expired.setInt(2, purgeBy.getNano());
        expired.setInt(3, limit);
        List<ImageRecord> records = new ArrayList<>();
        try (ResultSet rows = expired.executeQuery()) {
          while (rows.next()) {
            records.add(RecordRow.read(rows));
          }
        }
        return records;
      }
    });
  }

  // --- events ---

  private static final String EVENTS_READ = "SELECT sequence, image_id, event_type, actor,"
      + " member, occurred_s, occurred_ns, detail_keys, detail_values FROM imago_events"
      + " WHERE sequence > ? ORDER BY sequence LIMIT ?";

  /**
   * {@inheritDoc}
   *
   * @throws InputException if {@code afterSequence} is negative or {@code limit} below 1 (rule
   *     {@code INPUT_VALUE})
   * @throws StoreException if the database failed
   */
  @Override
  public List<StoredEvent> events(long afterSequence, int limit) {
    Inputs.range(afterSequence, 0, Long.MAX_VALUE, "afterSequence");
    Inputs.range(limit, 1, Integer.MAX_VALUE, "limit");
    return database.read("read events", connection -> {
      try (PreparedStatement read = connection.prepareStatement(EVENTS_READ)) {
        read.setLong(1, afterSequence);
        read.setInt(2, limit);
        try (ResultSet rows = read.executeQuery()) {
          List<StoredEvent> events = new ArrayList<>();
          while (rows.next()) {
            events.add(StoredEvent.of(rows.getLong(1), event(rows)));
          }
          return List.copyOf(events);
        }
      }
    });
  }

  private static ImageEvent event(ResultSet row) throws SQLException {
    var event = ImageEvent.builder()
        .image(ImageId.of(row.getString(2)))
        .type(EventType.valueOf(row.getString(3)))
        .occurredAt(Instant.ofEpochSecond(row.getLong(6), row.getInt(7)));
    String actor = row.getString(4);
    if (actor != null) {
      event.actor(TenantId.of(actor));
    }
    String member = row.getString(5);
    if (member != null) {
      event.member(TenantId.of(member));
    }
    String[] keys = (String[]) row.getArray(8).getArray();
    String[] values = (String[]) row.getArray(9).getArray();
    for (int d = 0; d < keys.length; d++) {
      event.putDetails(keys[d], values[d]);
    }
    return event.build();
  }

  private static String placeholders(int count) {
    return String.join(", ", Collections.nCopies(count, "?"));
  }

  @Override
  public String toString() {
    return "JdbcImageStore";
  }
}
