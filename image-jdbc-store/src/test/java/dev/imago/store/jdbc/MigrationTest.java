package dev.imago.store.jdbc;

import static dev.imago.store.jdbc.Images.ALICE;
import static dev.imago.store.jdbc.Images.BOB;
import static dev.imago.store.jdbc.Images.REGION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.imago.spi.Architecture;
import dev.imago.spi.BackupId;
import dev.imago.spi.BootMode;
import dev.imago.spi.Deprecation;
import dev.imago.spi.DiskRole;
import dev.imago.spi.DiskSpec;
import dev.imago.spi.EventType;
import dev.imago.spi.ImageChange;
import dev.imago.spi.ImageClass;
import dev.imago.spi.ImageEvent;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageQuery;
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
import dev.imago.spi.Page;
import dev.imago.spi.Platform;
import dev.imago.spi.Price;
import dev.imago.spi.PriceUnit;
import dev.imago.spi.RegionId;
import dev.imago.spi.ReplicaOrigin;
import dev.imago.spi.ServerKind;
import dev.imago.spi.StoredEvent;
import dev.imago.spi.TenantId;
import dev.imago.spi.VaultId;
import dev.imago.spi.Visibility;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The schema's first upgrade in place: a version-1 database, filled as a version-1 jar writes it
 * (plain SQL here, so that it does not depend on this jar's mapping), is migrated to version 2
 * by {@link ImagoSchema#migrate}, and then reads as it did (every image, member, count and event)
 * and keeps the new deprecation columns.
 */
class MigrationTest {
  private static final String SCHEMA = "migration";
  private static final RegionId EAST = RegionId.of("cn-east-3");
  private static final TenantId CAROL = TenantId.of("carol");
  private static final TenantId DAVE = TenantId.of("dave");
  private static final TenantId ERIN = TenantId.of("erin");
  /** 2026-01-01T00:00:00Z. */
  private static final long T = 1_767_225_600L;

  /** The columns of imago_images in version 1, which a version-1 jar names in its statements. */
  private static final List<String> V1_COLUMNS = List.of("id", "version", "name", "description",
      "image_class", "image_type", "source", "status", "region", "owner", "os_type",
      "os_platform", "os_version", "os_architecture", "os_boot_mode", "disk_roles", "disk_sizes",
      "min_disk_gib", "min_ram_mib", "size_bytes", "server_kinds", "encryption_key",
      "market_published_s", "market_published_ns", "market_price_amount",
      "market_price_currency", "market_price_unit", "tag_keys", "tag_values", "member_tenants",
      "member_statuses", "member_vaults", "member_times", "deletion_protected", "origin_image",
      "origin_region", "backup", "created_s", "created_ns", "updated_s", "updated_ns");

  // Rows as a version-1 jar writes them, in the order of V1_COLUMNS.
  private static final List<String> V1_IMAGES = List.of(
      "'gold-1', 3, 'Ubuntu 24.04', 'The platform''s image', 'PUBLIC', 'SYSTEM_DISK',"
          + " 'EXTERNAL_FILE', 'ACTIVE', 'cn-north-4', NULL, 'LINUX', 'UBUNTU', '24.04', 'X86_64',"
          + " 'UEFI', '{SYSTEM}', '{40}', 40, 1024, 2147483648, '{ECS,BMS}', NULL,"
          + " NULL, NULL, NULL, NULL, NULL, '{}', '{}', '{}', '{}', '{}', '{}', false,"
          + " NULL, NULL, NULL, " + T + ", 1, " + (T + 100) + ", 999999999",
      "'alice-web', 2, 'web 镜像', '', 'PRIVATE', 'SYSTEM_DISK', 'SERVER', 'ACTIVE',"
          + " 'cn-north-4', 'alice', 'LINUX', 'DEBIAN', '12', 'AARCH64', 'BIOS', '{SYSTEM}', '{50}',"
          + " 60, 2048, 1000, '{ECS}', 'key-1', NULL, NULL, NULL, NULL, NULL,"
          + " '{team,env}', '{web,prod}', '{}', '{}', '{}', '{}', true, NULL, NULL, NULL, "
          + (T + 1) + ", 500, " + (T + 1) + ", 500",
      "'alice-shared', 5, 'shared server', 'a whole server', 'PRIVATE', 'FULL_SERVER',"
          + " 'CLOUD_BACKUP', 'ACTIVE', 'cn-north-4', 'alice', 'WINDOWS', 'WINDOWS', '2022',"
          + " 'X86_64', 'UEFI', '{SYSTEM,DATA}', '{40,100}', 40, 4096, 5000, '{ECS}', NULL,"
          + " NULL, NULL, NULL, NULL, NULL, '{}', '{}', '{bob,carol,dave}',"
          + " '{ACCEPTED,PENDING,REJECTED}', '{vault-bob,NULL,NULL}', '{" + (T + 100) + ",1,"
          + (T + 200) + ",2," + (T + 101) + ",0," + (T + 101) + ",0," + (T + 102) + ",3,"
          + (T + 300) + ",4}', false, NULL, NULL, 'backup-1', " + (T + 2) + ", 0, " + (T + 300)
          + ", 4",
      "'alice-data', 2, 'data', '', 'PRIVATE', 'DATA_DISK', 'DATA_DISK', 'DEACTIVATED',"
          + " 'cn-north-4', 'alice', NULL, NULL, NULL, NULL, NULL, '{DATA}', '{100}', 100, 0, 0,"
          + " '{}', NULL, NULL, NULL, NULL, NULL, NULL, '{}', '{}', '{}', '{}', '{}', '{}', false,"
          + " NULL, NULL, NULL, " + (T + 3) + ", 0, " + (T + 3) + ", 0",
      "'alice-gone', 4, 'gone', '', 'PRIVATE', 'SYSTEM_DISK', 'SERVER', 'DELETED',"
          + " 'cn-north-4', 'alice', 'LINUX', 'UBUNTU', '', 'X86_64', 'UEFI', '{SYSTEM}', '{40}',"
          + " 40, 0, 0, '{ECS}', NULL, NULL, NULL, NULL, NULL, NULL, '{}', '{}', '{}', '{}',"
          + " '{}', '{}', false, NULL, NULL, NULL, " + (T + 4) + ", 0, " + (T + 4) + ", 0",
      "'alice-replica', 1, 'web 镜像', '', 'PRIVATE', 'SYSTEM_DISK', 'REPLICA', 'QUEUED',"
          + " 'cn-east-3', 'alice', 'LINUX', 'DEBIAN', '12', 'AARCH64', 'BIOS', '{SYSTEM}', '{50}',"
          + " 60, 2048, 1000, '{ECS}', NULL, NULL, NULL, NULL, NULL, NULL, '{}', '{}', '{}', '{}',"
          + " '{}', '{}', false, 'alice-web', 'cn-north-4', NULL, " + (T + 5) + ", 0, "
          + (T + 5) + ", 0",
      "'bob-market', 3, 'rocky', '', 'MARKET', 'SYSTEM_DISK', 'SERVER', 'ACTIVE',"
          + " 'cn-north-4', 'bob', 'LINUX', 'ROCKY', '9', 'X86_64', 'UEFI', '{SYSTEM}', '{40}',"
          + " 40, 0, 0, '{ECS}', NULL, " + (T + 100) + ", 7, '9.90', 'USD', 'PER_HOUR',"
          + " '{}', '{}', '{}', '{}', '{}', '{}', false, NULL, NULL, NULL, " + (T + 6) + ", 0, "
          + (T + 100) + ", 7",
      "'bob-iso', 1, 'installer', '', 'PRIVATE', 'ISO', 'ISO_FILE', 'ACTIVE',"
          + " 'cn-north-4', 'bob', NULL, NULL, NULL, NULL, NULL, '{}', '{}', 10, 0, 0,"
          + " '{ECS,BMS}', NULL, NULL, NULL, NULL, NULL, NULL, '{}', '{}', '{}', '{}', '{}', '{}',"
          + " false, NULL, NULL, NULL, " + (T + 7) + ", 0, " + (T + 7) + ", 0");

  private static final List<String> V1_REST = List.of(
      "INSERT INTO imago_members (image_id, tenant, status, region, name, created_s, created_ns)"
          + " VALUES ('alice-shared', 'bob', 'ACCEPTED', 'cn-north-4', 'shared server', "
          + (T + 2) + ", 0), ('alice-shared', 'carol', 'PENDING', 'cn-north-4', 'shared server', "
          + (T + 2) + ", 0), ('alice-shared', 'dave', 'REJECTED', 'cn-north-4', 'shared server', "
          + (T + 2) + ", 0)",
      "INSERT INTO imago_owned_counts (owner, region, owned) VALUES ('alice', 'cn-north-4', 3),"
          + " ('alice', 'cn-east-3', 1), ('bob', 'cn-north-4', 2)",
      "INSERT INTO imago_events (sequence, image_id, event_type, actor, member, occurred_s,"
          + " occurred_ns, detail_keys, detail_values) VALUES"
          + " (1, 'gold-1', 'CREATED', NULL, NULL, " + T + ", 1, '{}', '{}'),"
          + " (2, 'alice-shared', 'CREATED', 'alice', NULL, " + (T + 2) + ", 0, '{source}',"
          + " '{CLOUD_BACKUP}'),"
          + " (3, 'alice-shared', 'MEMBER_ADDED', 'alice', 'bob', " + (T + 100) + ", 1, '{}',"
          + " '{}'),"
          + " (4, 'alice-shared', 'MEMBER_ACCEPTED', 'bob', 'bob', " + (T + 200) + ", 2,"
          + " '{vault}', '{vault-bob}'),"
          + " (5, 'alice-gone', 'DELETED', 'alice', NULL, " + (T + 400) + ", 999999999,"
          + " '{reason,note}', '{\"it''s old\",镜像}')",
      "UPDATE imago_event_head SET last_sequence = 5");

  private final PostgresServer server = PostgresServer.get();
  private DataSource database;

  @BeforeEach
  void versionOneDatabase() throws SQLException {
    server.recreate(SCHEMA);
    database = server.unpooled(SCHEMA, Map.of());
    // As a version-1 jar's ImagoSchema.migrate applied it: Imago's location and history table.
    Flyway.configure().dataSource(database).locations(ImagoSchema.LOCATION)
        .table(ImagoSchema.HISTORY_TABLE).baselineOnMigrate(true).baselineVersion("0")
        .target("1").load().migrate();
    assertThat(query("SELECT version FROM imago_schema_info")).containsExactly("1");
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement()) {
      for (String row : V1_IMAGES) {
        statement.execute("INSERT INTO imago_images (" + String.join(", ", V1_COLUMNS)
            + ") VALUES (" + row + ")");
      }
      for (String sql : V1_REST) {
        statement.execute(sql);
      }
    }
  }

  @Test
  void a_populated_version_1_database_is_upgraded_in_place_and_reads_as_it_was_written()
      throws SQLException {
    assertThat(ImagoSchema.migrate(database)).isEqualTo(2);

    assertThat(query("SELECT version FROM imago_schema_info")).containsExactly("2");
    assertThat(query("SELECT version FROM imago_schema_history WHERE type = 'SQL'"
        + " ORDER BY installed_rank")).containsExactly("1", "2");
    JdbcImageStore store = new JdbcImageStore(database);
    for (ImageRecord image : versionOneImages()) {
      assertThat(store.load(image.id())).as("image %s", image.id()).contains(image);
    }
    assertThat(query("SELECT count(*) FROM imago_images WHERE deprecated_s IS NOT NULL"
        + " OR deprecated_ns IS NOT NULL OR obsolete_s IS NOT NULL OR obsolete_ns IS NOT NULL"
        + " OR replacement IS NOT NULL")).containsExactly("0");
    assertThat(query("SELECT image_id || ' ' || tenant || ' ' || status FROM imago_members"
        + " ORDER BY tenant")).containsExactly("alice-shared bob ACCEPTED",
            "alice-shared carol PENDING", "alice-shared dave REJECTED");

    assertThat(listed(store, query(ALICE))).as("Alice's listing")
        .containsExactly("bob-market", "alice-data", "alice-shared", "alice-web", "gold-1");
    assertThat(walk(store, query(ALICE).pageSize(2).build())).as("Alice's listing, in pages")
        .containsExactly("bob-market", "alice-data", "alice-shared", "alice-web", "gold-1");
    assertThat(listed(store, query(ALICE).region(EAST))).as("Alice's listing in the east")
        .containsExactly("alice-replica");
    assertThat(listed(store, query(BOB))).as("Bob's listing")
        .containsExactly("bob-iso", "bob-market", "alice-shared", "gold-1");
    assertThat(listed(store, query(CAROL))).as("Carol's default listing")
        .containsExactly("bob-market", "gold-1");
    assertThat(listed(store, query(CAROL).membership(EnumSet.of(MembershipStatus.PENDING))))
        .as("Carol's pending shares").containsExactly("bob-market", "alice-shared", "gold-1");
    assertThat(listed(store, query(DAVE).include(EnumSet.of(Visibility.SHARED))
        .membership(EnumSet.of(MembershipStatus.REJECTED))))
        .as("Dave's rejected shares").containsExactly("alice-shared");
    assertThat(listed(store, query(ERIN).include(EnumSet.of(Visibility.PUBLIC))))
        .as("the public images").containsExactly("gold-1");

    assertThat(store.countOwned(ALICE, REGION)).isEqualTo(3);
    assertThat(store.countOwned(ALICE, EAST)).isEqualTo(1);
    assertThat(store.countOwned(BOB, REGION)).isEqualTo(2);
    assertThat(store.countOwned(CAROL, REGION)).isZero();
    assertThat(store.events(0, 100)).containsExactlyElementsOf(versionOneEvents());
    assertThat(store.events(3, 100)).extracting(StoredEvent::sequence).containsExactly(4L, 5L);
  }

  @Test
  void an_upgraded_database_keeps_new_images_and_deprecations_and_lists_by_them() {
    ImagoSchema.migrate(database);
    JdbcImageStore store = new JdbcImageStore(database);
    ImageRecord shared = image(versionOneImages(), "alice-shared");
    ImageRecord successor = ImageRecord.builder().from(shared).id(ImageId.of("alice-shared-2"))
        .version(1).members(Map.of()).createdAt(at(1000, 0)).updatedAt(at(1000, 0)).build();
    Instant deprecated = at(86_400, 5);
    ImageRecord retired = ImageRecord.builder().from(shared).version(6).updatedAt(at(1001, 0))
        .deprecation(Deprecation.builder().deprecatedAt(deprecated)
            .obsoleteAt(deprecated.plusSeconds(30 * 86_400)).replacement(successor.id()).build())
        .build();

    store.save(ImageChange.builder().record(successor).expectedVersion(0).ownedLimit(100)
        .addEvents(event(successor.id(), EventType.CREATED)).build());
    store.save(ImageChange.builder().record(retired).expectedVersion(5)
        .putUnchangedImages(successor.id(), 1L)
        .addEvents(event(shared.id(), EventType.DEPRECATION_SCHEDULED)).build());

    assertThat(store.load(retired.id())).contains(retired);
    assertThat(store.load(successor.id())).contains(successor);
    assertThat(store.countOwned(ALICE, REGION)).isEqualTo(4);
    assertThat(store.events(5, 100)).extracting(StoredEvent::sequence, e -> e.event().type())
        .containsExactly(tuple(6L, EventType.CREATED),
            tuple(7L, EventType.DEPRECATION_SCHEDULED));
    assertThat(listed(store, query(BOB).asOf(deprecated.minusNanos(1))))
        .as("Bob's listing a nanosecond before the deprecation")
        .containsExactly("bob-iso", "bob-market", "alice-shared", "gold-1");
    assertThat(listed(store, query(BOB).asOf(deprecated))).as("Bob's listing from then on")
        .containsExactly("bob-iso", "bob-market", "gold-1");
    assertThat(listed(store, query(BOB).asOf(deprecated).includeDeprecated(true)))
        .as("Bob's listing with deprecated images")
        .containsExactly("bob-iso", "bob-market", "alice-shared", "gold-1");
    assertThat(listed(store, query(ALICE).asOf(deprecated))).as("Alice's own listing")
        .contains("alice-shared", "alice-shared-2");
  }

  @Test
  void the_upgraded_schema_refuses_a_deprecation_in_pieces_or_out_of_order()
      throws SQLException {
    ImagoSchema.migrate(database);

    for (String broken : List.of(
        "deprecated_s = 1",
        "deprecated_ns = 1",
        "deprecated_s = 1, deprecated_ns = 1000000000",
        "deprecated_s = 1, deprecated_ns = -1",
        "obsolete_s = 2, obsolete_ns = 0",
        "deprecated_s = 2, deprecated_ns = 0, obsolete_s = 2",
        "deprecated_s = 2, deprecated_ns = 1, obsolete_s = 2, obsolete_ns = 0",
        "replacement = 'gold-1'",
        "deprecated_s = 2, deprecated_ns = 0, replacement = 'alice-web'")) {
      assertThatExceptionOfType(SQLException.class).as(broken)
          .isThrownBy(() -> execute("UPDATE imago_images SET " + broken
              + " WHERE id = 'alice-web'"))
          .satisfies(e -> assertThat(e.getSQLState()).isEqualTo("23514"));
    }
    // The neighbours: obsolete at the deprecation time, a replacement of another image.
    assertThat(execute("UPDATE imago_images SET deprecated_s = 2, deprecated_ns = 1,"
        + " obsolete_s = 2, obsolete_ns = 1, replacement = 'gold-1' WHERE id = 'alice-web'"))
        .isEqualTo(1);
  }

  @Test
  void a_save_by_a_version_1_host_keeps_the_schedule_it_does_not_know() throws SQLException {
    ImagoSchema.migrate(database);
    JdbcImageStore store = new JdbcImageStore(database);
    ImageRecord web = image(versionOneImages(), "alice-web");
    ImageRecord retired = ImageRecord.builder().from(web).version(3)
        .deprecation(Deprecation.builder().deprecatedAt(at(86_400, 0))
            .replacement(ImageId.of("gold-1")).build())
        .build();
    store.save(ImageChange.of(retired, 2, List.of()));

    // A version-1 jar's save: UPDATE imago_images SET (its columns) = (...) WHERE id AND version.
    String values = String.join(", ", V1_COLUMNS).replace("version, name,",
        "version + 1, 'renamed',");
    assertThat(execute("UPDATE imago_images u SET (" + String.join(", ", V1_COLUMNS)
        + ") = (SELECT " + values + " FROM imago_images o WHERE o.id = u.id)"
        + " WHERE id = 'alice-web' AND version = 3")).isEqualTo(1);

    assertThat(store.load(web.id())).contains(ImageRecord.builder().from(retired).version(4)
        .name("renamed").build());
  }

  // --- what the version-1 rows hold ---

  private static List<ImageRecord> versionOneImages() {
    OsFacts debian = os(OsType.LINUX, Platform.DEBIAN, "12", Architecture.AARCH64,
        BootMode.BIOS);
    ImageRecord web = ImageRecord.builder().id(ImageId.of("alice-web")).version(2)
        .name("web 镜像").imageClass(ImageClass.PRIVATE).owner(ALICE)
        .type(ImageType.SYSTEM_DISK).source(ImageSource.SERVER).status(ImageStatus.ACTIVE)
        .region(REGION).os(debian).addDisks(DiskSpec.of(DiskRole.SYSTEM, 50)).minDiskGib(60)
        .minRamMib(2048).sizeBytes(1000).addServerKinds(ServerKind.ECS)
        .encryptionKey(KeyId.of("key-1")).putTags("team", "web").putTags("env", "prod")
        .deletionProtected(true).createdAt(at(1, 500)).updatedAt(at(1, 500)).build();
    return List.of(
        ImageRecord.builder().id(ImageId.of("gold-1")).version(3).name("Ubuntu 24.04")
            .description("The platform's image").imageClass(ImageClass.PUBLIC)
            .type(ImageType.SYSTEM_DISK).source(ImageSource.EXTERNAL_FILE)
            .status(ImageStatus.ACTIVE).region(REGION)
            .os(os(OsType.LINUX, Platform.UBUNTU, "24.04", Architecture.X86_64, BootMode.UEFI))
            .addDisks(DiskSpec.of(DiskRole.SYSTEM, 40)).minDiskGib(40).minRamMib(1024)
            .sizeBytes(2_147_483_648L).addServerKinds(ServerKind.ECS, ServerKind.BMS)
            .createdAt(at(0, 1)).updatedAt(at(100, 999_999_999)).build(),
        web,
        ImageRecord.builder().id(ImageId.of("alice-shared")).version(5).name("shared server")
            .description("a whole server").imageClass(ImageClass.PRIVATE).owner(ALICE)
            .type(ImageType.FULL_SERVER).source(ImageSource.CLOUD_BACKUP)
            .status(ImageStatus.ACTIVE).region(REGION)
            .os(os(OsType.WINDOWS, Platform.WINDOWS, "2022", Architecture.X86_64,
                BootMode.UEFI))
            .addDisks(DiskSpec.of(DiskRole.SYSTEM, 40), DiskSpec.of(DiskRole.DATA, 100))
            .minDiskGib(40).minRamMib(4096).sizeBytes(5000).addServerKinds(ServerKind.ECS)
            .putMembers(BOB, Membership.builder().tenant(BOB).status(MembershipStatus.ACCEPTED)
                .vault(VaultId.of("vault-bob")).createdAt(at(100, 1)).updatedAt(at(200, 2))
                .build())
            .putMembers(CAROL, Membership.builder().tenant(CAROL)
                .status(MembershipStatus.PENDING).createdAt(at(101, 0)).updatedAt(at(101, 0))
                .build())
            .putMembers(DAVE, Membership.builder().tenant(DAVE)
                .status(MembershipStatus.REJECTED).createdAt(at(102, 3)).updatedAt(at(300, 4))
                .build())
            .backup(BackupId.of("backup-1")).createdAt(at(2, 0)).updatedAt(at(300, 4)).build(),
        ImageRecord.builder().id(ImageId.of("alice-data")).version(2).name("data")
            .imageClass(ImageClass.PRIVATE).owner(ALICE).type(ImageType.DATA_DISK)
            .source(ImageSource.DATA_DISK).status(ImageStatus.DEACTIVATED).region(REGION)
            .addDisks(DiskSpec.of(DiskRole.DATA, 100)).minDiskGib(100)
            .createdAt(at(3, 0)).updatedAt(at(3, 0)).build(),
        ImageRecord.builder().id(ImageId.of("alice-gone")).version(4).name("gone")
            .imageClass(ImageClass.PRIVATE).owner(ALICE).type(ImageType.SYSTEM_DISK)
            .source(ImageSource.SERVER).status(ImageStatus.DELETED).region(REGION)
            .os(os(OsType.LINUX, Platform.UBUNTU, "", Architecture.X86_64, BootMode.UEFI))
            .addDisks(DiskSpec.of(DiskRole.SYSTEM, 40)).minDiskGib(40)
            .addServerKinds(ServerKind.ECS).createdAt(at(4, 0)).updatedAt(at(4, 0)).build(),
        ImageRecord.builder().from(web).id(ImageId.of("alice-replica")).version(1)
            .source(ImageSource.REPLICA).status(ImageStatus.QUEUED).region(EAST)
            .origin(ReplicaOrigin.of(web.id(), REGION)).encryptionKey(java.util.Optional.empty())
            .tags(Map.of()).deletionProtected(false).createdAt(at(5, 0)).updatedAt(at(5, 0))
            .build(),
        ImageRecord.builder().id(ImageId.of("bob-market")).version(3).name("rocky")
            .imageClass(ImageClass.MARKET).owner(BOB).type(ImageType.SYSTEM_DISK)
            .source(ImageSource.SERVER).status(ImageStatus.ACTIVE).region(REGION)
            .os(os(OsType.LINUX, Platform.ROCKY, "9", Architecture.X86_64, BootMode.UEFI))
            .addDisks(DiskSpec.of(DiskRole.SYSTEM, 40)).minDiskGib(40)
            .addServerKinds(ServerKind.ECS)
            .listing(MarketListing.paid(Price.of("9.90", "USD", PriceUnit.PER_HOUR),
                at(100, 7)))
            .createdAt(at(6, 0)).updatedAt(at(100, 7)).build(),
        ImageRecord.builder().id(ImageId.of("bob-iso")).version(1).name("installer")
            .imageClass(ImageClass.PRIVATE).owner(BOB).type(ImageType.ISO)
            .source(ImageSource.ISO_FILE).status(ImageStatus.ACTIVE).region(REGION)
            .minDiskGib(10).addServerKinds(ServerKind.ECS, ServerKind.BMS)
            .createdAt(at(7, 0)).updatedAt(at(7, 0)).build());
  }

  private static List<StoredEvent> versionOneEvents() {
    ImageId shared = ImageId.of("alice-shared");
    return List.of(
        StoredEvent.of(1, ImageEvent.builder().type(EventType.CREATED).image(ImageId.of("gold-1"))
            .occurredAt(at(0, 1)).build()),
        StoredEvent.of(2, ImageEvent.builder().type(EventType.CREATED).image(shared).actor(ALICE)
            .occurredAt(at(2, 0)).putDetails("source", "CLOUD_BACKUP").build()),
        StoredEvent.of(3, ImageEvent.builder().type(EventType.MEMBER_ADDED).image(shared)
            .actor(ALICE).member(BOB).occurredAt(at(100, 1)).build()),
        StoredEvent.of(4, ImageEvent.builder().type(EventType.MEMBER_ACCEPTED).image(shared)
            .actor(BOB).member(BOB).occurredAt(at(200, 2)).putDetails("vault", "vault-bob")
            .build()),
        StoredEvent.of(5, ImageEvent.builder().type(EventType.DELETED)
            .image(ImageId.of("alice-gone")).actor(ALICE).occurredAt(at(400, 999_999_999))
            .putDetails("reason", "it's old").putDetails("note", "镜像").build()));
  }

  private static OsFacts os(OsType type, Platform platform, String version,
      Architecture architecture, BootMode bootMode) {
    return OsFacts.builder().osType(type).platform(platform).osVersion(version)
        .architecture(architecture).bootMode(bootMode).build();
  }

  private static Instant at(long seconds, int nanos) {
    return Instant.ofEpochSecond(T + seconds, nanos);
  }

  private static ImageRecord image(List<ImageRecord> images, String id) {
    return images.stream().filter(image -> image.id().value().equals(id)).findFirst()
        .orElseThrow();
  }

  private static ImageEvent event(ImageId image, EventType type) {
    return ImageEvent.builder().type(type).image(image).actor(ALICE).occurredAt(at(1000, 0))
        .build();
  }

  // --- helpers ---

  private static ImageQuery.Builder query(TenantId viewer) {
    ImageQuery.Builder query = ImageQuery.builder();
    query.viewer(viewer).region(REGION);
    return query;
  }

  private static List<String> listed(JdbcImageStore store, ImageQuery.Builder query) {
    return walk(store, query.build());
  }

  private static List<String> walk(JdbcImageStore store, ImageQuery first) {
    List<String> ids = new ArrayList<>();
    ImageQuery query = first;
    for (int pages = 0; pages < 100; pages++) {
      Page<ImageRecord> page = store.listVisible(query);
      page.items().forEach(image -> ids.add(image.id().value()));
      if (page.nextCursor().isEmpty()) {
        return ids;
      }
      query = ImageQuery.builder().from(query).cursor(page.nextCursor().get()).build();
    }
    throw new AssertionError("the walk did not end: " + ids);
  }

  private List<String> query(String sql) throws SQLException {
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      List<String> values = new ArrayList<>();
      while (rows.next()) {
        values.add(rows.getString(1));
      }
      return values;
    }
  }

  private int execute(String sql) throws SQLException {
    try (Connection connection = database.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      return statement.executeUpdate();
    }
  }
}
