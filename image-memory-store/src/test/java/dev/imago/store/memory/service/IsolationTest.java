package dev.imago.store.memory.service;

import static dev.imago.store.memory.service.World.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.imago.core.Caller;
import dev.imago.core.ImageNotFoundException;
import dev.imago.core.ImagePolicyException;
import dev.imago.core.policy.Action;
import dev.imago.core.policy.Decision;
import dev.imago.core.policy.ImageSpec;
import dev.imago.core.policy.SourceRef;
import dev.imago.core.policy.UseRequest;
import dev.imago.core.policy.UseTarget;
import dev.imago.spi.FileFacts;
import dev.imago.spi.FileFormat;
import dev.imago.spi.FileId;
import dev.imago.spi.ImageFilter;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageType;
import dev.imago.spi.MembershipStatus;
import dev.imago.spi.RuleCode;
import dev.imago.spi.ServerKind;
import dev.imago.spi.TenantId;
import dev.imago.spi.Visibility;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a tenant that is not an image's owner learns through the service: its own membership at
 * most, the refusal and nothing more, and of another tenant's source no more than of a source
 * that does not exist.
 */
class IsolationTest {
  private final World world = new World();
  private final TenantId hooli = world.addTenant("hooli-north", NORTH);
  private final TenantId umbrella = world.addTenant("umbrella-north", NORTH);

  // ------------------------------------------------------------- a member sees only itself

  @Test
  void a_member_reads_no_other_member_in_get_listings_or_shared_with_me() {
    ImageRecord image = sharedWithThree();
    world.images.accept(globex(), image.id());
    world.images.reject(Caller.tenant(hooli), image.id());

    for (TenantId member : List.of(GLOBEX, hooli, umbrella)) {
      Caller reader = Caller.tenant(member);
      assertThat(world.images.get(reader, image.id()).members()).as("%s's get", member)
          .containsOnlyKeys(member);
      ImageFilter everyShare = ImageFilter.builder().include(EnumSet.of(Visibility.SHARED))
          .membership(EnumSet.allOf(MembershipStatus.class)).build();
      assertThat(world.images.listVisible(reader, everyShare).items()).singleElement()
          .satisfies(listed -> assertThat(listed.members()).containsOnlyKeys(member));
      assertThat(world.images.listSharedWithMe(reader,
          EnumSet.allOf(MembershipStatus.class), 10).items()).singleElement()
          .satisfies(listed -> assertThat(listed.members()).containsOnlyKeys(member));
    }
    assertThat(world.images.get(acme(), image.id()).members())
        .containsOnlyKeys(GLOBEX, hooli, umbrella);
  }

  // ------------------------------------------------------ decisions say only the refusal

  @Test
  void a_member_checking_a_share_of_many_hears_only_that_it_is_not_the_owner() {
    ImageRecord image = sharedWithThree();
    List<TenantId> batch = new ArrayList<>();
    for (int i = 0; i < 128; i++) {
      batch.add(TenantId.of("stranger-" + i));
    }

    Decision decision = world.images.check(globex(), new Action.Share(image.id(), batch));

    assertThat(decision.codes()).containsExactly(RuleCode.SHARE_NOT_OWNER);
    assertThat(decision.violations()).singleElement()
        .satisfies(violation -> assertThat(violation.message())
            .isEqualTo("only the owner manages the members of image " + image.id()));
  }

  @Test
  void a_member_checking_a_revoke_does_not_learn_who_is_a_member() {
    ImageRecord image = sharedWithThree();

    Decision ofAMember = world.images.check(globex(), new Action.Revoke(image.id(), hooli));
    Decision ofAStranger = world.images.check(globex(),
        new Action.Revoke(image.id(), TenantId.of("nobody")));

    assertThat(ofAMember).isEqualTo(ofAStranger);
    assertThat(ofAMember.codes()).containsExactly(RuleCode.SHARE_NOT_OWNER);
  }

  @Test
  void a_tenant_checking_a_share_of_a_public_image_learns_no_region_and_no_existence() {
    FileId qcow = FileId.of("obs-platform-gold");
    world.sources.putFile(FileFacts.builder().id(qcow).owner(TenantId.of("platform"))
        .region(NORTH).format(FileFormat.QCOW2).sizeBytes(2L << 30).build());
    ImageRecord gold = world.images.registerPublicImage(Caller.operator(), ImageSpec.builder()
        .name("gold").type(ImageType.SYSTEM_DISK).source(SourceRef.file(qcow)).os(UBUNTU)
        .build(), NORTH);

    Decision abroad = world.images.check(acme(), new Action.Share(gold.id(), List.of(INITECH)));
    Decision missing = world.images.check(acme(),
        new Action.Share(gold.id(), List.of(TenantId.of("nobody"))));

    assertThat(abroad.codes()).containsExactly(RuleCode.SHARE_NOT_OWNER);
    assertThat(abroad).isEqualTo(missing);
  }

  // --------------------------------------------- another tenant's source is as none at all

  @Test
  void creating_from_another_tenants_file_answers_as_a_file_that_does_not_exist() {
    FileId huge = FileId.of("obs-globex-huge-iso");
    world.sources.putFile(FileFacts.builder().id(huge).owner(GLOBEX).region(NORTH)
        .format(FileFormat.ISO).sizeBytes(900L << 30).build());
    FileId missing = FileId.of("obs-globex-missing");

    ImagePolicyException foreign = refusedCreate(SourceRef.file(huge));
    ImagePolicyException absent = refusedCreate(SourceRef.file(missing));

    assertThat(foreign.decision().codes()).containsExactly(RuleCode.CREATE_SOURCE_ACCESS);
    assertThat(foreign.getMessage().replace(huge.value(), "<file>"))
        .isEqualTo(absent.getMessage().replace(missing.value(), "<file>"));
  }

  @Test
  void creating_from_another_tenants_server_says_nothing_of_its_disks() {
    world.sources.putServer(dev.imago.spi.ServerFacts.builder()
        .id(dev.imago.spi.ServerId.of("ecs-globex")).owner(GLOBEX).region(NORTH)
        .machine(MACHINE).build());

    ImagePolicyException refused = refusedCreate(
        SourceRef.server(dev.imago.spi.ServerId.of("ecs-globex")), 10);

    assertThat(refused.decision().codes()).containsExactly(RuleCode.CREATE_SOURCE_ACCESS);
  }

  @Test
  void creating_from_another_tenants_disk_or_backup_answers_as_one_that_does_not_exist() {
    world.sources.putDisk(dev.imago.spi.DiskFacts.builder()
        .id(dev.imago.spi.DiskId.of("evs-globex")).owner(GLOBEX).region(NORTH)
        .spec(dev.imago.spi.DiskSpec.of(dev.imago.spi.DiskRole.DATA, 900)).build());
    world.sources.putBackup(dev.imago.spi.BackupFacts.builder()
        .id(dev.imago.spi.BackupId.of("cbr-globex")).owner(GLOBEX).region(NORTH)
        .machine(MACHINE).build());

    ImagePolicyException foreignDisk = refused(ImageType.DATA_DISK,
        SourceRef.disk(dev.imago.spi.DiskId.of("evs-globex")));
    ImagePolicyException absentDisk = refused(ImageType.DATA_DISK,
        SourceRef.disk(dev.imago.spi.DiskId.of("evs-missing")));
    ImagePolicyException foreignBackup = refused(ImageType.FULL_SERVER,
        SourceRef.backup(dev.imago.spi.BackupId.of("cbr-globex")));
    ImagePolicyException absentBackup = refused(ImageType.FULL_SERVER,
        SourceRef.backup(dev.imago.spi.BackupId.of("cbr-missing")));

    assertThat(foreignDisk.decision().codes()).containsExactly(RuleCode.CREATE_SOURCE_ACCESS);
    assertThat(foreignDisk.getMessage().replace("evs-globex", "<id>"))
        .isEqualTo(absentDisk.getMessage().replace("evs-missing", "<id>"));
    assertThat(foreignBackup.decision().codes()).containsExactly(RuleCode.CREATE_SOURCE_ACCESS);
    assertThat(foreignBackup.getMessage().replace("cbr-globex", "<id>"))
        .isEqualTo(absentBackup.getMessage().replace("cbr-missing", "<id>"));
  }

  @Test
  void a_member_checking_a_change_of_the_owners_image_hears_only_that_it_is_not_the_owner() {
    ImageRecord image = sharedWithThree();

    for (dev.imago.core.policy.Action change : List.of(
        new dev.imago.core.policy.Action.UpdateTags(image.id(), java.util.Map.of("k", "v")),
        new dev.imago.core.policy.Action.Protect(image.id()),
        new dev.imago.core.policy.Action.Delete(image.id()),
        new dev.imago.core.policy.Action.Deprecate(image.id(),
            dev.imago.spi.Deprecation.at(java.time.Instant.EPOCH)))) {
      assertThat(world.images.check(globex(), change).violations()).as("%s", change)
          .singleElement().satisfies(violation ->
              assertThat(violation.code()).isEqualTo(RuleCode.CHANGE_NOT_OWNER));
    }
  }

  private ImagePolicyException refused(ImageType type, SourceRef source) {
    ImageSpec spec = ImageSpec.builder().name("stolen").type(type).source(source).build();
    return catchThrowableOfType(ImagePolicyException.class,
        () -> world.images.createImage(acme(), spec));
  }

  // ------------------------------------------------- a pending member hears the way out

  @Test
  void a_pending_member_is_told_to_accept_and_a_stranger_that_the_image_does_not_exist() {
    ImageRecord image = sharedWithThree();

    ImagePolicyException pending = catchThrowableOfType(ImagePolicyException.class,
        () -> world.images.authorizeUse(globex(), image.id(), server()));
    ImageNotFoundException stranger = catchThrowableOfType(ImageNotFoundException.class,
        () -> world.images.authorizeUse(initechNorth(), image.id(), server()));
    ImageNotFoundException unknown = catchThrowableOfType(ImageNotFoundException.class,
        () -> world.images.authorizeUse(initechNorth(), ImageId.of("img-404"), server()));

    assertThat(pending.decision().codes()).containsExactly(RuleCode.USE_NOT_VISIBLE);
    assertThat(pending.decision().violations().get(0).category())
        .isEqualTo(dev.imago.core.policy.Category.FORBIDDEN);
    assertThat(pending.getMessage()).contains("accept the share first");
    assertThat(stranger.getMessage().replace(image.id().value(), "<id>"))
        .isEqualTo(unknown.getMessage().replace("img-404", "<id>"));
  }

  // --------------------------------------------------------------------------- helpers

  private Caller initechNorth() {
    return Caller.tenant(world.addTenant("initech-north", NORTH));
  }

  private ImageRecord sharedWithThree() {
    ImageRecord image = world.activeSystemDiskImage("shared");
    world.images.share(acme(), image.id(), List.of(GLOBEX, hooli, umbrella));
    return image;
  }

  private ImagePolicyException refusedCreate(SourceRef source) {
    return refusedCreate(source, 0);
  }

  private ImagePolicyException refusedCreate(SourceRef source, int minDiskGib) {
    ImageSpec.Builder spec = ImageSpec.builder().name("stolen").type(ImageType.SYSTEM_DISK)
        .source(source).os(UBUNTU);
    if (minDiskGib > 0) {
      spec.minDiskGib(minDiskGib);
    }
    ImageSpec built = spec.build();
    return catchThrowableOfType(ImagePolicyException.class,
        () -> world.images.createImage(acme(), built));
  }

  private static UseRequest server() {
    return UseRequest.builder().target(UseTarget.SERVER).region(NORTH).serverKind(ServerKind.ECS)
        .diskGib(100).ramMib(8192).build();
  }
}
