package dev.imago.core.policy;

import static dev.imago.core.policy.DecisionAssertions.assertAllowed;
import static dev.imago.core.policy.DecisionAssertions.assertDenied;
import static dev.imago.core.policy.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imago.core.Caller;
import dev.imago.core.ImageNotFoundException;
import dev.imago.core.internal.Image;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.MembershipStatus;
import dev.imago.spi.RuleCode;
import dev.imago.spi.ServerKind;
import dev.imago.spi.TenantId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** USE_* rules, and how images a caller may not see answer as not found. */
class UseRulesTest {

  private static Decision use(Caller caller, ImageRecord image, UseRequest request) {
    return decide(context(caller, new Action.Use(image.id(), request), image));
  }

  private static Decision use(Caller caller, ImageRecord image) {
    return use(caller, image, serverRequest().build());
  }

  // USE_NOT_VISIBLE and NOT_FOUND gating

  @Test
  void owner_uses_its_private_image() {
    assertAllowed(use(owner(), systemDiskImage()));
  }

  @Test
  void stranger_cannot_use_another_tenants_private_image_which_answers_as_not_found() {
    Decision decision = use(stranger(), systemDiskImage());

    assertDenied(decision, RuleCode.USE_NOT_VISIBLE);
    assertThat(decision.isNotFound()).isTrue();
  }

  @Test
  void stranger_learns_nothing_else_about_a_private_image_it_cannot_see() {
    ImageRecord image = systemDiskImage().withStatus(ImageStatus.DEACTIVATED).withEncryptionKey(KEY);
    UseRequest wrongInEveryWay = serverRequest().target(UseTarget.DATA_DISK).region(OTHER_REGION)
        .diskGib(1).ramMib(1).build();

    Decision decision = use(stranger(), image, wrongInEveryWay);

    assertDenied(decision, RuleCode.USE_NOT_VISIBLE);
    assertThat(decision.violations()).singleElement()
        .satisfies(violation -> {
          assertThat(violation.category()).isEqualTo(Category.NOT_FOUND);
          assertThat(violation.message()).doesNotContain("DEACTIVATED", "encrypted", "owner");
        });
  }

  @Test
  void stranger_sharing_another_tenants_image_learns_only_that_it_does_not_exist() {
    ImageRecord image = systemDiskImage().withStatus(ImageStatus.DEACTIVATED).withEncryptionKey(KEY);

    Decision decision = decide(context(stranger(),
        new Action.Share(image.id(), List.of(FAR_AWAY, TenantId.of("nobody"))), image));

    assertDenied(decision, RuleCode.USE_NOT_VISIBLE);
  }

  @Test
  void stranger_asking_for_a_paid_market_image_of_another_region_sees_no_charges() {
    ImageRecord image = ImageRecord.builder().from(paidMarketImage()).region(OTHER_REGION).build();

    Decision decision = use(stranger(), image,
        serverRequest().serverFee(SERVER_PRICE).build());

    assertDenied(decision, RuleCode.USE_NOT_VISIBLE);
    assertThat(decision.charges()).isEmpty();
  }

  @Test
  void deleted_image_answers_its_owner_with_lifecycle_deleted_only() {
    ImageRecord image = systemDiskImage().withStatus(ImageStatus.DELETED);

    assertDenied(use(owner(), image), RuleCode.LIFECYCLE_DELETED);
  }

  @Test
  void deleted_image_answers_a_stranger_exactly_as_an_id_that_never_existed() {
    ImageRecord image = systemDiskImage().withStatus(ImageStatus.DELETED);
    Decision never = decide(context(stranger(),
        new Action.Use(image.id(), serverRequest().build())));

    assertThat(use(stranger(), image)).isEqualTo(never);
    assertDenied(never, RuleCode.USE_NOT_VISIBLE);
  }

  @Test
  void image_missing_from_the_context_answers_as_not_found() {
    Decision decision = decide(context(owner(),
        new Action.Use(ImageId.of("image-missing"), serverRequest().build())));

    assertDenied(decision, RuleCode.USE_NOT_VISIBLE);
  }

  @Test
  void member_that_accepted_uses_the_shared_image() {
    assertAllowed(use(friend(), sharedWith(systemDiskImage(), FRIEND, MembershipStatus.ACCEPTED)));
  }

  @Test
  void pending_member_cannot_use_the_shared_image_yet() {
    assertDenied(use(friend(), sharedWith(systemDiskImage(), FRIEND, MembershipStatus.PENDING)),
        RuleCode.USE_NOT_VISIBLE);
  }

  @Test
  void pending_member_reads_the_shared_image() {
    ImageRecord image = sharedWith(systemDiskImage(), FRIEND, MembershipStatus.PENDING);
    assertAllowed(decide(context(friend(), new Action.Read(image.id()), image)));
  }

  @Test
  void pending_member_accepts_the_shared_image() {
    ImageRecord image = sharedWith(systemDiskImage(), FRIEND, MembershipStatus.PENDING);
    assertAllowed(decide(context(friend(), new Action.Accept(image.id(),
        Optional.empty()), image)));
  }

  @Test
  void pending_member_cannot_list_the_other_members() {
    ImageRecord image = sharedWith(systemDiskImage(), FRIEND, MembershipStatus.PENDING);
    assertDenied(decide(context(friend(), new Action.ListMembers(image.id()), image)),
        RuleCode.SHARE_NOT_OWNER);
  }

  @Test
  void member_that_rejected_cannot_use_the_shared_image() {
    assertDenied(use(friend(), sharedWith(systemDiskImage(), FRIEND, MembershipStatus.REJECTED)),
        RuleCode.USE_NOT_VISIBLE);
  }

  @Test
  void tenant_uses_a_public_image_of_its_region() {
    assertAllowed(use(stranger(), publicImage()));
  }

  @Test
  void tenant_of_another_region_cannot_see_a_public_image() {
    assertDenied(use(Caller.tenant(FAR_AWAY), publicImage(),
        serverRequest().region(OTHER_REGION).build()), RuleCode.USE_NOT_VISIBLE);
  }

  @Test
  void tenant_uses_a_free_market_image_of_its_region() {
    assertAllowed(use(stranger(), freeMarketImage()));
  }

  @Test
  void tenant_of_another_region_cannot_see_a_market_image() {
    assertDenied(use(Caller.tenant(FAR_AWAY), freeMarketImage(),
        serverRequest().region(OTHER_REGION).build()), RuleCode.USE_NOT_VISIBLE);
  }

  @Test
  void hidden_image_answers_as_not_found_through_the_aggregate() {
    ImageRecord image = systemDiskImage();

    assertThatThrownBy(() -> new Image(PolicyEngine.standard()).execute(
        context(stranger(), new Action.Delete(image.id()), image).build(),
        () -> ImageId.of("unused")))
        .isInstanceOfSatisfying(ImageNotFoundException.class, e -> {
          assertThat(e.imageId()).isEqualTo(image.id());
          assertThat(e.getMessage()).doesNotContain(OWNER.value());
        });
  }

  // USE_NOT_ACTIVE

  @ParameterizedTest
  @EnumSource(value = ImageStatus.class, names = {"ACTIVE", "RECYCLED", "DELETED"},
      mode = EnumSource.Mode.EXCLUDE)
  void image_that_is_not_active_cannot_be_used(ImageStatus status) {
    assertDenied(use(owner(), systemDiskImage().withStatus(status)), RuleCode.USE_NOT_ACTIVE);
  }

  @Test
  void active_image_with_same_attributes_can_be_used() {
    assertAllowed(use(owner(), systemDiskImage().withStatus(ImageStatus.ACTIVE)));
  }

  // USE_REGION

  @Test
  void image_cannot_be_used_in_another_region_before_it_is_replicated() {
    Decision decision = use(owner(), systemDiskImage(),
        serverRequest().region(OTHER_REGION).build());

    assertDenied(decision, RuleCode.USE_REGION);
    assertThat(decision.violations().get(0).message())
        .contains("replicate it to " + OTHER_REGION);
  }

  @Test
  void image_is_used_in_its_own_region() {
    assertAllowed(use(owner(), systemDiskImage(), serverRequest().region(REGION).build()));
  }

  // USE_TARGET

  static Stream<Arguments> typesAndTargets() {
    Set<UseTarget> system = Set.of(UseTarget.SERVER, UseTarget.CHANGE_OS);
    return Stream.of(
        Arguments.of(systemDiskImage(), system),
        Arguments.of(publicImage(), system),
        Arguments.of(freeMarketImage(), system),
        Arguments.of(fullServerImageFromBackup(), Set.of(UseTarget.SERVER)),
        Arguments.of(dataDiskImage(), Set.of(UseTarget.DATA_DISK)),
        Arguments.of(isoImage(), Set.of(UseTarget.TEMPORARY_SERVER)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("typesAndTargets")
  void each_image_type_creates_only_its_own_targets(ImageRecord image, Set<UseTarget> targets) {
    for (UseTarget target : UseTarget.values()) {
      Decision decision = use(owner(), image, serverRequest().target(target).diskGib(100).build());
      if (targets.contains(target)) {
        assertAllowed(decision);
      } else {
        assertThat(decision.codes()).as("%s for %s: %s", image.type(), target, decision)
            .contains(RuleCode.USE_TARGET);
      }
    }
  }

  @Test
  void system_disk_image_cannot_create_a_data_disk() {
    assertDenied(use(owner(), systemDiskImage(),
        serverRequest().target(UseTarget.DATA_DISK).build()), RuleCode.USE_TARGET);
  }

  @Test
  void system_disk_image_changes_a_servers_os() {
    assertAllowed(use(owner(), systemDiskImage(),
        serverRequest().target(UseTarget.CHANGE_OS).build()));
  }

  @Test
  void full_server_image_cannot_change_a_servers_os() {
    assertDenied(use(owner(), fullServerImageFromBackup(),
        serverRequest().target(UseTarget.CHANGE_OS).build()), RuleCode.USE_TARGET);
  }

  @Test
  void data_disk_image_cannot_create_a_server() {
    assertThat(use(owner(), dataDiskImage(), serverRequest().diskGib(100).build()).codes())
        .contains(RuleCode.USE_TARGET);
  }

  @Test
  void data_disk_image_creates_a_data_disk() {
    assertAllowed(use(owner(), dataDiskImage(), serverRequest()
        .target(UseTarget.DATA_DISK).serverKind(Optional.empty()).diskGib(100)
        .build()));
  }

  @Test
  void iso_image_cannot_create_an_ordinary_server() {
    assertDenied(use(owner(), isoImage(), serverRequest().target(UseTarget.SERVER).build()),
        RuleCode.USE_TARGET);
  }

  @Test
  void iso_image_creates_a_temporary_installation_server() {
    assertAllowed(use(owner(), isoImage(),
        serverRequest().target(UseTarget.TEMPORARY_SERVER).build()));
  }

  // USE_SERVER_KIND

  @Test
  void ecs_image_cannot_create_a_bare_metal_server() {
    assertDenied(use(owner(), systemDiskImage(), serverRequest().serverKind(ServerKind.BMS).build()),
        RuleCode.USE_SERVER_KIND);
  }

  @Test
  void image_that_supports_bare_metal_creates_a_bare_metal_server() {
    ImageRecord image = systemDiskImage().withServerKinds(ServerKind.ECS, ServerKind.BMS);
    assertAllowed(use(owner(), image, serverRequest().serverKind(ServerKind.BMS).build()));
  }

  // USE_FLAVOR

  @Test
  void disk_smaller_than_the_image_minimum_is_refused() {
    assertDenied(use(owner(), systemDiskImage(), serverRequest().diskGib(39).build()),
        RuleCode.USE_FLAVOR);
  }

  @Test
  void ram_below_the_image_minimum_is_refused() {
    assertDenied(use(owner(), systemDiskImage(), serverRequest().ramMib(1023).build()),
        RuleCode.USE_FLAVOR);
  }

  @Test
  void flavor_that_meets_the_minimums_exactly_is_accepted() {
    assertAllowed(use(owner(), systemDiskImage(), serverRequest().diskGib(40).ramMib(1024).build()));
  }

  @Test
  void flavor_below_both_minimums_reports_both() {
    Decision decision = use(owner(), systemDiskImage(),
        serverRequest().diskGib(10).ramMib(512).build());

    assertDenied(decision, RuleCode.USE_FLAVOR);
    assertThat(decision.violations()).flatExtracting(Violation::fields)
        .containsExactly("diskGib", "ramMib");
  }

  // USE_MARKET_TERMS

  @Test
  void paid_market_image_is_not_used_before_its_price_is_accepted() {
    Decision decision = use(stranger(), paidMarketImage(),
        serverRequest().serverFee(SERVER_PRICE).build());

    assertDenied(decision, RuleCode.USE_MARKET_TERMS);
    assertThat(decision.charges()).containsExactly(
        new Charge(Charge.Kind.IMAGE_FEE, IMAGE_PRICE),
        new Charge(Charge.Kind.SERVER_FEE, SERVER_PRICE));
  }

  @Test
  void paid_market_image_is_used_once_its_price_is_accepted_and_lists_the_charges() {
    Decision decision = use(stranger(), paidMarketImage(),
        serverRequest().serverFee(SERVER_PRICE).acceptsPrice(true).build());

    assertAllowed(decision);
    assertThat(decision.charges()).containsExactly(
        new Charge(Charge.Kind.IMAGE_FEE, IMAGE_PRICE),
        new Charge(Charge.Kind.SERVER_FEE, SERVER_PRICE));
  }

  @Test
  void free_market_image_is_used_without_accepting_a_price() {
    Decision decision = use(stranger(), freeMarketImage(),
        serverRequest().serverFee(SERVER_PRICE).build());

    assertAllowed(decision);
    assertThat(decision.charges()).isEmpty();
  }

  @Test
  void seller_uses_its_own_paid_market_image_without_charges() {
    Decision decision = use(owner(), paidMarketImage(), serverRequest().build());

    assertAllowed(decision);
    assertThat(decision.charges()).isEmpty();
  }

}
