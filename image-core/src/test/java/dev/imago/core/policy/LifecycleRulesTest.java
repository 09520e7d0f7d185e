package dev.imago.core.policy;

import static dev.imago.core.policy.DecisionAssertions.assertAllowed;
import static dev.imago.core.policy.DecisionAssertions.assertDenied;
import static dev.imago.core.policy.DecisionAssertions.assertInputError;
import static dev.imago.core.policy.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imago.core.Caller;
import dev.imago.core.ImageNotFoundException;
import dev.imago.core.ImagePolicyException;
import dev.imago.core.internal.Change;
import dev.imago.core.internal.Image;
import dev.imago.spi.EventType;
import dev.imago.spi.ImageEvent;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageQuery;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.MembershipStatus;
import dev.imago.spi.RuleCode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** LIFECYCLE_TRANSITION, LIFECYCLE_DELETED, LIFECYCLE_PROTECTED and CHANGE_NOT_OWNER. */
class LifecycleRulesTest {
  private static final Image IMAGE = new Image(PolicyEngine.standard());
  private static final Supplier<ImageId> NO_NEW_IDS = () -> {
    throw new AssertionError("no image is created");
  };

  private static Decision move(Caller caller, ImageRecord image, ImageStatus target) {
    return decide(context(caller, new Action.ChangeStatus(image.id(), target), image));
  }

  // LIFECYCLE_TRANSITION

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "QUEUED, SAVING", "QUEUED, ACTIVE", "SAVING, ACTIVE", "SAVING, KILLED",
      "ACTIVE, DEACTIVATED", "DEACTIVATED, ACTIVE"})
  void image_pipeline_moves_an_image_along_each_move_of_the_status_table(
      ImageStatus from, ImageStatus to) {
    assertAllowed(move(Caller.operator(), systemDiskImage().withStatus(from), to));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "QUEUED, QUEUED", "QUEUED, KILLED", "QUEUED, DEACTIVATED",
      "SAVING, QUEUED", "SAVING, SAVING", "SAVING, DEACTIVATED",
      "ACTIVE, QUEUED", "ACTIVE, SAVING", "ACTIVE, ACTIVE", "ACTIVE, KILLED",
      "KILLED, QUEUED", "KILLED, SAVING", "KILLED, ACTIVE", "KILLED, DEACTIVATED",
      "DEACTIVATED, QUEUED", "DEACTIVATED, SAVING", "DEACTIVATED, KILLED"})
  void image_pipeline_cannot_move_an_image_outside_the_status_table(
      ImageStatus from, ImageStatus to) {
    Decision decision = move(Caller.operator(), systemDiskImage().withStatus(from), to);

    assertDenied(decision, RuleCode.LIFECYCLE_TRANSITION);
    assertThat(decision.violations().get(0).message()).contains(from + " to " + to);
  }

  @ParameterizedTest
  @CsvSource({"QUEUED", "SAVING", "ACTIVE", "KILLED", "DEACTIVATED"})
  void status_change_cannot_move_an_image_to_deleted(ImageStatus from) {
    assertDenied(move(owner(), systemDiskImage().withStatus(from), ImageStatus.DELETED),
        RuleCode.LIFECYCLE_TRANSITION);
  }

  @ParameterizedTest
  @CsvSource({"QUEUED", "SAVING", "ACTIVE", "KILLED", "DEACTIVATED"})
  void owner_deletes_its_image_from_every_status_but_deleted(ImageStatus from) {
    ImageRecord image = systemDiskImage().withStatus(from);
    assertAllowed(decide(context(owner(), new Action.Delete(image.id()), image)));
  }

  @Test
  void owner_cannot_move_its_image_through_the_pipeline_states() {
    assertDenied(move(owner(), systemDiskImage().withStatus(ImageStatus.QUEUED),
        ImageStatus.ACTIVE), RuleCode.LIFECYCLE_TRANSITION);
  }

  @Test
  void owner_deactivates_its_active_image() {
    assertAllowed(move(owner(), systemDiskImage(), ImageStatus.DEACTIVATED));
  }

  @Test
  void owner_reactivates_its_deactivated_image() {
    assertAllowed(move(owner(), systemDiskImage().withStatus(ImageStatus.DEACTIVATED),
        ImageStatus.ACTIVE));
  }

  @Test
  void refused_status_move_through_the_aggregate_throws_and_changes_nothing() {
    ImageRecord image = systemDiskImage().withStatus(ImageStatus.KILLED);

    assertThatThrownBy(() -> IMAGE.execute(
        context(Caller.operator(), new Action.ChangeStatus(image.id(), ImageStatus.ACTIVE), image)
            .build(), NO_NEW_IDS))
        .isInstanceOfSatisfying(ImagePolicyException.class, e ->
            assertThat(e.decision().codes()).containsExactly(RuleCode.LIFECYCLE_TRANSITION));
  }

  // LIFECYCLE_DELETED

  @Test
  void deleted_image_cannot_be_read_even_by_its_owner() {
    ImageRecord image = systemDiskImage().withStatus(ImageStatus.DELETED);

    Decision decision = decide(context(owner(), new Action.Read(image.id()), image));

    assertDenied(decision, RuleCode.LIFECYCLE_DELETED);
    assertThat(decision.isNotFound()).isTrue();
  }

  @Test
  void active_image_with_same_attributes_can_be_read_by_its_owner() {
    ImageRecord image = systemDiskImage();
    assertAllowed(decide(context(owner(), new Action.Read(image.id()), image)));
  }

  static Stream<Action> actionsOnImage1() {
    ImageId id = systemDiskImage().id();
    return Stream.of(
        new Action.Read(id),
        new Action.Use(id, serverRequest().build()),
        new Action.Share(id, List.of(FRIEND)),
        new Action.ListMembers(id),
        new Action.ChangeStatus(id, ImageStatus.ACTIVE),
        new Action.Publish(id, Optional.empty()),
        new Action.Replicate(id, OTHER_REGION),
        new Action.Protect(id),
        new Action.Unprotect(id),
        new Action.UpdateTags(id, Map.of("team", "web")),
        new Action.Delete(id));
  }

  @ParameterizedTest
  @MethodSource("actionsOnImage1")
  void deleted_image_is_gone_for_every_action_of_its_owner(Action action) {
    ImageRecord image = systemDiskImage().withStatus(ImageStatus.DELETED);

    Decision decision = decide(context(owner(), action, image).replicaOwner(OWNER_ABROAD_INFO));

    assertDenied(decision, RuleCode.LIFECYCLE_DELETED);
    assertThat(decision.isNotFound()).isTrue();
  }

  @Test
  void deleted_image_is_gone_for_the_operator_too() {
    ImageRecord image = systemDiskImage().withStatus(ImageStatus.DELETED);
    assertDenied(decide(context(Caller.operator(), new Action.Read(image.id()), image)),
        RuleCode.LIFECYCLE_DELETED);
  }

  @Test
  void deleted_image_answers_as_not_found_through_the_aggregate() {
    ImageRecord image = systemDiskImage().withStatus(ImageStatus.DELETED);

    assertThatThrownBy(() -> IMAGE.execute(
        context(owner(), new Action.UpdateTags(image.id(), Map.of()), image).build(), NO_NEW_IDS))
        .isInstanceOfSatisfying(ImageNotFoundException.class,
            e -> assertThat(e.imageId()).isEqualTo(image.id()));
  }

  @Test
  void deleted_images_cannot_be_asked_for_in_a_listing() {
    assertInputError(RuleCode.LIFECYCLE_DELETED, () -> ImageQuery.builder()
        .viewer(OWNER).region(REGION).addStatuses(ImageStatus.ACTIVE, ImageStatus.DELETED).build());
  }

  @Test
  void listing_may_ask_for_every_other_status() {
    ImageQuery query = ImageQuery.builder().viewer(OWNER).region(REGION)
        .addStatuses(ImageStatus.QUEUED, ImageStatus.SAVING, ImageStatus.ACTIVE,
            ImageStatus.KILLED, ImageStatus.DEACTIVATED)
        .build();
    assertThat(query.statuses()).hasSize(5);
  }

  // LIFECYCLE_PROTECTED

  @Test
  void protected_image_cannot_be_deleted() {
    ImageRecord image = systemDiskImage().withDeletionProtected(true);
    assertDenied(decide(context(owner(), new Action.Delete(image.id()), image)),
        RuleCode.LIFECYCLE_PROTECTED);
  }

  @Test
  void unprotected_image_with_same_attributes_can_be_deleted() {
    ImageRecord image = systemDiskImage().withDeletionProtected(false);
    assertAllowed(decide(context(owner(), new Action.Delete(image.id()), image)));
  }

  @Test
  void protected_image_can_still_be_deactivated() {
    assertAllowed(move(owner(), systemDiskImage().withDeletionProtected(true),
        ImageStatus.DEACTIVATED));
  }

  @Test
  void protected_image_is_deleted_once_its_owner_removes_the_protection() {
    ImageRecord protectedImage = systemDiskImage().withDeletionProtected(true);
    assertThatThrownBy(() -> IMAGE.execute(
        context(owner(), new Action.Delete(protectedImage.id()), protectedImage).build(),
        NO_NEW_IDS))
        .isInstanceOfSatisfying(ImagePolicyException.class, e ->
            assertThat(e.decision().codes()).containsExactly(RuleCode.LIFECYCLE_PROTECTED));

    ImageRecord unprotected = IMAGE.execute(
        context(owner(), new Action.Unprotect(protectedImage.id()), protectedImage).build(),
        NO_NEW_IDS).record().orElseThrow();
    Change deletion = IMAGE.execute(
        context(owner(), new Action.Delete(unprotected.id()), unprotected).build(), NO_NEW_IDS);

    assertThat(unprotected.deletionProtected()).isFalse();
    assertThat(deletion.record()).get().extracting(ImageRecord::status)
        .isEqualTo(ImageStatus.DELETED);
    assertThat(deletion.events()).extracting(ImageEvent::type).containsExactly(EventType.DELETED);
  }

  // CHANGE_NOT_OWNER

  static Stream<Action> changesOfImage1() {
    ImageId id = systemDiskImage().id();
    return Stream.of(
        new Action.ChangeStatus(id, ImageStatus.DEACTIVATED),
        new Action.Protect(id),
        new Action.Unprotect(id),
        new Action.UpdateTags(id, Map.of("team", "web")),
        new Action.Delete(id));
  }

  @ParameterizedTest
  @MethodSource("changesOfImage1")
  void member_cannot_change_an_image_shared_with_it(Action action) {
    ImageRecord image = sharedWith(systemDiskImage(), FRIEND, MembershipStatus.ACCEPTED);
    assertDenied(decide(context(friend(), action, image)), RuleCode.CHANGE_NOT_OWNER);
  }

  @ParameterizedTest
  @MethodSource("changesOfImage1")
  void owner_changes_the_same_shared_image(Action action) {
    ImageRecord image = sharedWith(systemDiskImage(), FRIEND, MembershipStatus.ACCEPTED);
    assertAllowed(decide(context(owner(), action, image)));
  }

  @Test
  void tenant_cannot_change_a_market_image_it_may_use() {
    ImageRecord image = freeMarketImage();
    assertDenied(decide(context(stranger(), new Action.Delete(image.id()), image)),
        RuleCode.CHANGE_NOT_OWNER);
  }

  @Test
  void operator_cannot_delete_a_tenants_private_image() {
    ImageRecord image = systemDiskImage();
    assertDenied(decide(context(Caller.operator(), new Action.Delete(image.id()), image)),
        RuleCode.CHANGE_NOT_OWNER);
  }

  @Test
  void operator_deletes_a_public_image() {
    ImageRecord image = publicImage();
    assertAllowed(decide(context(Caller.operator(), new Action.Delete(image.id()), image)));
  }
}
