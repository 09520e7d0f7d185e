package dev.imago.core.policy;

import static dev.imago.core.policy.DecisionAssertions.assertAllowed;
import static dev.imago.core.policy.DecisionAssertions.assertDenied;
import static dev.imago.core.policy.DecisionAssertions.assertInputError;
import static dev.imago.core.policy.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imago.core.Caller;
import dev.imago.core.internal.Change;
import dev.imago.core.internal.Image;
import dev.imago.spi.EventType;
import dev.imago.spi.ImageClass;
import dev.imago.spi.ImageEvent;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.MembershipStatus;
import dev.imago.spi.Recycling;
import dev.imago.spi.RuleCode;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RECYCLE_RETENTION and RECYCLE_RESTORE. */
class RecycleRulesTest {
  private static final Image IMAGE = new Image(PolicyEngine.standard());
  private static final Supplier<ImageId> NO_NEW_IDS = () -> {
    throw new AssertionError("no image is created");
  };
  private static final Duration WEEK = Duration.ofDays(7);
  private static final PolicySettings RECYCLING =
      PolicySettings.builder().recycleRetention(WEEK).build();

  /** OWNER's image, deleted into its bin a day ago, restorable until six days from now. */
  private static ImageRecord recycled() {
    return ImageRecord.builder().from(systemDiskImage()).status(ImageStatus.RECYCLED)
        .recycling(Recycling.of(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(6)),
            ImageStatus.DEACTIVATED)).build();
  }

  private static Context.Builder on(Caller caller, Action action, ImageRecord image) {
    return context(caller, action, image).settings(RECYCLING);
  }

  private static List<EventType> types(Change change) {
    return change.events().stream().map(ImageEvent::type).toList();
  }

  // RECYCLE_RETENTION

  @Test
  void with_a_retention_period_deleting_moves_the_image_to_its_owners_recycle_bin() {
    ImageRecord shared = sharedWith(systemDiskImage(), FRIEND, MembershipStatus.ACCEPTED);

    Change change = IMAGE.execute(on(owner(), new Action.Delete(shared.id()), shared).build(),
        NO_NEW_IDS);

    ImageRecord binned = change.record().orElseThrow();
    assertThat(binned.status()).isEqualTo(ImageStatus.RECYCLED);
    assertThat(binned.recycling()).contains(
        Recycling.of(NOW, NOW.plus(WEEK), ImageStatus.ACTIVE));
    assertThat(binned.members()).isEmpty();
    assertThat(binned.isCountedInQuota()).isFalse();
    assertThat(types(change)).containsExactly(EventType.MEMBER_REMOVED, EventType.RECYCLED);
  }

  @Test
  void without_a_retention_period_deleting_deletes_for_good() {
    ImageRecord image = systemDiskImage();

    Change change = IMAGE.execute(context(owner(), new Action.Delete(image.id()), image).build(),
        NO_NEW_IDS);

    assertThat(change.after().status()).isEqualTo(ImageStatus.DELETED);
    assertThat(types(change)).containsExactly(EventType.DELETED);
  }

  @Test
  void a_market_image_leaves_the_market_on_its_way_to_the_bin() {
    ImageRecord market = freeMarketImage();

    Change change = IMAGE.execute(on(owner(), new Action.Delete(market.id()), market).build(),
        NO_NEW_IDS);

    assertThat(change.after().imageClass()).isEqualTo(ImageClass.PRIVATE);
    assertThat(change.after().listing()).isEmpty();
    assertThat(types(change)).containsExactly(EventType.WITHDRAWN, EventType.RECYCLED);
  }

  @Test
  void a_public_image_has_no_owner_and_no_bin_so_it_is_deleted_for_good() {
    ImageRecord image = publicImage();

    Change change = IMAGE.execute(on(Caller.operator(), new Action.Delete(image.id()), image)
        .build(), NO_NEW_IDS);

    assertThat(change.after().status()).isEqualTo(ImageStatus.DELETED);
  }

  @Test
  void a_recycled_image_answers_another_tenant_as_an_image_that_does_not_exist() {
    ImageRecord binned = recycled();

    Decision read = decide(on(stranger(), new Action.Read(binned.id()), binned));
    Decision use = decide(on(stranger(), new Action.Use(binned.id(), serverRequest().build()),
        binned));

    assertThat(read.isNotFound()).as("%s", read).isTrue();
    assertThat(use.isNotFound()).as("%s", use).isTrue();
  }

  @Test
  void its_owner_reads_a_recycled_image_and_is_told_to_restore_it_before_anything_else() {
    ImageRecord binned = recycled();

    assertAllowed(decide(on(owner(), new Action.Read(binned.id()), binned)));
    Decision use = assertDenied(decide(on(owner(),
        new Action.Use(binned.id(), serverRequest().build()), binned)),
        RuleCode.RECYCLE_RETENTION);
    assertThat(use.violations().get(0).message()).contains("restore it first");
    assertDenied(decide(on(owner(), new Action.Share(binned.id(), List.of(FRIEND)), binned)),
        RuleCode.RECYCLE_RETENTION);
    assertDenied(decide(on(owner(), new Action.Delete(binned.id()), binned)),
        RuleCode.RECYCLE_RETENTION);
    assertDenied(decide(on(Caller.operator(),
        new Action.ChangeStatus(binned.id(), ImageStatus.ACTIVE), binned)),
        RuleCode.RECYCLE_RETENTION);
  }

  @Test
  void a_status_change_cannot_move_an_image_into_the_bin() {
    ImageRecord image = systemDiskImage();

    assertDenied(decide(on(Caller.operator(),
        new Action.ChangeStatus(image.id(), ImageStatus.RECYCLED), image)),
        RuleCode.LIFECYCLE_TRANSITION);
  }

  @Test
  void the_hosts_schedule_purges_an_image_from_its_purge_time_on() {
    ImageRecord binned = recycled();
    ImageRecord expired = binned.withRecycling(Recycling.of(NOW.minus(WEEK), NOW,
        ImageStatus.ACTIVE));

    Change purged = IMAGE.execute(on(Caller.operator(), new Action.Purge(expired.id()), expired)
        .build(), NO_NEW_IDS);

    assertThat(purged.after().status()).isEqualTo(ImageStatus.DELETED);
    assertThat(purged.after().recycling()).isEmpty();
    assertThat(types(purged)).containsExactly(EventType.PURGED);
    assertDenied(decide(on(Caller.operator(), new Action.Purge(binned.id()), binned)),
        RuleCode.RECYCLE_RETENTION);
  }

  @Test
  void only_the_hosts_schedule_purges() {
    ImageRecord expired = recycled().withRecycling(Recycling.of(NOW.minus(WEEK), NOW,
        ImageStatus.ACTIVE));

    assertDenied(decide(on(owner(), new Action.Purge(expired.id()), expired)),
        RuleCode.RECYCLE_RETENTION);
  }

  @Test
  void an_image_in_use_is_not_purged() {
    ImageRecord image = systemDiskImage();

    assertDenied(decide(on(Caller.operator(), new Action.Purge(image.id()), image)),
        RuleCode.RECYCLE_RETENTION);
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 366})
  void a_retention_period_outside_1_to_365_days_is_an_input_error(long days) {
    assertInputError(RuleCode.RECYCLE_RETENTION, () -> PolicySettings.builder()
        .recycleRetention(Duration.ofDays(days)).build());
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 365})
  void a_retention_period_of_1_to_365_days_is_accepted(long days) {
    assertThat(PolicySettings.builder().recycleRetention(Duration.ofDays(days)).build()
        .recycleRetention()).contains(Duration.ofDays(days));
  }

  // RECYCLE_RESTORE

  @Test
  void the_owner_restores_its_image_before_the_retention_ends_with_the_status_it_had() {
    ImageRecord binned = recycled();

    Change restored = IMAGE.execute(on(owner(), new Action.Restore(binned.id()), binned)
        .ownedImages(99).build(), NO_NEW_IDS);

    assertThat(restored.after().status()).isEqualTo(ImageStatus.DEACTIVATED);
    assertThat(restored.after().recycling()).isEmpty();
    assertThat(types(restored)).containsExactly(EventType.RESTORED);
    // Back in the quota: the store keeps the limit in the save.
    assertThat(restored.toStore().ownedLimit()).hasValue(100);
  }

  @Test
  void an_image_is_not_restored_from_the_moment_its_retention_ends() {
    ImageRecord ending = recycled().withRecycling(Recycling.of(NOW.minus(WEEK), NOW,
        ImageStatus.ACTIVE));
    ImageRecord almost = recycled().withRecycling(Recycling.of(NOW.minus(WEEK),
        NOW.plusNanos(1), ImageStatus.ACTIVE));

    assertDenied(decide(on(owner(), new Action.Restore(ending.id()), ending)),
        RuleCode.RECYCLE_RESTORE);
    assertAllowed(decide(on(owner(), new Action.Restore(almost.id()), almost)));
  }

  @Test
  void an_image_without_quota_room_is_not_restored() {
    ImageRecord binned = recycled();

    assertDenied(decide(on(owner(), new Action.Restore(binned.id()), binned).ownedImages(100)),
        RuleCode.CREATE_QUOTA);
  }

  @ParameterizedTest
  @EnumSource(value = ImageStatus.class, names = {"RECYCLED", "DELETED"},
      mode = EnumSource.Mode.EXCLUDE)
  void an_image_in_use_is_not_restored(ImageStatus status) {
    ImageRecord image = systemDiskImage().withStatus(status);

    assertDenied(decide(on(owner(), new Action.Restore(image.id()), image)),
        RuleCode.RECYCLE_RESTORE);
  }

  @Test
  void only_the_owner_restores() {
    ImageRecord binned = recycled();

    assertDenied(decide(on(Caller.operator(), new Action.Restore(binned.id()), binned)),
        RuleCode.RECYCLE_RESTORE);
    assertThat(decide(on(friend(), new Action.Restore(binned.id()), binned)).isNotFound())
        .isTrue();
  }
}
