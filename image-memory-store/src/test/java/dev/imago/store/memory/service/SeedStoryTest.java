package dev.imago.store.memory.service;

import static dev.imago.store.memory.service.World.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imago.core.ImageNotFoundException;
import dev.imago.core.ImagePolicyException;
import dev.imago.core.ShareResult;
import dev.imago.core.UsePlan;
import dev.imago.core.policy.Charge;
import dev.imago.core.policy.ImageSpec;
import dev.imago.core.policy.PolicySettings;
import dev.imago.core.policy.SourceRef;
import dev.imago.core.policy.UseRequest;
import dev.imago.core.policy.UseTarget;
import dev.imago.spi.DiskRole;
import dev.imago.spi.DiskSpec;
import dev.imago.spi.EventType;
import dev.imago.spi.ImageFilter;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.ImageType;
import dev.imago.spi.MembershipStatus;
import dev.imago.spi.Price;
import dev.imago.spi.PriceUnit;
import dev.imago.spi.RegionId;
import dev.imago.spi.RuleCode;
import dev.imago.spi.ServerKind;
import dev.imago.spi.StoredEvent;
import dev.imago.spi.TenantId;
import dev.imago.spi.VaultId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed's story and its neighbours, end to end through ImageService on the memory store. */
class SeedStoryTest {
  private final World world = new World();

  private static UseRequest serverIn(RegionId region) {
    return UseRequest.builder().target(UseTarget.SERVER).region(region)
        .serverKind(ServerKind.ECS).diskGib(40).ramMib(2048).build();
  }

  private static RuleCode codeOf(Throwable denied) {
    return ((ImagePolicyException) denied).decision().violations().get(0).code();
  }

  private static List<RuleCode> codesOf(Throwable denied) {
    return List.copyOf(((ImagePolicyException) denied).decision().codes());
  }

  @Test
  void a_private_image_is_shared_accepted_used_and_revoked() {
    ImageRecord image = world.images.createImage(acme(), ImageSpec.builder().name("web server")
        .type(ImageType.SYSTEM_DISK).source(SourceRef.server(SERVER)).build());
    assertThat(image.status()).isEqualTo(ImageStatus.QUEUED);
    assertThat(image.os()).contains(UBUNTU);
    world.images.reportProgress(image.id(), ImageStatus.SAVING);
    world.images.reportProgress(image.id(), ImageStatus.ACTIVE);

    ShareResult shared = world.images.share(acme(), image.id(), List.of(GLOBEX));
    assertThat(shared.added()).containsExactly(GLOBEX);
    assertThat(world.images.listMembers(acme(), image.id()))
        .singleElement().satisfies(member -> {
          assertThat(member.tenant()).isEqualTo(GLOBEX);
          assertThat(member.status()).isEqualTo(MembershipStatus.PENDING);
        });
    // The pending member sees the image, so it hears the truth and the way out.
    assertThatThrownBy(() -> world.images.authorizeUse(globex(), image.id(), serverIn(NORTH)))
        .isInstanceOfSatisfying(ImagePolicyException.class, denied -> {
          assertThat(denied.decision().codes()).containsExactly(RuleCode.USE_NOT_VISIBLE);
          assertThat(denied.getMessage()).contains("accept the share first");
        });

    assertThat(world.images.accept(globex(), image.id()).status())
        .isEqualTo(MembershipStatus.ACCEPTED);
    UsePlan plan = world.images.authorizeUse(globex(), image.id(), serverIn(NORTH));
    assertThat(plan.target()).isEqualTo(UseTarget.SERVER);
    assertThat(plan.disks()).containsExactly(DiskSpec.of(DiskRole.SYSTEM, 40));
    assertThat(plan.charges()).isEmpty();

    world.images.revoke(acme(), image.id(), GLOBEX);
    assertThatThrownBy(() -> world.images.authorizeUse(globex(), image.id(), serverIn(NORTH)))
        .isInstanceOf(ImageNotFoundException.class)
        .hasMessage(new ImageNotFoundException(image.id()).getMessage());
    assertThatThrownBy(() -> world.images.get(globex(), image.id()))
        .isInstanceOf(ImageNotFoundException.class);
  }

  @Test
  void a_member_lists_pending_shares_only_when_it_asks_for_them() {
    ImageRecord image = world.activeSystemDiskImage("pending for globex");
    world.images.share(acme(), image.id(), List.of(GLOBEX));
    ImageFilter visible = ImageFilter.all();
    assertThat(world.images.listVisible(globex(), visible).items()).isEmpty();
    assertThat(world.images.listSharedWithMe(globex(), EnumSet.of(MembershipStatus.PENDING), 100).items()).extracting(ImageRecord::id).containsExactly(image.id());
    world.images.accept(globex(), image.id());
    assertThat(world.images.listVisible(globex(), visible).items())
        .extracting(ImageRecord::id).containsExactly(image.id());
  }

  @Test
  void a_tenant_lists_only_its_own_region() {
    ImageRecord north = world.activeSystemDiskImage("north");
    world.images.replicate(acme(), north.id(), SOUTH);

    assertThat(world.images.listVisible(acme(), ImageFilter.all()).items())
        .extracting(ImageRecord::id).containsExactly(north.id());
    assertThat(world.images.listVisible(acmeSouth(), ImageFilter.all()).items())
        .extracting(ImageRecord::region).containsExactly(SOUTH);
  }

  @Test
  void sharing_with_another_region_is_denied_until_the_image_is_replicated_there() {
    ImageRecord image = world.activeSystemDiskImage("for the south");
    Throwable denied = org.assertj.core.api.Assertions.catchThrowable(
        () -> world.images.share(acme(), image.id(), List.of(INITECH)));
    assertThat(codesOf(denied)).containsExactly(RuleCode.SHARE_REGION);
    assertThat(denied).hasMessageContaining("replicate the image to " + SOUTH);

    ImageRecord replica = world.images.replicate(acme(), image.id(), SOUTH);
    assertThat(replica.owner()).contains(ACME_SOUTH);
    assertThat(replica.region()).isEqualTo(SOUTH);
    assertThat(replica.status()).isEqualTo(ImageStatus.QUEUED);
    assertThat(replica.origin()).hasValueSatisfying(origin -> {
      assertThat(origin.image()).isEqualTo(image.id());
      assertThat(origin.region()).isEqualTo(NORTH);
    });
    world.images.reportProgress(replica.id(), ImageStatus.ACTIVE);
    assertThat(world.images.share(acmeSouth(), replica.id(), List.of(INITECH)).added())
        .containsExactly(INITECH);
  }

  @Test
  void an_encrypted_image_is_not_shared() {
    ImageRecord image = world.activeEncryptedImage("secret");
    assertThat(codesOf(org.assertj.core.api.Assertions.catchThrowable(
        () -> world.images.share(acme(), image.id(), List.of(GLOBEX)))))
        .containsExactly(RuleCode.SHARE_ENCRYPTED);
  }

  @Test
  void a_market_image_is_not_shared() {
    ImageRecord image = world.activeSystemDiskImage("for sale");
    world.images.publish(acme(), image.id());
    assertThat(codesOf(org.assertj.core.api.Assertions.catchThrowable(
        () -> world.images.share(acme(), image.id(), List.of(GLOBEX)))))
        .containsExactly(RuleCode.SHARE_MARKET);
  }

  @Test
  void a_full_server_image_is_shared_only_when_made_from_a_backup() {
    ImageRecord fromServer = world.activeImage(acme(), ImageSpec.builder().name("whole server")
        .type(ImageType.FULL_SERVER).source(SourceRef.server(SERVER)).build());
    assertThat(codesOf(org.assertj.core.api.Assertions.catchThrowable(
        () -> world.images.share(acme(), fromServer.id(), List.of(GLOBEX)))))
        .containsExactly(RuleCode.SHARE_FULL_SERVER_SOURCE);

    ImageRecord fromBackup = world.activeImage(acme(), ImageSpec.builder().name("whole backup")
        .type(ImageType.FULL_SERVER).source(SourceRef.backup(BACKUP)).build());
    world.images.share(acme(), fromBackup.id(), List.of(GLOBEX));
    assertThat(codesOf(org.assertj.core.api.Assertions.catchThrowable(
        () -> world.images.accept(globex(), fromBackup.id()))))
        .containsExactly(RuleCode.SHARE_ACCEPT_VAULT);
    world.images.accept(globex(), fromBackup.id(), VaultId.of("vault-globex"));
    UsePlan plan = world.images.authorizeUse(globex(), fromBackup.id(), serverIn(NORTH));
    assertThat(plan.disks()).containsExactly(
        DiskSpec.of(DiskRole.SYSTEM, 40), DiskSpec.of(DiskRole.DATA, 100));
    assertThat(plan.createsDataDisksWithServer()).isTrue();
  }

  @Test
  void the_129th_member_is_denied() {
    ImageRecord image = world.activeSystemDiskImage("popular");
    List<TenantId> first = new ArrayList<>();
    for (int i = 0; i < 128; i++) {
      first.add(world.addTenant("tenant-" + i, NORTH));
    }
    assertThat(world.images.share(acme(), image.id(), first).added()).hasSize(128);
    TenantId extra = world.addTenant("tenant-128", NORTH);
    assertThat(codesOf(org.assertj.core.api.Assertions.catchThrowable(
        () -> world.images.share(acme(), image.id(), List.of(extra)))))
        .containsExactly(RuleCode.SHARE_MEMBER_LIMIT);
    assertThat(world.images.listMembers(acme(), image.id())).hasSize(128);
  }

  @Test
  void deleting_a_shared_image_ends_every_membership() {
    ImageRecord image = world.activeSystemDiskImage("short lived");
    TenantId other = world.addTenant("hooli-north", NORTH);
    world.images.share(acme(), image.id(), List.of(GLOBEX, other));
    world.images.accept(globex(), image.id());
    long before = lastSequence();

    world.images.delete(acme(), image.id());

    assertThatThrownBy(() -> world.images.get(globex(), image.id()))
        .isInstanceOf(ImageNotFoundException.class);
    assertThatThrownBy(() -> world.images.get(acme(), image.id()))
        .isInstanceOf(ImageNotFoundException.class);
    assertThat(world.images.listSharedWithMe(globex(), EnumSet.allOf(MembershipStatus.class), 100).items()).isEmpty();
    assertThat(world.images.events(before, 10)).extracting(event -> event.event().type())
        .containsExactly(EventType.MEMBER_REMOVED, EventType.MEMBER_REMOVED, EventType.DELETED);
    assertThat(world.memoryStore.load(image.id()).orElseThrow().members()).isEmpty();
  }

  @Test
  void a_data_disk_image_creates_data_disks_and_not_servers() {
    ImageRecord image = world.activeImage(acme(), ImageSpec.builder().name("data")
        .type(ImageType.DATA_DISK).source(SourceRef.disk(DISK)).build());
    assertThat(codesOf(org.assertj.core.api.Assertions.catchThrowable(() ->
        world.images.authorizeUse(acme(), image.id(), UseRequest.builder()
            .target(UseTarget.SERVER).serverKind(ServerKind.ECS).region(NORTH)
            .diskGib(100).ramMib(2048).build()))))
        .containsExactly(RuleCode.USE_TARGET);
    UsePlan plan = world.images.authorizeUse(acme(), image.id(), UseRequest.builder()
        .target(UseTarget.DATA_DISK).region(NORTH).diskGib(100).build());
    assertThat(plan.disks()).containsExactly(DiskSpec.of(DiskRole.DATA, 100));
  }

  @Test
  void an_iso_image_creates_only_temporary_servers() {
    ImageRecord image = world.activeImage(acme(), ImageSpec.builder().name("installer")
        .type(ImageType.ISO).source(SourceRef.file(ISO_FILE)).os(UBUNTU).build());
    dev.imago.core.policy.UseRequest.Builder request = UseRequest.builder().region(NORTH).serverKind(ServerKind.ECS)
        .diskGib(40).ramMib(2048);
    assertThat(codesOf(org.assertj.core.api.Assertions.catchThrowable(() ->
        world.images.authorizeUse(acme(), image.id(), request.target(UseTarget.SERVER).build()))))
        .containsExactly(RuleCode.USE_TARGET);
    UsePlan plan = world.images.authorizeUse(acme(), image.id(),
        request.target(UseTarget.TEMPORARY_SERVER).build());
    assertThat(plan.target()).isEqualTo(UseTarget.TEMPORARY_SERVER);
    assertThat(plan.disks()).isEmpty();
  }

  @Test
  void a_paid_market_image_lists_its_fees_and_needs_the_price_accepted() {
    ImageRecord image = world.activeSystemDiskImage("lamp stack");
    Price imageFee = Price.of("0.10", "USD", PriceUnit.PER_HOUR);
    Price serverFee = Price.of("0.05", "USD", PriceUnit.PER_HOUR);
    world.images.publish(acme(), image.id(), imageFee);
    dev.imago.core.policy.UseRequest.Builder request = UseRequest.builder().target(UseTarget.SERVER).region(NORTH)
        .serverKind(ServerKind.ECS).diskGib(40).ramMib(2048).serverFee(serverFee);

    Throwable denied = org.assertj.core.api.Assertions.catchThrowable(
        () -> world.images.authorizeUse(globex(), image.id(), request.build()));
    assertThat(codesOf(denied)).containsExactly(RuleCode.USE_MARKET_TERMS);
    List<Charge> charges = List.of(new Charge(Charge.Kind.IMAGE_FEE, imageFee),
        new Charge(Charge.Kind.SERVER_FEE, serverFee));
    assertThat(((ImagePolicyException) denied).decision().charges()).isEqualTo(charges);

    UsePlan plan = world.images.authorizeUse(globex(), image.id(),
        request.acceptsPrice(true).build());
    assertThat(plan.charges()).isEqualTo(charges);
  }

  @Test
  void a_withdrawn_market_image_is_no_longer_used_by_others() {
    ImageRecord image = world.activeSystemDiskImage("retired");
    world.images.publish(acme(), image.id());
    world.images.authorizeUse(globex(), image.id(), serverIn(NORTH));
    world.images.withdraw(acme(), image.id());
    assertThatThrownBy(() -> world.images.authorizeUse(globex(), image.id(), serverIn(NORTH)))
        .isInstanceOf(ImageNotFoundException.class);
  }

  @Test
  void an_image_of_another_tenant_answers_exactly_like_one_that_never_existed() {
    ImageRecord image = world.activeSystemDiskImage("private");
    ImageRecord deleted = world.activeSystemDiskImage("gone");
    world.images.delete(acme(), deleted.id());
    Throwable hidden = org.assertj.core.api.Assertions.catchThrowable(
        () -> world.images.get(globex(), image.id()));
    Throwable gone = org.assertj.core.api.Assertions.catchThrowable(
        () -> world.images.get(acme(), deleted.id()));
    Throwable never = org.assertj.core.api.Assertions.catchThrowable(
        () -> world.images.get(globex(), dev.imago.spi.ImageId.of("img-never")));
    for (Throwable answer : List.of(hidden, gone, never)) {
      assertThat(answer).isExactlyInstanceOf(ImageNotFoundException.class)
          .hasMessageStartingWith("image img-").hasMessageEndingWith(" does not exist");
    }
  }

  @Test
  void the_quota_counts_private_images_per_region() {
    World small = new World(PolicySettings.builder().maxPrivateImagesPerRegion(2).build());
    small.activeSystemDiskImage("one");
    small.activeSystemDiskImage("two");
    assertThat(codeOf(org.assertj.core.api.Assertions.catchThrowable(
        () -> small.activeSystemDiskImage("three")))).isEqualTo(RuleCode.CREATE_QUOTA);
  }

  private long lastSequence() {
    List<StoredEvent> all = world.images.events(0, 10_000);
    return all.isEmpty() ? 0 : all.get(all.size() - 1).sequence();
  }
}
