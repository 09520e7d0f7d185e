package dev.imago.store.jdbc.internal;

import dev.imago.spi.Architecture;
import dev.imago.spi.BackupId;
import dev.imago.spi.BootMode;
import dev.imago.spi.Deprecation;
import dev.imago.spi.DiskRole;
import dev.imago.spi.DiskSpec;
import dev.imago.spi.ImageClass;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageSource;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.ImageType;
import dev.imago.spi.KeyId;
import dev.imago.spi.MarketListing;
import dev.imago.spi.Membership;
import dev.imago.spi.MembershipStatus;
import dev.imago.spi.OsFacts;
import dev.imago.spi.OsType;
import dev.imago.spi.Platform;
import dev.imago.spi.Price;
import dev.imago.spi.PriceUnit;
import dev.imago.spi.Recycling;
import dev.imago.spi.RegionId;
import dev.imago.spi.ReplicaOrigin;
import dev.imago.spi.ServerKind;
import dev.imago.spi.TenantId;
import dev.imago.spi.VaultId;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The one place that maps an {@link ImageRecord} to a row of {@code imago_images} and back.
 * {@link #COLUMNS} is the column list of every statement that writes or reads a whole record, in
 * the order {@link #bind} binds and {@link #read} reads them.
 */
public final class RecordRow {
  /** Every column of {@code imago_images}, in binding order. */
  public static final String COLUMNS = "id, version, name, description, image_class, image_type,"
      + " source, status, region, owner, os_type, os_platform, os_version, os_architecture,"
      + " os_boot_mode, disk_roles, disk_sizes, min_disk_gib, min_ram_mib, size_bytes,"
      + " server_kinds, encryption_key, market_published_s, market_published_ns,"
      + " market_price_amount, market_price_currency, market_price_unit, tag_keys, tag_values,"
      + " member_tenants, member_statuses, member_vaults, member_times, deletion_protected,"
      + " origin_image, origin_region, backup, created_s, created_ns, updated_s, updated_ns,"
      + " deprecated_s, deprecated_ns, obsolete_s, obsolete_ns, replacement, family,"
      + " excluded_from_latest, recycled_s, recycled_ns, purge_s, purge_ns, status_before";
  /** How many columns {@link #COLUMNS} names. */
  public static final int COLUMN_COUNT = COLUMNS.split(",").length;

  private RecordRow() {}

  /**
   * Returns {@link #COLUMNS} with every column qualified by a table alias.
   *
   * @param alias the alias
   * @return the qualified column list
   */
  public static String columns(String alias) {
    return alias + "." + COLUMNS.replace(", ", ", " + alias + ".");
  }

  /**
   * Binds a record's columns, in the order of {@link #COLUMNS}, from a parameter index on.
   *
   * @param statement the statement
   * @param first the index of the first parameter
   * @param record the record
   * @return the index after the last parameter bound
   * @throws SQLException if the driver refuses a value
   */
  public static int bind(PreparedStatement statement, int first, ImageRecord record)
      throws SQLException {
    Connection connection = statement.getConnection();
    Binder in = new Binder(statement, first);
    in.text(record.id().value());
    in.number(record.version());
    in.text(record.name());
    in.text(record.description());
    in.text(record.imageClass().name());
    in.text(record.type().name());
    in.text(record.source().name());
    in.text(record.status().name());
    in.text(record.region().value());
    in.text(record.owner().map(TenantId::value).orElse(null));
    OsFacts os = record.os().orElse(null);
    in.text(os == null ? null : os.osType().name());
    in.text(os == null ? null : os.platform().name());
    in.text(os == null ? null : os.osVersion());
    in.text(os == null ? null : os.architecture().name());
    in.text(os == null ? null : os.bootMode().name());
    List<DiskSpec> disks = record.disks();
    in.array(connection.createArrayOf("text",
        disks.stream().map(disk -> disk.role().name()).toArray(String[]::new)));
    in.array(connection.createArrayOf("int4",
        disks.stream().map(DiskSpec::sizeGib).toArray(Integer[]::new)));
    in.integer(record.minDiskGib());
    in.integer(record.minRamMib());
    in.number(record.sizeBytes());
    in.array(connection.createArrayOf("text",
        record.serverKinds().stream().map(Enum::name).toArray(String[]::new)));
    in.text(record.encryptionKey().map(KeyId::value).orElse(null));
    MarketListing listing = record.listing().orElse(null);
    in.number(listing == null ? null : listing.publishedAt().getEpochSecond());
    in.integer(listing == null ? null : listing.publishedAt().getNano());
    Price price = listing == null ? null : listing.price().orElse(null);
    in.text(price == null ? null : price.amount().toString());
    in.text(price == null ? null : price.currency().getCurrencyCode());
    in.text(price == null ? null : price.unit().name());
    in.array(connection.createArrayOf("text", record.tags().keySet().toArray(String[]::new)));
    in.array(connection.createArrayOf("text", record.tags().values().toArray(String[]::new)));
    int members = record.members().size();
    String[] tenants = new String[members];
    String[] statuses = new String[members];
    String[] vaults = new String[members];
    Long[] times = new Long[members * 4];
    int m = 0;
    for (Membership member : record.members().values()) {
      tenants[m] = member.tenant().value();
      statuses[m] = member.status().name();
      vaults[m] = member.vault().map(VaultId::value).orElse(null);
      times[m * 4] = member.createdAt().getEpochSecond();
      times[m * 4 + 1] = (long) member.createdAt().getNano();
      times[m * 4 + 2] = member.updatedAt().getEpochSecond();
      times[m * 4 + 3] = (long) member.updatedAt().getNano();
      m++;
    }
    in.array(connection.createArrayOf("text", tenants));
    in.array(connection.createArrayOf("text", statuses));
    in.array(connection.createArrayOf("text", vaults));
    in.array(connection.createArrayOf("int8", times));
    in.bool(record.deletionProtected());
    in.text(record.origin().map(origin -> origin.image().value()).orElse(null));
    in.text(record.origin().map(origin -> origin.region().value()).orElse(null));
    in.text(record.backup().map(BackupId::value).orElse(null));
    in.number(record.createdAt().getEpochSecond());
    in.integer(record.createdAt().getNano());
    in.number(record.updatedAt().getEpochSecond());
    in.integer(record.updatedAt().getNano());
    Deprecation deprecation = record.deprecation().orElse(null);
    in.time(deprecation == null ? null : deprecation.deprecatedAt());
    in.time(deprecation == null ? null : deprecation.obsoleteAt().orElse(null));
    in.text(deprecation == null ? null
        : deprecation.replacement().map(ImageId::value).orElse(null));
    in.text(record.family().orElse(null));
    in.bool(record.excludedFromLatest());
    Recycling recycling = record.recycling().orElse(null);
    in.time(recycling == null ? null : recycling.recycledAt());
    in.time(recycling == null ? null : recycling.purgeAt());
    in.text(recycling == null ? null : recycling.statusBefore().name());
    return in.next;
  }

  /**
   * Reads a record from the current row, whose columns start with {@link #COLUMNS}.
   *
   * @param row the result set, on a row
   * @return the record
   * @throws SQLException if a column cannot be read
   * @throws dev.imago.spi.InputException if the row holds no valid record (it was not written
   *     by this store)
   */
  public static ImageRecord read(ResultSet row) throws SQLException {
    Reader out = new Reader(row);
    var record = ImageRecord.builder()
        .id(ImageId.of(out.text()))
        .version(out.number())
        .name(out.text())
        .description(out.text())
        .imageClass(ImageClass.valueOf(out.text()))
        .type(ImageType.valueOf(out.text()))
        .source(ImageSource.valueOf(out.text()))
        .status(ImageStatus.valueOf(out.text()));
    record.region(RegionId.of(out.text()));
    String owner = out.text();
    if (owner != null) {
      record.owner(TenantId.of(owner));
    }
    String osType = out.text();
    String platform = out.text();
    String osVersion = out.text();
    String architecture = out.text();
    String bootMode = out.text();
    if (osType != null) {
      record.os(OsFacts.builder()
          .osType(OsType.valueOf(osType))
          .platform(Platform.valueOf(platform))
          .osVersion(osVersion)
          .architecture(Architecture.valueOf(architecture))
          .bootMode(BootMode.valueOf(bootMode))
          .build());
    }
    String[] diskRoles = out.texts();
    Integer[] diskSizes = (Integer[]) out.array();
    for (int d = 0; d < diskRoles.length; d++) {
      record.addDisks(DiskSpec.of(DiskRole.valueOf(diskRoles[d]), diskSizes[d]));
    }
    record.minDiskGib(out.integer()).minRamMib(out.integer()).sizeBytes(out.number());
    for (String kind : out.texts()) {
      record.addServerKinds(ServerKind.valueOf(kind));
    }
    String key = out.text();
    if (key != null) {
      record.encryptionKey(KeyId.of(key));
    }
    Long publishedSecond = out.optionalNumber();
    Integer publishedNano = out.optionalInteger();
    String amount = out.text();
    String currency = out.text();
    String unit = out.text();
    if (publishedSecond != null) {
      Instant publishedAt = Instant.ofEpochSecond(publishedSecond, publishedNano);
      record.listing(amount == null ? MarketListing.free(publishedAt)
          : MarketListing.paid(Price.of(amount, currency, PriceUnit.valueOf(unit)), publishedAt));
    }
    String[] tagKeys = out.texts();
    String[] tagValues = out.texts();
    for (int t = 0; t < tagKeys.length; t++) {
      record.putTags(tagKeys[t], tagValues[t]);
    }
    String[] tenants = out.texts();
    String[] statuses = out.texts();
    String[] vaults = out.texts();
    Long[] times = (Long[]) out.array();
    for (int m = 0; m < tenants.length; m++) {
      TenantId tenant = TenantId.of(tenants[m]);
      var membership = Membership.builder()
          .tenant(tenant)
          .status(MembershipStatus.valueOf(statuses[m]))
          .createdAt(Instant.ofEpochSecond(times[m * 4], times[m * 4 + 1]))
          .updatedAt(Instant.ofEpochSecond(times[m * 4 + 2], times[m * 4 + 3]));
      if (vaults[m] != null) {
        membership.vault(VaultId.of(vaults[m]));
      }
      record.putMembers(tenant, membership.build());
    }
    record.deletionProtected(out.bool());
    String originImage = out.text();
    String originRegion = out.text();
    if (originImage != null) {
      record.origin(ReplicaOrigin.of(ImageId.of(originImage), RegionId.of(originRegion)));
    }
    String backup = out.text();
    if (backup != null) {
      record.backup(BackupId.of(backup));
    }
    record.createdAt(Instant.ofEpochSecond(out.number(), out.integer()));
    record.updatedAt(Instant.ofEpochSecond(out.number(), out.integer()));
    Instant deprecatedAt = out.optionalTime();
    Instant obsoleteAt = out.optionalTime();
    String replacement = out.text();
    if (deprecatedAt != null) {
      var deprecation = Deprecation.builder().deprecatedAt(deprecatedAt);
      if (obsoleteAt != null) {
        deprecation.obsoleteAt(obsoleteAt);
      }
      if (replacement != null) {
        deprecation.replacement(ImageId.of(replacement));
      }
      record.deprecation(deprecation.build());
    }
    record.family(Optional.ofNullable(out.text()));
    record.excludedFromLatest(out.bool());
    Instant recycledAt = out.optionalTime();
    Instant purgeAt = out.optionalTime();
    String statusBefore = out.text();
    if (recycledAt != null) {
      record.recycling(Recycling.of(recycledAt, purgeAt, ImageStatus.valueOf(statusBefore)));
    }
    return record.build();
  }

  /**
   * Returns a map's keys and values as two text arrays, in the map's order.
   *
   * @param connection the connection that makes the arrays
   * @param map the map
   * @return the keys and the values
   * @throws SQLException if the driver cannot make an array
   */
  public static Array[] textArrays(Connection connection, Map<String, String> map)
      throws SQLException {
    List<String> keys = new ArrayList<>(map.keySet());
    List<String> values = new ArrayList<>(map.values());
    return new Array[] {
        connection.createArrayOf("text", keys.toArray(String[]::new)),
        connection.createArrayOf("text", values.toArray(String[]::new))};
  }

  /** Binds parameters one after the other. */
  private static final class Binder {
    private final PreparedStatement statement;
    private int next;

    Binder(PreparedStatement statement, int first) {
      this.statement = statement;
      this.next = first;
    }

    void text(@Nullable String value) throws SQLException {
      statement.setString(next++, value);
    }

    void number(@Nullable Long value) throws SQLException {
      if (value == null) {
        statement.setNull(next++, Types.BIGINT);
      } else {
        statement.setLong(next++, value);
      }
    }

    void integer(@Nullable Integer value) throws SQLException {
      if (value == null) {
        statement.setNull(next++, Types.INTEGER);
      } else {
        statement.setInt(next++, value);
      }
    }

    /** A time as two columns, epoch seconds and nanoseconds, both NULL when absent. */
    void time(@Nullable Instant value) throws SQLException {
      number(value == null ? null : value.getEpochSecond());
      integer(value == null ? null : value.getNano());
    }

    void bool(boolean value) throws SQLException {
      statement.setBoolean(next++, value);
    }

    void array(Array value) throws SQLException {
      statement.setArray(next++, value);
    }
  }

  /** Reads columns one after the other. */
  private static final class Reader {
    private final ResultSet row;
    private int next = 1;

    Reader(ResultSet row) {
      this.row = row;
    }

    @Nullable String text() throws SQLException {
      return row.getString(next++);
    }

    long number() throws SQLException {
      return row.getLong(next++);
    }

    @Nullable Long optionalNumber() throws SQLException {
      long value = row.getLong(next++);
      return row.wasNull() ? null : value;
    }

    int integer() throws SQLException {
      return row.getInt(next++);
    }

    @Nullable Integer optionalInteger() throws SQLException {
      int value = row.getInt(next++);
      return row.wasNull() ? null : value;
    }

    /** A time from two columns, epoch seconds and nanoseconds, or null when they are NULL. */
    @Nullable Instant optionalTime() throws SQLException {
      Long second = optionalNumber();
      Integer nano = optionalInteger();
      return second == null ? null : Instant.ofEpochSecond(second, nano);
    }

    boolean bool() throws SQLException {
      return row.getBoolean(next++);
    }

    Object array() throws SQLException {
      return row.getArray(next++).getArray();
    }

    String[] texts() throws SQLException {
      return (String[]) array();
    }
  }
}
