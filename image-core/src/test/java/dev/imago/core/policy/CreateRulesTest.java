package dev.imago.core.policy;

import static dev.imago.core.policy.DecisionAssertions.assertAllowed;
import static dev.imago.core.policy.DecisionAssertions.assertDenied;
import static dev.imago.core.policy.DecisionAssertions.assertInputError;
import static dev.imago.core.policy.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imago.core.Caller;
import dev.imago.spi.DiskFacts;
import dev.imago.spi.DiskId;
import dev.imago.spi.DiskRole;
import dev.imago.spi.DiskSpec;
import dev.imago.spi.FileFacts;
import dev.imago.spi.FileFormat;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageSource;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.ImageType;
import dev.imago.spi.RuleCode;
import dev.imago.spi.ServerFacts;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** CREATE_* rules: which private images are made from what, limits, public images, access. */
class CreateRulesTest {
  private static final long GIB = 1L << 30;

  private static final SourceRef FROM_SERVER = SourceRef.server(SERVER.id());
  private static final SourceRef FROM_BACKUP = SourceRef.backup(BACKUP.id());
  private static final SourceRef FROM_DISK = SourceRef.disk(DATA_DISK.id());
  private static final SourceRef FROM_QCOW2 = SourceRef.file(QCOW2_FILE.id());
  private static final SourceRef FROM_ISO = SourceRef.file(ISO_FILE.id());

  /** OWNER creates; the directory knows its server, backup, data disk and the given file. */
  private static Context.Builder creating(
      Caller caller, ImageSpec spec, FileFacts file) {
    return context(caller, new Action.Create(spec))
        .server(SERVER).backup(BACKUP).disk(DATA_DISK).file(file);
  }

  private static Decision create(ImageSpec spec) {
    return decide(creating(owner(), spec, QCOW2_FILE));
  }

  private static Decision importing(ImageType type, FileFacts file) {
    ImageSpec.Builder spec = spec(type, SourceRef.file(file.id()));
    if (type != ImageType.DATA_DISK) {
      spec.os(UBUNTU);
    }
    return decide(creating(owner(), spec.build(), file));
  }

  private static FileFacts file(FileFormat format, long sizeBytes, boolean bitmap) {
    return FileFacts.builder().from(QCOW2_FILE).format(format).sizeBytes(sizeBytes)
        .hasBitmap(bitmap).build();
  }

  private static Decision register(Caller caller, ImageSpec spec) {
    return decide(context(caller, new Action.RegisterPublic(spec, REGION))
        .file(QCOW2_FILE).server(SERVER));
  }

  // CREATE_SYSTEM_DISK

  @Test
  void system_disk_image_can_be_made_from_a_server() {
    assertAllowed(create(spec(ImageType.SYSTEM_DISK, FROM_SERVER).build()));
  }

  @Test
  void system_disk_image_cannot_be_made_from_a_data_disk() {
    assertDenied(create(spec(ImageType.SYSTEM_DISK, FROM_DISK).build()),
        RuleCode.CREATE_SYSTEM_DISK);
  }

  @Test
  void system_disk_image_cannot_be_made_from_a_cloud_backup() {
    assertDenied(create(spec(ImageType.SYSTEM_DISK, FROM_BACKUP).build()),
        RuleCode.CREATE_SYSTEM_DISK);
  }

  @Test
  void system_disk_image_minimum_disk_cannot_be_below_the_servers_system_disk() {
    assertDenied(create(spec(ImageType.SYSTEM_DISK, FROM_SERVER).minDiskGib(39).build()),
        RuleCode.CREATE_SYSTEM_DISK);
  }

  @Test
  void system_disk_image_minimum_disk_may_equal_the_servers_system_disk() {
    assertAllowed(create(spec(ImageType.SYSTEM_DISK, FROM_SERVER).minDiskGib(40).build()));
  }

  @Test
  void imported_system_disk_image_must_state_its_os() {
    assertDenied(create(spec(ImageType.SYSTEM_DISK, FROM_QCOW2).build()),
        RuleCode.CREATE_SYSTEM_DISK);
  }

  @Test
  void imported_system_disk_image_that_states_its_os_can_be_made() {
    assertAllowed(create(spec(ImageType.SYSTEM_DISK, FROM_QCOW2).os(UBUNTU).build()));
  }

  @Test
  void system_disk_record_without_an_os_cannot_exist() {
    assertInputError(RuleCode.CREATE_SYSTEM_DISK,
        () -> ImageRecord.builder().from(systemDiskImage()).os(Optional.empty()).build());
  }

  @Test
  void system_disk_record_with_a_minimum_disk_below_its_system_disk_cannot_exist() {
    assertInputError(RuleCode.CREATE_SYSTEM_DISK,
        () -> ImageRecord.builder().from(systemDiskImage()).minDiskGib(39).build());
  }

  // CREATE_DATA_DISK

  @Test
  void data_disk_image_can_be_made_from_a_data_disk() {
    assertAllowed(create(spec(ImageType.DATA_DISK, FROM_DISK).build()));
  }

  @Test
  void data_disk_image_can_be_imported_from_a_file() {
    assertAllowed(create(spec(ImageType.DATA_DISK, FROM_QCOW2).build()));
  }

  @Test
  void data_disk_image_has_no_os() {
    assertDenied(create(spec(ImageType.DATA_DISK, FROM_DISK).os(UBUNTU).build()),
        RuleCode.CREATE_DATA_DISK);
  }

  @Test
  void data_disk_image_cannot_be_made_from_a_server() {
    assertDenied(create(spec(ImageType.DATA_DISK, FROM_SERVER).build()),
        RuleCode.CREATE_DATA_DISK);
  }

  @Test
  void data_disk_image_cannot_be_made_from_a_system_disk() {
    DiskFacts systemDisk = DiskFacts.builder().from(DATA_DISK)
        .id(DiskId.of("disk-system")).spec(DiskSpec.of(DiskRole.SYSTEM, 40)).build();
    ImageSpec spec = spec(ImageType.DATA_DISK, SourceRef.disk(systemDisk.id())).build();

    assertDenied(decide(creating(owner(), spec, QCOW2_FILE).disk(systemDisk)),
        RuleCode.CREATE_DATA_DISK);
  }

  @Test
  void data_disk_record_with_an_os_cannot_exist() {
    assertInputError(RuleCode.CREATE_DATA_DISK,
        () -> ImageRecord.builder().from(dataDiskImage()).os(UBUNTU).build());
  }

  // CREATE_FULL_SERVER

  @Test
  void full_server_image_can_be_made_from_a_server() {
    assertAllowed(create(spec(ImageType.FULL_SERVER, FROM_SERVER).build()));
  }

  @Test
  void full_server_image_can_be_made_from_a_cloud_backup() {
    assertAllowed(create(spec(ImageType.FULL_SERVER, FROM_BACKUP).build()));
  }

  @Test
  void full_server_image_cannot_be_imported_from_a_file() {
    assertDenied(create(spec(ImageType.FULL_SERVER, FROM_QCOW2).os(UBUNTU).build()),
        RuleCode.CREATE_FULL_SERVER);
  }

  @Test
  void full_server_image_cannot_be_made_from_a_single_disk() {
    assertDenied(create(spec(ImageType.FULL_SERVER, FROM_DISK).build()),
        RuleCode.CREATE_FULL_SERVER);
  }

  @Test
  void full_server_record_from_a_backup_must_name_the_backup() {
    assertInputError(RuleCode.CREATE_FULL_SERVER, () -> ImageRecord.builder()
        .from(fullServerImageFromBackup()).backup(Optional.empty()).build());
  }

  // CREATE_ISO

  @Test
  void iso_image_is_registered_from_an_iso_file() {
    assertAllowed(importing(ImageType.ISO, ISO_FILE));
  }

  @Test
  void iso_image_cannot_be_registered_from_a_disk_image_file() {
    assertDenied(importing(ImageType.ISO, QCOW2_FILE), RuleCode.CREATE_ISO);
  }

  @Test
  void iso_image_cannot_be_made_from_a_server() {
    assertDenied(create(spec(ImageType.ISO, FROM_SERVER).build()), RuleCode.CREATE_ISO);
  }

  @Test
  void iso_record_holds_no_disks() {
    assertInputError(RuleCode.CREATE_ISO, () -> ImageRecord.builder().from(isoImage())
        .addDisks(DiskSpec.of(DiskRole.SYSTEM, 4)).build());
  }

  // CREATE_IMPORT_FORMAT

  @ParameterizedTest
  @EnumSource(value = FileFormat.class, names = "ISO", mode = EnumSource.Mode.EXCLUDE)
  void system_disk_image_is_imported_from_every_disk_format(FileFormat format) {
    assertAllowed(importing(ImageType.SYSTEM_DISK, file(format, 10 * GIB, false)));
  }

  @Test
  void system_disk_image_cannot_be_imported_from_an_iso_file() {
    Decision decision = importing(ImageType.SYSTEM_DISK, ISO_FILE);

    assertDenied(decision, RuleCode.CREATE_IMPORT_FORMAT);
    assertThat(decision.violations().get(0).message())
        .contains("VHD", "VHDX", "VMDK", "QCOW2", "QCOW", "RAW", "ZVHD", "ZVHD2", "VDI", "QED");
  }

  @Test
  void data_disk_image_cannot_be_imported_from_an_iso_file() {
    assertDenied(importing(ImageType.DATA_DISK, ISO_FILE), RuleCode.CREATE_IMPORT_FORMAT);
  }

  @Test
  void unknown_file_format_is_rejected_naming_the_allowed_ones() {
    assertThat(assertInputError(RuleCode.CREATE_IMPORT_FORMAT,
        () -> FileFormat.parse("OVA", "format")).getMessage()).contains("QCOW2", "VMDK");
  }

  @Test
  void an_unknown_format_and_a_disk_import_of_an_iso_file_name_the_same_allowed_formats() {
    String parsed = assertInputError(RuleCode.CREATE_IMPORT_FORMAT,
        () -> FileFormat.parse("OVA", "format")).getMessage();
    Decision isoImport = importing(ImageType.DATA_DISK, ISO_FILE);

    assertThat(parsed).contains(FileFormat.allowedFormats());
    assertThat(isoImport.violations()).singleElement()
        .satisfies(violation -> assertThat(violation.message())
            .contains(FileFormat.allowedFormats()));
  }

  @Test
  void known_file_format_is_read_whatever_its_case() {
    assertThat(FileFormat.parse("qcow2", "format")).isEqualTo(FileFormat.QCOW2);
  }

  // CREATE_IMPORT_SIZE

  @Test
  void imported_file_of_128_gib_is_accepted() {
    assertAllowed(importing(ImageType.SYSTEM_DISK, file(FileFormat.QCOW2, 128 * GIB, false)));
  }

  @Test
  void imported_file_larger_than_128_gib_is_rejected() {
    assertDenied(importing(ImageType.SYSTEM_DISK, file(FileFormat.QCOW2, 128 * GIB + 1, false)),
        RuleCode.CREATE_IMPORT_SIZE);
  }

  @Test
  void raw_file_without_a_bitmap_larger_than_128_gib_is_rejected() {
    assertDenied(importing(ImageType.DATA_DISK, file(FileFormat.RAW, 512 * GIB, false)),
        RuleCode.CREATE_IMPORT_SIZE);
  }

  @Test
  void raw_file_with_a_bitmap_is_fast_imported_up_to_1_tib() {
    assertAllowed(importing(ImageType.DATA_DISK, file(FileFormat.RAW, 1024 * GIB, true)));
  }

  @Test
  void zvhd2_file_is_fast_imported_up_to_1_tib() {
    assertAllowed(importing(ImageType.DATA_DISK, file(FileFormat.ZVHD2, 1024 * GIB, false)));
  }

  @Test
  void fast_import_larger_than_1_tib_is_rejected() {
    assertDenied(importing(ImageType.DATA_DISK, file(FileFormat.ZVHD2, 1024 * GIB + 1, false)),
        RuleCode.CREATE_IMPORT_SIZE);
  }

  @Test
  void host_raises_the_import_limit_through_settings() {
    FileFacts big = file(FileFormat.QCOW2, 200 * GIB, false);
    ImageSpec spec = spec(ImageType.DATA_DISK, SourceRef.file(big.id())).build();
    PolicySettings settings = PolicySettings.builder().maxImportBytes(256 * GIB).build();

    assertDenied(decide(creating(owner(), spec, big)), RuleCode.CREATE_IMPORT_SIZE);
    assertAllowed(decide(creating(owner(), spec, big).settings(settings)));
  }

  // CREATE_QUOTA

  @Test
  void tenant_with_99_private_images_in_the_region_creates_one_more() {
    assertAllowed(decide(creating(owner(), spec(ImageType.SYSTEM_DISK, FROM_SERVER).build(),
        QCOW2_FILE).ownedImages(99)));
  }

  @Test
  void tenant_with_100_private_images_in_the_region_cannot_create_another() {
    assertDenied(decide(creating(owner(), spec(ImageType.SYSTEM_DISK, FROM_SERVER).build(),
        QCOW2_FILE).ownedImages(100)), RuleCode.CREATE_QUOTA);
  }

  @Test
  void replica_cannot_pass_the_quota_of_the_region_it_goes_to() {
    ImageRecord image = systemDiskImage();
    Context.Builder replicating =
        context(owner(), new Action.Replicate(image.id(), OTHER_REGION), image)
            .replicaOwner(OWNER_ABROAD_INFO);

    assertAllowed(decide(replicating.ownedImages(99)));
    assertDenied(decide(replicating.ownedImages(100)), RuleCode.CREATE_QUOTA);
  }

  // CREATE_PUBLIC

  @Test
  void operator_registers_a_public_image_from_a_file() {
    assertAllowed(register(Caller.operator(),
        spec(ImageType.SYSTEM_DISK, FROM_QCOW2).os(UBUNTU).build()));
  }

  @Test
  void tenant_cannot_register_a_public_image() {
    assertDenied(register(owner(), spec(ImageType.SYSTEM_DISK, FROM_QCOW2).os(UBUNTU).build()),
        RuleCode.CREATE_PUBLIC);
  }

  @Test
  void public_image_is_a_system_disk_image() {
    assertDenied(register(Caller.operator(),
        spec(ImageType.FULL_SERVER, FROM_QCOW2).os(UBUNTU).build()), RuleCode.CREATE_PUBLIC);
  }

  @Test
  void public_image_is_imported_from_a_file() {
    assertDenied(register(Caller.operator(), spec(ImageType.SYSTEM_DISK, FROM_SERVER).build()),
        RuleCode.CREATE_PUBLIC);
  }

  @Test
  void tenant_cannot_deactivate_a_public_image() {
    ImageRecord image = publicImage();
    assertDenied(decide(context(owner(),
        new Action.ChangeStatus(image.id(), ImageStatus.DEACTIVATED), image)),
        RuleCode.CREATE_PUBLIC);
  }

  @Test
  void operator_deactivates_a_public_image() {
    ImageRecord image = publicImage();
    assertAllowed(decide(context(Caller.operator(),
        new Action.ChangeStatus(image.id(), ImageStatus.DEACTIVATED), image)));
  }

  @Test
  void tenant_cannot_delete_a_public_image() {
    ImageRecord image = publicImage();
    assertDenied(decide(context(owner(), new Action.Delete(image.id()), image)),
        RuleCode.CREATE_PUBLIC);
  }

  @Test
  void tenant_cannot_protect_a_public_image() {
    ImageRecord image = publicImage();
    assertDenied(decide(context(owner(), new Action.Protect(image.id()), image)),
        RuleCode.CREATE_PUBLIC);
  }

  @Test
  void operator_protects_a_public_image() {
    ImageRecord image = publicImage();
    assertAllowed(decide(context(Caller.operator(), new Action.Protect(image.id()), image)));
  }

  @Test
  void public_record_has_no_owner() {
    assertInputError(RuleCode.CREATE_PUBLIC,
        () -> ImageRecord.builder().from(publicImage()).owner(OWNER).build());
  }

  @Test
  void public_record_is_a_system_disk_image() {
    assertInputError(RuleCode.CREATE_PUBLIC, () -> ImageRecord.builder()
        .from(fullServerImageFromBackup()).source(ImageSource.SERVER).backup(Optional.empty())
        .imageClass(dev.imago.spi.ImageClass.PUBLIC).owner(Optional.empty()).build());
  }

  // CREATE_SOURCE_ACCESS

  @Test
  void tenant_cannot_create_an_image_from_another_tenants_server() {
    assertDenied(decide(creating(stranger(), spec(ImageType.SYSTEM_DISK, FROM_SERVER).build(),
        QCOW2_FILE)), RuleCode.CREATE_SOURCE_ACCESS);
  }

  @Test
  void tenant_cannot_create_an_image_from_another_tenants_backup() {
    assertDenied(decide(creating(stranger(), spec(ImageType.FULL_SERVER, FROM_BACKUP).build(),
        QCOW2_FILE)), RuleCode.CREATE_SOURCE_ACCESS);
  }

  @Test
  void tenant_cannot_create_an_image_from_another_tenants_disk() {
    assertDenied(decide(creating(stranger(), spec(ImageType.DATA_DISK, FROM_DISK).build(),
        QCOW2_FILE)), RuleCode.CREATE_SOURCE_ACCESS);
  }

  @Test
  void tenant_cannot_import_another_tenants_file() {
    assertDenied(decide(creating(stranger(), spec(ImageType.DATA_DISK, FROM_QCOW2).build(),
        QCOW2_FILE)), RuleCode.CREATE_SOURCE_ACCESS);
  }

  @Test
  void tenant_cannot_create_an_image_from_a_server_the_directory_does_not_know() {
    ImageSpec spec = spec(ImageType.SYSTEM_DISK, FROM_SERVER).build();
    assertDenied(decide(context(owner(), new Action.Create(spec))),
        RuleCode.CREATE_SOURCE_ACCESS);
  }

  @Test
  void tenant_cannot_create_an_image_from_its_server_in_another_region() {
    ServerFacts abroad = ServerFacts.builder().from(SERVER).region(OTHER_REGION).build();
    ImageSpec spec = spec(ImageType.SYSTEM_DISK, FROM_SERVER).build();

    assertDenied(decide(context(owner(), new Action.Create(spec)).server(abroad)),
        RuleCode.CREATE_SOURCE_ACCESS);
  }

  @Test
  void operator_cannot_register_a_public_image_from_a_missing_file() {
    ImageSpec spec = spec(ImageType.SYSTEM_DISK, FROM_QCOW2).os(UBUNTU).build();
    assertDenied(decide(context(Caller.operator(), new Action.RegisterPublic(spec, REGION))),
        RuleCode.CREATE_SOURCE_ACCESS);
  }
}
