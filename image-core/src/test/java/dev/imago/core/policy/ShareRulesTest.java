package dev.imago.core.policy;

import static dev.imago.core.policy.DecisionAssertions.assertAllowed;
import static dev.imago.core.policy.DecisionAssertions.assertDenied;
import static dev.imago.core.policy.DecisionAssertions.assertInputError;
import static dev.imago.core.policy.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.imago.core.Caller;
import dev.imago.core.ImagePolicyException;
import dev.imago.core.internal.Change;
import dev.imago.core.internal.Image;
import dev.imago.spi.EventType;
import dev.imago.spi.ImageClass;
import dev.imago.spi.ImageEvent;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageSource;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.ImageType;
import dev.imago.spi.Membership;
import dev.imago.spi.MembershipStatus;
import dev.imago.spi.RuleCode;
import dev.imago.spi.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** SHARE_* rules, through the policy engine and through the Image aggregate. */
class ShareRulesTest {
  private static final Image IMAGE = new Image(PolicyEngine.standard());
  private static final Supplier<ImageId> NO_NEW_IDS = () -> {
    throw new AssertionError("no image is created");
  };

  private static Decision share(Caller caller, ImageRecord image, TenantId... recipients) {
    return decide(context(caller, new Action.Share(image.id(), List.of(recipients)), image));
  }

  private static Change execute(Context.Builder context) {
    return IMAGE.execute(context.build(), NO_NEW_IDS);
  }

  private static ImagePolicyException refused(Context.Builder context) {
    return catchThrowableOfType(
        ImagePolicyException.class, () -> execute(context));
  }

  private static Context.Builder sharing(ImageRecord image, TenantId... recipients) {
    return context(owner(), new Action.Share(image.id(), List.of(recipients)), image);
  }

  // SHARE_NOT_OWNER

  @Test
  void owner_shares_its_image_with_a_tenant_of_its_region() {
    assertAllowed(share(owner(), sharedWith(systemDiskImage(), FRIEND, MembershipStatus.ACCEPTED),
        STRANGER));
  }

  @Test
  void member_cannot_share_the_image_further() {
    assertDenied(share(friend(), sharedWith(systemDiskImage(), FRIEND, MembershipStatus.ACCEPTED),
        STRANGER), RuleCode.SHARE_NOT_OWNER);
  }

  @Test
  void member_cannot_list_the_members() {
    ImageRecord image = sharedWith(systemDiskImage(), FRIEND, MembershipStatus.ACCEPTED);
    assertDenied(decide(context(friend(), new Action.ListMembers(image.id()), image)),
        RuleCode.SHARE_NOT_OWNER);
  }

  @Test
  void owner_lists_the_members() {
    ImageRecord image = sharedWith(systemDiskImage(), FRIEND, MembershipStatus.ACCEPTED);
    assertAllowed(decide(context(owner(), new Action.ListMembers(image.id()), image)));
  }

  @Test
  void member_cannot_revoke_a_membership() {
    ImageRecord image = sharedWith(systemDiskImage(), FRIEND, MembershipStatus.ACCEPTED);
    assertDenied(decide(context(friend(), new Action.Revoke(image.id(), FRIEND), image)),
        RuleCode.SHARE_NOT_OWNER);
  }

  // SHARE_NOT_PRIVATE

  @Test
  void public_image_cannot_be_shared() {
    // Nobody owns a public image, so nobody shares it: it is already everyone's.
    assertDenied(share(Caller.operator(), publicImage(), FRIEND), RuleCode.SHARE_NOT_OWNER);
  }

  @Test
  void private_image_with_same_attributes_can_be_shared() {
    ImageRecord image = ImageRecord.builder().from(publicImage())
        .imageClass(ImageClass.PRIVATE).owner(OWNER).build();
    assertAllowed(share(owner(), image, FRIEND));
  }

  @Test
  void public_record_has_no_members() {
    assertInputError(RuleCode.SHARE_NOT_PRIVATE, () -> ImageRecord.builder()
        .from(publicImage()).members(sharedWith(systemDiskImage(), FRIEND,
            MembershipStatus.ACCEPTED).members()).build());
  }

  // SHARE_MARKET

  @Test
  void market_image_cannot_be_shared() {
    assertDenied(share(owner(), freeMarketImage(), FRIEND), RuleCode.SHARE_MARKET);
  }

  @Test
  void withdrawn_image_with_same_attributes_can_be_shared() {
    ImageRecord withdrawn = ImageRecord.builder().from(freeMarketImage())
        .imageClass(ImageClass.PRIVATE).listing(Optional.empty()).build();
    assertAllowed(share(owner(), withdrawn, FRIEND));
  }

  @Test
  void image_with_members_cannot_be_published() {
    ImageRecord image = sharedWith(systemDiskImage(), FRIEND, MembershipStatus.PENDING);
    assertDenied(decide(context(owner(), new Action.Publish(image.id(), Optional.empty()), image)
        .callerTenant(asSeller(OWNER_INFO))), RuleCode.SHARE_MARKET);
  }

  @Test
  void image_without_members_can_be_published() {
    ImageRecord image = systemDiskImage();
    assertAllowed(decide(context(owner(), new Action.Publish(image.id(), Optional.empty()), image)
        .callerTenant(asSeller(OWNER_INFO))));
  }

  // SHARE_NOT_ACTIVE

  @ParameterizedTest
  @EnumSource(value = ImageStatus.class, names = {"ACTIVE", "RECYCLED", "DELETED"},
      mode = EnumSource.Mode.EXCLUDE)
  void image_that_is_not_active_cannot_be_shared(ImageStatus status) {
    assertDenied(share(owner(), systemDiskImage().withStatus(status), FRIEND),
        RuleCode.SHARE_NOT_ACTIVE);
  }

  @Test
  void active_image_with_same_attributes_can_be_shared() {
    assertAllowed(share(owner(), systemDiskImage().withStatus(ImageStatus.ACTIVE), FRIEND));
  }

  // SHARE_ENCRYPTED

  @Test
  void encrypted_image_cannot_be_shared() {
    assertDenied(share(owner(), systemDiskImage().withEncryptionKey(KEY), FRIEND),
        RuleCode.SHARE_ENCRYPTED);
  }

  @Test
  void unencrypted_image_with_same_attributes_can_be_shared() {
    assertAllowed(share(owner(), systemDiskImage().withEncryptionKey(Optional.empty()), FRIEND));
  }

  // SHARE_FULL_SERVER_SOURCE

  @Test
  void full_server_image_made_from_a_server_cannot_be_shared() {
    ImageRecord image = ImageRecord.builder().from(fullServerImageFromBackup())
        .source(ImageSource.SERVER).backup(Optional.empty()).build();
    assertDenied(share(owner(), image, FRIEND), RuleCode.SHARE_FULL_SERVER_SOURCE);
  }

  @Test
  void full_server_image_made_from_a_cloud_backup_can_be_shared() {
    assertAllowed(share(owner(), fullServerImageFromBackup(), FRIEND));
  }

  // SHARE_REGION

  @Test
  void image_cannot_be_shared_with_a_tenant_of_another_region() {
    Decision decision = share(owner(), systemDiskImage(), FRIEND, FAR_AWAY);

    assertDenied(decision, RuleCode.SHARE_REGION);
    assertThat(decision.violations()).singleElement().satisfies(violation -> {
      assertThat(violation.fields()).containsExactly("recipients[1]");
      assertThat(violation.message()).contains("replicate the image to " + OTHER_REGION);
    });
  }

  @Test
  void image_is_shared_with_a_tenant_of_its_own_region() {
    assertAllowed(share(owner(), systemDiskImage(), FRIEND));
  }

  // Every violation, not the first

  @Test
  void encrypted_inactive_image_shared_across_regions_reports_every_violation() {
    ImageRecord image = systemDiskImage().withEncryptionKey(KEY)
        .withStatus(ImageStatus.DEACTIVATED);

    assertDenied(share(owner(), image, FAR_AWAY),
        RuleCode.SHARE_ENCRYPTED, RuleCode.SHARE_NOT_ACTIVE, RuleCode.SHARE_REGION);
  }

  @Test
  void denial_through_the_aggregate_carries_every_violation() {
    ImageRecord image = systemDiskImage().withEncryptionKey(KEY)
        .withStatus(ImageStatus.DEACTIVATED);

    assertThat(refused(sharing(image, FAR_AWAY)).decision().codes()).containsExactlyInAnyOrder(
        RuleCode.SHARE_ENCRYPTED, RuleCode.SHARE_NOT_ACTIVE, RuleCode.SHARE_REGION);
  }

  // SHARE_MEMBER_LIMIT

  @Test
  void image_reaches_128_members() {
    ImageRecord image = withMembers(systemDiskImage(), 127);
    assertAllowed(share(owner(), image, FRIEND));
  }

  @Test
  void image_with_128_members_cannot_take_a_129th() {
    ImageRecord image = withMembers(systemDiskImage(), 128);
    assertDenied(share(owner(), image, FRIEND), RuleCode.SHARE_MEMBER_LIMIT);
  }

  @Test
  void batch_that_would_pass_the_limit_is_rejected_whole() {
    ImageRecord image = withMembers(systemDiskImage(), 126);

    ImagePolicyException error = refused(sharing(image, FRIEND, STRANGER, member(200))
        .putTenants(member(200), tenant(member(200), REGION)));

    assertThat(error.decision().codes()).containsExactly(RuleCode.SHARE_MEMBER_LIMIT);
  }

  @Test
  void batch_that_fills_the_limit_exactly_is_added_whole() {
    ImageRecord image = withMembers(systemDiskImage(), 126);

    Change change = execute(sharing(image, FRIEND, STRANGER));

    assertThat(change.added()).containsExactly(FRIEND, STRANGER);
    assertThat(change.record()).get().extracting(record -> record.members().size())
        .isEqualTo(128);
  }

  @Test
  void current_members_shared_again_do_not_count_toward_the_limit() {
    ImageRecord image = withMembers(systemDiskImage(), 127);

    Change change = execute(knowingMembers(sharing(image, member(1), member(2), FRIEND), 2));

    assertThat(change.added()).containsExactly(FRIEND);
    assertThat(change.alreadyMembers()).containsExactly(member(1), member(2));
    assertThat(change.record()).get().extracting(record -> record.members().size())
        .isEqualTo(128);
  }

  @Test
  void host_sets_the_member_limit_per_image_type() {
    PolicySettings settings = PolicySettings.builder()
        .putMaxMembersByType(ImageType.SYSTEM_DISK, 2).build();
    ImageRecord systemDisk = withMembers(systemDiskImage(), 2);
    ImageRecord fullServer = withMembers(fullServerImageFromBackup(), 2);

    assertDenied(decide(context(owner(), new Action.Share(systemDisk.id(), List.of(FRIEND)),
        systemDisk).settings(settings)), RuleCode.SHARE_MEMBER_LIMIT);
    assertAllowed(decide(context(owner(), new Action.Share(fullServer.id(), List.of(FRIEND)),
        fullServer).settings(settings)));
  }

  @Test
  void sharing_again_with_current_members_is_not_failed_when_a_lowered_limit_is_already_passed() {
    PolicySettings settings = PolicySettings.builder().defaultMaxMembers(2).build();
    ImageRecord image = withMembers(systemDiskImage(), 3);

    Change change = execute(knowingMembers(sharing(image, member(1)), 1).settings(settings));

    assertThat(change.record()).isEmpty();
    assertThat(change.alreadyMembers()).containsExactly(member(1));
  }

  @Test
  void new_member_is_refused_when_a_lowered_limit_is_already_passed() {
    PolicySettings settings = PolicySettings.builder().defaultMaxMembers(2).build();
    ImageRecord image = withMembers(systemDiskImage(), 3);

    assertDenied(decide(knowingMembers(sharing(image, member(1), FRIEND), 1).settings(settings)),
        RuleCode.SHARE_MEMBER_LIMIT);
  }

  @Test
  void host_sets_the_default_member_limit() {
    PolicySettings settings = PolicySettings.builder().defaultMaxMembers(1).build();
    ImageRecord image = withMembers(systemDiskImage(), 1);

    assertDenied(decide(sharing(image, FRIEND).settings(settings)), RuleCode.SHARE_MEMBER_LIMIT);
  }

  // SHARE_RECIPIENT

  @Test
  void image_cannot_be_shared_with_a_tenant_that_does_not_exist() {
    assertDenied(share(owner(), systemDiskImage(), TenantId.of("nobody")),
        RuleCode.SHARE_RECIPIENT);
  }

  @Test
  void image_cannot_be_shared_with_a_suspended_tenant() {
    assertDenied(share(owner(), systemDiskImage(), FROZEN), RuleCode.SHARE_RECIPIENT);
  }

  @Test
  void image_cannot_be_shared_with_its_owner() {
    assertDenied(share(owner(), systemDiskImage(), OWNER), RuleCode.SHARE_RECIPIENT);
  }

  @Test
  void image_is_shared_with_an_existing_active_tenant() {
    assertAllowed(share(owner(), systemDiskImage(), FRIEND));
  }

  @Test
  void share_names_at_least_one_recipient() {
    assertInputError(RuleCode.SHARE_RECIPIENT,
        () -> new Action.Share(systemDiskImage().id(), List.of()));
  }

  @Test
  void share_names_each_recipient_once() {
    assertInputError(RuleCode.SHARE_RECIPIENT,
        () -> new Action.Share(systemDiskImage().id(), List.of(FRIEND, FRIEND)));
  }

  @Test
  void member_record_cannot_be_the_owner() {
    assertInputError(RuleCode.SHARE_RECIPIENT,
        () -> sharedWith(systemDiskImage(), OWNER, MembershipStatus.ACCEPTED));
  }

  // SHARE_DUPLICATE

  @Test
  void sharing_again_with_a_current_member_changes_nothing_and_reports_it() {
    ImageRecord image = sharedWith(systemDiskImage(), FRIEND, MembershipStatus.ACCEPTED);

    Change change = execute(sharing(image, FRIEND));

    assertThat(change.record()).isEmpty();
    assertThat(change.events()).isEmpty();
    assertThat(change.added()).isEmpty();
    assertThat(change.alreadyMembers()).containsExactly(FRIEND);
    assertThat(change.expectedVersion()).isEqualTo(image.version());
  }

  @Test
  void sharing_with_a_new_tenant_adds_a_pending_member() {
    ImageRecord image = systemDiskImage();

    Change change = execute(sharing(image, FRIEND));

    ImageRecord next = change.record().orElseThrow();
    assertThat(next.member(FRIEND)).get().extracting(Membership::status)
        .isEqualTo(MembershipStatus.PENDING);
    assertThat(next.version()).isEqualTo(image.version() + 1);
    assertThat(change.expectedVersion()).isEqualTo(image.version());
    assertThat(change.added()).containsExactly(FRIEND);
    assertThat(change.alreadyMembers()).isEmpty();
    assertThat(change.events()).singleElement().satisfies(event -> {
      assertThat(event.type()).isEqualTo(EventType.MEMBER_ADDED);
      assertThat(event.member()).contains(FRIEND);
      assertThat(event.actor()).contains(OWNER);
    });
  }

  @Test
  void batch_mixing_members_and_new_tenants_adds_only_the_new_ones() {
    ImageRecord image = sharedWith(systemDiskImage(), FRIEND, MembershipStatus.ACCEPTED);

    Change change = execute(sharing(image, FRIEND, STRANGER));

    ImageRecord next = change.record().orElseThrow();
    assertThat(next.members().keySet()).containsExactly(FRIEND, STRANGER);
    assertThat(next.member(FRIEND)).get().extracting(Membership::status)
        .isEqualTo(MembershipStatus.ACCEPTED);
    assertThat(change.added()).containsExactly(STRANGER);
    assertThat(change.alreadyMembers()).containsExactly(FRIEND);
    assertThat(change.events()).extracting(ImageEvent::member)
        .containsExactly(Optional.of(STRANGER));
  }

  @Test
  void sharing_again_with_a_current_member_is_allowed_even_at_the_member_limit() {
    ImageRecord image = withMembers(systemDiskImage(), 128);

    Change change = execute(knowingMembers(sharing(image, member(7)), 128));

    assertThat(change.record()).isEmpty();
    assertThat(change.alreadyMembers()).containsExactly(member(7));
  }

  // SHARE_REVOKE

  @Test
  void owner_cannot_revoke_a_tenant_that_is_not_a_member() {
    ImageRecord image = sharedWith(systemDiskImage(), FRIEND, MembershipStatus.ACCEPTED);
    assertDenied(decide(context(owner(), new Action.Revoke(image.id(), STRANGER), image)),
        RuleCode.SHARE_REVOKE);
  }

  @Test
  void owner_revokes_a_member_without_its_consent() {
    ImageRecord image = sharedWith(systemDiskImage(), FRIEND, MembershipStatus.ACCEPTED);

    Change change = execute(context(owner(), new Action.Revoke(image.id(), FRIEND), image));

    ImageRecord next = change.record().orElseThrow();
    assertThat(next.members()).isEmpty();
    assertThat(next.version()).isEqualTo(image.version() + 1);
    assertThat(change.expectedVersion()).isEqualTo(image.version());
    assertThat(change.events()).singleElement().satisfies(event -> {
      assertThat(event.type()).isEqualTo(EventType.MEMBER_REMOVED);
      assertThat(event.member()).contains(FRIEND);
    });
  }

  @Test
  void owner_revokes_a_member_of_a_deactivated_image() {
    ImageRecord image = sharedWith(systemDiskImage(), FRIEND, MembershipStatus.PENDING)
        .withStatus(ImageStatus.DEACTIVATED);

    Change change = execute(context(owner(), new Action.Revoke(image.id(), FRIEND), image));

    assertThat(change.record()).get().satisfies(next -> {
      assertThat(next.members()).isEmpty();
      assertThat(next.status()).isEqualTo(ImageStatus.DEACTIVATED);
    });
    assertThat(change.events()).extracting(ImageEvent::type)
        .containsExactly(EventType.MEMBER_REMOVED);
  }

  @Test
  void revoked_member_loses_access_at_once() {
    ImageRecord image = sharedWith(systemDiskImage(), FRIEND, MembershipStatus.ACCEPTED);
    assertAllowed(decide(context(friend(),
        new Action.Use(image.id(), serverRequest().build()), image)));

    ImageRecord revoked = execute(context(owner(), new Action.Revoke(image.id(), FRIEND), image))
        .record().orElseThrow();

    assertDenied(decide(context(friend(), new Action.Use(revoked.id(), serverRequest().build()),
        revoked)), RuleCode.USE_NOT_VISIBLE);
  }

  // SHARE_DELETE

  @Test
  void owner_deletes_a_shared_image_and_every_membership_ends() {
    ImageRecord image = ImageRecord.builder().from(systemDiskImage())
        .members(Map.of(
            FRIEND, membership(FRIEND, MembershipStatus.ACCEPTED),
            STRANGER, membership(STRANGER, MembershipStatus.PENDING)))
        .version(4)
        .build();

    Change change = execute(context(owner(), new Action.Delete(image.id()), image));

    ImageRecord next = change.record().orElseThrow();
    assertThat(next.status()).isEqualTo(ImageStatus.DELETED);
    assertThat(next.members()).isEmpty();
    assertThat(next.version()).isEqualTo(5);
    assertThat(change.expectedVersion()).isEqualTo(4);
    List<ImageEvent> removals = new ArrayList<>(change.events());
    ImageEvent last = removals.remove(removals.size() - 1);
    assertThat(last.type()).isEqualTo(EventType.DELETED);
    assertThat(removals).allSatisfy(event -> {
      assertThat(event.type()).isEqualTo(EventType.MEMBER_REMOVED);
      assertThat(event.details()).containsEntry("reason", RuleCode.SHARE_DELETE.value());
    });
    assertThat(removals).extracting(event -> event.member().orElseThrow())
        .containsExactlyInAnyOrder(FRIEND, STRANGER);
  }

  @Test
  void former_member_of_a_deleted_image_finds_nothing() {
    ImageRecord image = sharedWith(systemDiskImage(), FRIEND, MembershipStatus.ACCEPTED);
    ImageRecord deleted = execute(context(owner(), new Action.Delete(image.id()), image))
        .record().orElseThrow();

    assertDenied(decide(context(friend(), new Action.Read(deleted.id()), deleted)),
        RuleCode.USE_NOT_VISIBLE);
  }

  @Test
  void deleted_record_keeps_no_members() {
    assertInputError(RuleCode.SHARE_DELETE, () -> ImageRecord.builder()
        .from(sharedWith(systemDiskImage(), FRIEND, MembershipStatus.ACCEPTED))
        .status(ImageStatus.DELETED).build());
  }

  // SHARE_MEMBER_ONLY

  @Test
  void owner_cannot_accept_a_share_on_behalf_of_its_member() {
    ImageRecord image = sharedWith(systemDiskImage(), FRIEND, MembershipStatus.PENDING);
    assertDenied(decide(context(owner(), new Action.Accept(image.id(), Optional.empty()), image)),
        RuleCode.SHARE_MEMBER_ONLY);
  }

  @Test
  void owner_cannot_reject_a_share_on_behalf_of_its_member() {
    ImageRecord image = sharedWith(systemDiskImage(), FRIEND, MembershipStatus.PENDING);
    assertDenied(decide(context(owner(), new Action.Reject(image.id()), image)),
        RuleCode.SHARE_MEMBER_ONLY);
  }

  @Test
  void tenant_cannot_accept_a_public_image_it_is_no_member_of() {
    ImageRecord image = publicImage();
    assertDenied(decide(context(stranger(), new Action.Accept(image.id(), Optional.empty()),
        image)), RuleCode.SHARE_MEMBER_ONLY);
  }

  @Test
  void pending_member_accepts_the_share_itself() {
    ImageRecord image = sharedWith(systemDiskImage(), FRIEND, MembershipStatus.PENDING);

    Change change = execute(context(friend(), new Action.Accept(image.id(), Optional.empty()),
        image));

    assertThat(change.record().orElseThrow().member(FRIEND)).get()
        .extracting(Membership::status).isEqualTo(MembershipStatus.ACCEPTED);
    assertThat(change.events()).singleElement().satisfies(event -> {
      assertThat(event.type()).isEqualTo(EventType.MEMBER_ACCEPTED);
      assertThat(event.member()).contains(FRIEND);
    });
  }

  @Test
  void member_changes_its_answer_later() {
    ImageRecord image = sharedWith(systemDiskImage(), FRIEND, MembershipStatus.ACCEPTED);

    ImageRecord rejected = execute(context(friend(), new Action.Reject(image.id()), image))
        .record().orElseThrow();
    Change acceptedAgain = execute(context(friend(),
        new Action.Accept(rejected.id(), Optional.empty()), rejected));

    assertThat(rejected.member(FRIEND)).get().extracting(Membership::status)
        .isEqualTo(MembershipStatus.REJECTED);
    assertThat(acceptedAgain.record().orElseThrow().member(FRIEND)).get()
        .extracting(Membership::status).isEqualTo(MembershipStatus.ACCEPTED);
    assertThat(acceptedAgain.events()).extracting(ImageEvent::type)
        .containsExactly(EventType.MEMBER_ACCEPTED);
  }

  // SHARE_ACCEPT_VAULT

  @Test
  void full_server_image_is_not_accepted_without_a_backup_vault() {
    ImageRecord image = sharedWith(fullServerImageFromBackup(), FRIEND, MembershipStatus.PENDING);
    assertDenied(decide(context(friend(), new Action.Accept(image.id(), Optional.empty()), image)),
        RuleCode.SHARE_ACCEPT_VAULT);
  }

  @Test
  void full_server_image_is_accepted_with_a_backup_vault_which_the_membership_records() {
    ImageRecord image = sharedWith(fullServerImageFromBackup(), FRIEND, MembershipStatus.PENDING);

    Change change = execute(context(friend(), new Action.Accept(image.id(), Optional.of(VAULT)),
        image));

    assertThat(change.record().orElseThrow().member(FRIEND)).get().satisfies(member -> {
      assertThat(member.status()).isEqualTo(MembershipStatus.ACCEPTED);
      assertThat(member.vault()).contains(VAULT);
      assertThat(member.updatedAt()).isEqualTo(NOW);
    });
  }

  @Test
  void system_disk_image_is_accepted_without_a_vault() {
    ImageRecord image = sharedWith(systemDiskImage(), FRIEND, MembershipStatus.PENDING);
    assertAllowed(decide(context(friend(), new Action.Accept(image.id(), Optional.empty()),
        image)));
  }

  private static Membership membership(TenantId tenant, MembershipStatus status) {
    return Membership.builder().tenant(tenant).status(status)
        .createdAt(CREATED).updatedAt(CREATED).build();
  }
}
