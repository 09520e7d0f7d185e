package dev.imago.core.internal;

import static dev.imago.core.policy.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imago.core.Caller;
import dev.imago.core.ImagePolicyException;
import dev.imago.core.policy.Action;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.ImageSpec;
import dev.imago.core.policy.PolicyEngine;
import dev.imago.core.policy.SourceRef;
import dev.imago.spi.DiskRole;
import dev.imago.spi.DiskSpec;
import dev.imago.spi.EventType;
import dev.imago.spi.FileFacts;
import dev.imago.spi.FileFormat;
import dev.imago.spi.ImageClass;
import dev.imago.spi.ImageEvent;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageSource;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.ImageType;
import dev.imago.spi.MarketListing;
import dev.imago.spi.Membership;
import dev.imago.spi.MembershipStatus;
import dev.imago.spi.ReplicaOrigin;
import dev.imago.spi.RuleCode;
import dev.imago.spi.ServerKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Image aggregate's commands: each allowed command yields the expected record, version and
 * events; a new image starts at version 1 replacing version 0, a change replaces the version it
 * was made from.
 */
class ImageCommandsTest {
  private static final long GIB = 1L << 30;
  private static final ImageId NEW_ID = ImageId.of("image-new");
  private static final long OLD_VERSION = 7;

  private final Image image = new Image(PolicyEngine.standard());

  private Change execute(Context.Builder context) {
    return image.execute(context.build(), () -> NEW_ID);
  }

  /** OWNER creates from its server, backup, data disk or the given file. */
  private Change create(ImageSpec spec, FileFacts file) {
    return execute(context(owner(), new Action.Create(spec))
        .server(SERVER).backup(BACKUP).disk(DATA_DISK).file(file));
  }

  private static ImageRecord at(ImageRecord record, long version) {
    return ImageRecord.builder().from(record).version(version).build();
  }

  /** Checks what every new private image of OWNER has, and returns it. */
  private static ImageRecord assertCreated(Change change) {
    ImageRecord record = change.record().orElseThrow();
    assertThat(record.id()).isEqualTo(NEW_ID);
    assertThat(record.imageClass()).isEqualTo(ImageClass.PRIVATE);
    assertThat(record.owner()).contains(OWNER);
    assertThat(record.region()).isEqualTo(REGION);
    assertThat(record.status()).isEqualTo(ImageStatus.QUEUED);
    assertThat(record.name()).isEqualTo("web server");
    assertThat(record.members()).isEmpty();
    assertThat(record.createdAt()).isEqualTo(NOW);
    assertThat(record.updatedAt()).isEqualTo(NOW);
    assertThat(record.version()).isEqualTo(1);
    assertThat(change.expectedVersion()).isZero();
    assertThat(change.events()).singleElement().satisfies(event -> {
      assertThat(event.type()).isEqualTo(EventType.CREATED);
      assertThat(event.image()).isEqualTo(NEW_ID);
      assertThat(event.occurredAt()).isEqualTo(NOW);
    });
    return record;
  }

  /** Checks that a change replaces OLD_VERSION with the next version, and returns the record. */
  private static ImageRecord assertChanged(Change change, EventType... events) {
    ImageRecord record = change.record().orElseThrow();
    assertThat(record.version()).isEqualTo(OLD_VERSION + 1);
    assertThat(change.expectedVersion()).isEqualTo(OLD_VERSION);
    assertThat(record.updatedAt()).isEqualTo(NOW);
    assertThat(record.createdAt()).isEqualTo(CREATED);
    assertThat(change.events()).extracting(ImageEvent::type).containsExactly(events);
    return record;
  }

  // Creating private images

  @Test
  void system_disk_image_from_a_server_records_the_servers_os_and_system_disk() {
    ImageRecord record = assertCreated(create(spec(ImageType.SYSTEM_DISK,
        SourceRef.server(SERVER.id())).minRamMib(2048).putTags("team", "web").build(),
        QCOW2_FILE));

    assertThat(record.type()).isEqualTo(ImageType.SYSTEM_DISK);
    assertThat(record.source()).isEqualTo(ImageSource.SERVER);
    assertThat(record.os()).contains(UBUNTU);
    assertThat(record.disks()).containsExactly(DiskSpec.of(DiskRole.SYSTEM, 40));
    assertThat(record.minDiskGib()).isEqualTo(40);
    assertThat(record.minRamMib()).isEqualTo(2048);
    assertThat(record.serverKinds()).containsExactly(ServerKind.ECS);
    assertThat(record.tags()).containsExactly(Map.entry("team", "web"));
    assertThat(record.backup()).isEmpty();
    assertThat(record.isEncrypted()).isFalse();
  }

  @Test
  void full_server_image_from_a_server_holds_every_disk() {
    ImageRecord record = assertCreated(create(spec(ImageType.FULL_SERVER,
        SourceRef.server(SERVER.id())).build(), QCOW2_FILE));

    assertThat(record.source()).isEqualTo(ImageSource.SERVER);
    assertThat(record.disks()).containsExactly(
        DiskSpec.of(DiskRole.SYSTEM, 40), DiskSpec.of(DiskRole.DATA, 100));
    assertThat(record.minDiskGib()).isEqualTo(40);
    assertThat(record.sizeBytes()).isEqualTo(140 * GIB);
    assertThat(record.os()).contains(UBUNTU);
  }

  @Test
  void full_server_image_from_a_cloud_backup_records_the_backup() {
    ImageRecord record = assertCreated(create(spec(ImageType.FULL_SERVER,
        SourceRef.backup(BACKUP.id())).build(), QCOW2_FILE));

    assertThat(record.source()).isEqualTo(ImageSource.CLOUD_BACKUP);
    assertThat(record.backup()).contains(BACKUP.id());
    assertThat(record.disks()).isEqualTo(MACHINE.disks());
  }

  @Test
  void data_disk_image_from_a_data_disk_holds_the_disk_and_no_os() {
    ImageRecord record = assertCreated(create(spec(ImageType.DATA_DISK,
        SourceRef.disk(DATA_DISK.id())).build(), QCOW2_FILE));

    assertThat(record.source()).isEqualTo(ImageSource.DATA_DISK);
    assertThat(record.os()).isEmpty();
    assertThat(record.disks()).containsExactly(DiskSpec.of(DiskRole.DATA, 100));
    assertThat(record.minDiskGib()).isEqualTo(100);
    assertThat(record.serverKinds()).isEmpty();
  }

  @Test
  void data_disk_image_from_an_external_file_sizes_its_disk_from_the_file() {
    ImageRecord record = assertCreated(create(spec(ImageType.DATA_DISK,
        SourceRef.file(QCOW2_FILE.id())).build(), QCOW2_FILE));

    assertThat(record.source()).isEqualTo(ImageSource.EXTERNAL_FILE);
    assertThat(record.os()).isEmpty();
    assertThat(record.disks()).containsExactly(DiskSpec.of(DiskRole.DATA, 10));
    assertThat(record.sizeBytes()).isEqualTo(QCOW2_FILE.sizeBytes());
  }

  @Test
  void system_disk_image_from_an_external_file_records_the_stated_os() {
    ImageRecord record = assertCreated(create(spec(ImageType.SYSTEM_DISK,
        SourceRef.file(QCOW2_FILE.id())).os(UBUNTU).minDiskGib(20).build(), QCOW2_FILE));

    assertThat(record.source()).isEqualTo(ImageSource.EXTERNAL_FILE);
    assertThat(record.os()).contains(UBUNTU);
    assertThat(record.disks()).containsExactly(DiskSpec.of(DiskRole.SYSTEM, 20));
    assertThat(record.minDiskGib()).isEqualTo(20);
    assertThat(record.serverKinds()).containsExactly(ServerKind.ECS);
  }

  @Test
  void iso_image_from_an_iso_file_holds_no_disks() {
    ImageRecord record = assertCreated(create(spec(ImageType.ISO,
        SourceRef.file(ISO_FILE.id())).build(), ISO_FILE));

    assertThat(record.type()).isEqualTo(ImageType.ISO);
    assertThat(record.source()).isEqualTo(ImageSource.ISO_FILE);
    assertThat(record.disks()).isEmpty();
    assertThat(record.minDiskGib()).isEqualTo(4);
    assertThat(record.sizeBytes()).isEqualTo(ISO_FILE.sizeBytes());
  }

  @Test
  void image_from_an_encrypted_source_stays_encrypted() {
    ImageRecord record = assertCreated(execute(context(owner(), new Action.Create(
        spec(ImageType.DATA_DISK, SourceRef.disk(DATA_DISK.id())).build()))
        .disk(dev.imago.spi.DiskFacts.builder().from(DATA_DISK).encryptionKey(KEY).build())));

    assertThat(record.encryptionKey()).contains(KEY);
  }

  @Test
  void operator_registers_a_public_image_of_a_region() {
    ImageSpec spec = spec(ImageType.SYSTEM_DISK, SourceRef.file(QCOW2_FILE.id())).os(UBUNTU)
        .build();

    Change change = execute(context(Caller.operator(), new Action.RegisterPublic(spec, REGION))
        .file(QCOW2_FILE));

    ImageRecord record = change.record().orElseThrow();
    assertThat(record.imageClass()).isEqualTo(ImageClass.PUBLIC);
    assertThat(record.owner()).isEmpty();
    assertThat(record.type()).isEqualTo(ImageType.SYSTEM_DISK);
    assertThat(record.source()).isEqualTo(ImageSource.EXTERNAL_FILE);
    assertThat(record.region()).isEqualTo(REGION);
    assertThat(record.status()).isEqualTo(ImageStatus.QUEUED);
    assertThat(record.os()).contains(UBUNTU);
    assertThat(record.version()).isEqualTo(1);
    assertThat(change.expectedVersion()).isZero();
    assertThat(change.events()).singleElement().satisfies(event -> {
      assertThat(event.type()).isEqualTo(EventType.CREATED);
      assertThat(event.actor()).isEmpty();
    });
  }

  @Test
  void refused_create_throws_and_creates_nothing() {
    ImageSpec spec = spec(ImageType.SYSTEM_DISK, SourceRef.server(SERVER.id())).build();

    assertThatThrownBy(() -> image.execute(context(stranger(), new Action.Create(spec))
        .server(SERVER).build(), () -> {
          throw new AssertionError("no id is drawn for a refused create");
        }))
        .isInstanceOfSatisfying(ImagePolicyException.class, e ->
            assertThat(e.decision().codes()).containsExactly(RuleCode.CREATE_SOURCE_ACCESS));
  }

  // Status moves

  @ParameterizedTest(name = "{0} -> {1} by {2}")
  @CsvSource({
      "QUEUED, SAVING, operator", "QUEUED, ACTIVE, operator", "SAVING, ACTIVE, operator",
      "SAVING, KILLED, operator", "ACTIVE, DEACTIVATED, owner", "DEACTIVATED, ACTIVE, owner"})
  void status_move_yields_the_new_status_and_a_status_changed_event(
      ImageStatus from, ImageStatus to, String who) {
    ImageRecord before = at(systemDiskImage().withStatus(from), OLD_VERSION);
    Caller caller = who.equals("owner") ? owner() : Caller.operator();

    Change change = execute(context(caller, new Action.ChangeStatus(before.id(), to), before));

    ImageRecord after = assertChanged(change, EventType.STATUS_CHANGED);
    assertThat(after.status()).isEqualTo(to);
    assertThat(change.events().get(0).details())
        .containsEntry("from", from.name()).containsEntry("to", to.name());
  }

  // Sharing answers

  @Test
  void member_accepts_a_full_server_image_with_its_vault() {
    ImageRecord before = at(sharedWith(fullServerImageFromBackup(), FRIEND,
        MembershipStatus.PENDING), OLD_VERSION);

    Change change = execute(context(friend(), new Action.Accept(before.id(), Optional.of(VAULT)),
        before));

    Membership member = assertChanged(change, EventType.MEMBER_ACCEPTED).member(FRIEND)
        .orElseThrow();
    assertThat(member.status()).isEqualTo(MembershipStatus.ACCEPTED);
    assertThat(member.vault()).contains(VAULT);
    assertThat(change.events().get(0).member()).contains(FRIEND);
    assertThat(change.events().get(0).actor()).contains(FRIEND);
  }

  @Test
  void member_rejects_a_share() {
    ImageRecord before = at(sharedWith(systemDiskImage(), FRIEND, MembershipStatus.PENDING),
        OLD_VERSION);

    Change change = execute(context(friend(), new Action.Reject(before.id()), before));

    assertThat(assertChanged(change, EventType.MEMBER_REJECTED).member(FRIEND)).get()
        .extracting(Membership::status).isEqualTo(MembershipStatus.REJECTED);
  }

  @Test
  void owner_shares_with_a_tenant() {
    ImageRecord before = at(systemDiskImage(), OLD_VERSION);

    Change change = execute(context(owner(), new Action.Share(before.id(), List.of(FRIEND)),
        before));

    assertThat(assertChanged(change, EventType.MEMBER_ADDED).member(FRIEND)).get()
        .extracting(Membership::status).isEqualTo(MembershipStatus.PENDING);
  }

  @Test
  void owner_revokes_a_member() {
    ImageRecord before = at(sharedWith(systemDiskImage(), FRIEND, MembershipStatus.ACCEPTED),
        OLD_VERSION);

    Change change = execute(context(owner(), new Action.Revoke(before.id(), FRIEND), before));

    assertThat(assertChanged(change, EventType.MEMBER_REMOVED).members()).isEmpty();
  }

  // Marketplace

  @Test
  void seller_publishes_an_image_for_free() {
    ImageRecord before = at(systemDiskImage(), OLD_VERSION);

    Change change = execute(context(owner(), new Action.Publish(before.id(), Optional.empty()),
        before).callerTenant(asSeller(OWNER_INFO)));

    ImageRecord after = assertChanged(change, EventType.PUBLISHED);
    assertThat(after.imageClass()).isEqualTo(ImageClass.MARKET);
    assertThat(after.listing()).contains(MarketListing.free(NOW));
    assertThat(after.owner()).contains(OWNER);
  }

  @Test
  void seller_publishes_an_image_at_a_price() {
    ImageRecord before = at(systemDiskImage(), OLD_VERSION);

    Change change = execute(context(owner(),
        new Action.Publish(before.id(), Optional.of(IMAGE_PRICE)), before)
        .callerTenant(asSeller(OWNER_INFO)));

    assertThat(assertChanged(change, EventType.PUBLISHED).listing())
        .contains(MarketListing.paid(IMAGE_PRICE, NOW));
  }

  @Test
  void seller_withdraws_a_listing() {
    ImageRecord before = at(paidMarketImage(), OLD_VERSION);

    Change change = execute(context(owner(), new Action.Withdraw(before.id()), before));

    ImageRecord after = assertChanged(change, EventType.WITHDRAWN);
    assertThat(after.imageClass()).isEqualTo(ImageClass.PRIVATE);
    assertThat(after.listing()).isEmpty();
    assertThat(after.status()).isEqualTo(ImageStatus.ACTIVE);
  }

  // Replication

  @Test
  void replica_starts_queued_in_the_other_region_owned_by_the_owners_project_there() {
    ImageRecord before = at(ImageRecord.builder()
        .from(sharedWith(fullServerImageFromBackup(), FRIEND, MembershipStatus.ACCEPTED))
        .deletionProtected(true).putTags("team", "web").build(), OLD_VERSION);

    Change change = execute(context(owner(), new Action.Replicate(before.id(), OTHER_REGION),
        before).replicaOwner(OWNER_ABROAD_INFO));

    ImageRecord replica = change.record().orElseThrow();
    assertThat(replica.id()).isEqualTo(NEW_ID);
    assertThat(replica.region()).isEqualTo(OTHER_REGION);
    assertThat(replica.owner()).contains(OWNER_ABROAD);
    assertThat(replica.status()).isEqualTo(ImageStatus.QUEUED);
    assertThat(replica.source()).isEqualTo(ImageSource.REPLICA);
    assertThat(replica.origin()).contains(ReplicaOrigin.of(before.id(), REGION));
    assertThat(replica.backup()).isEmpty();
    assertThat(replica.members()).isEmpty();
    assertThat(replica.deletionProtected()).isFalse();
    assertThat(replica.type()).isEqualTo(ImageType.FULL_SERVER);
    assertThat(replica.disks()).isEqualTo(before.disks());
    assertThat(replica.os()).isEqualTo(before.os());
    assertThat(replica.tags()).isEqualTo(before.tags());
    assertThat(replica.createdAt()).isEqualTo(NOW);
    assertThat(replica.version()).isEqualTo(1);
    assertThat(change.expectedVersion()).isZero();
    assertThat(change.events()).singleElement().satisfies(event -> {
      assertThat(event.type()).isEqualTo(EventType.CREATED);
      assertThat(event.image()).isEqualTo(NEW_ID);
      assertThat(event.details()).containsEntry("origin", before.id().value());
    });
  }

  // Protection, tags, deletion

  @Test
  void owner_protects_an_image() {
    ImageRecord before = at(systemDiskImage(), OLD_VERSION);

    Change change = execute(context(owner(), new Action.Protect(before.id()), before));

    assertThat(assertChanged(change, EventType.PROTECTED).deletionProtected()).isTrue();
  }

  @Test
  void owner_unprotects_an_image() {
    ImageRecord before = at(systemDiskImage().withDeletionProtected(true), OLD_VERSION);

    Change change = execute(context(owner(), new Action.Unprotect(before.id()), before));

    assertThat(assertChanged(change, EventType.UNPROTECTED).deletionProtected()).isFalse();
  }

  @Test
  void owner_replaces_the_tags_of_an_image() {
    ImageRecord before = at(systemDiskImage().withTags(Map.of("old", "tag")), OLD_VERSION);

    Change change = execute(context(owner(),
        new Action.UpdateTags(before.id(), Map.of("team", "web", "env", "prod")), before));

    assertThat(assertChanged(change, EventType.TAGS_CHANGED).tags())
        .containsOnly(Map.entry("team", "web"), Map.entry("env", "prod"));
  }

  @Test
  void owner_deletes_an_image() {
    ImageRecord before = at(systemDiskImage(), OLD_VERSION);

    Change change = execute(context(owner(), new Action.Delete(before.id()), before));

    assertThat(assertChanged(change, EventType.DELETED).status()).isEqualTo(ImageStatus.DELETED);
  }

  @Test
  void owner_deletes_a_listed_image_which_leaves_the_marketplace() {
    ImageRecord before = at(paidMarketImage(), OLD_VERSION);

    Change change = execute(context(owner(), new Action.Delete(before.id()), before));

    ImageRecord after = assertChanged(change, EventType.WITHDRAWN, EventType.DELETED);
    assertThat(after.status()).isEqualTo(ImageStatus.DELETED);
    assertThat(after.listing()).isEmpty();
  }

  @Test
  void owner_deletes_a_shared_image_ending_each_membership() {
    ImageRecord before = at(sharedWith(systemDiskImage(), FRIEND, MembershipStatus.ACCEPTED),
        OLD_VERSION);

    Change change = execute(context(owner(), new Action.Delete(before.id()), before));

    ImageRecord after = assertChanged(change, EventType.MEMBER_REMOVED, EventType.DELETED);
    assertThat(after.members()).isEmpty();
    assertThat(after.status()).isEqualTo(ImageStatus.DELETED);
    assertThat(change.events().get(0).member()).contains(FRIEND);
  }

  // Reading changes nothing

  @Test
  void reading_an_image_changes_nothing() {
    ImageRecord before = at(systemDiskImage(), OLD_VERSION);

    Change change = execute(context(owner(), new Action.Read(before.id()), before));

    assertThat(change.record()).isEmpty();
    assertThat(change.events()).isEmpty();
  }
}
