package dev.imago.core.policy;

import static dev.imago.core.policy.DecisionAssertions.assertAllowed;
import static dev.imago.core.policy.DecisionAssertions.assertDenied;
import static dev.imago.core.policy.DecisionAssertions.assertInputError;
import static dev.imago.core.policy.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imago.core.Caller;
import dev.imago.core.internal.Change;
import dev.imago.core.internal.Image;
import dev.imago.spi.Deprecation;
import dev.imago.spi.EventType;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.MarketListing;
import dev.imago.spi.MembershipStatus;
import dev.imago.spi.RuleCode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** DEPRECATE_SCHEDULE, DEPRECATE_REPLACEMENT, USE_DEPRECATED and USE_OBSOLETE. */
class RetireRulesTest {
  private static final Image IMAGE = new Image(PolicyEngine.standard());
  private static final Supplier<ImageId> NO_NEW_IDS = () -> {
    throw new AssertionError("no image is created");
  };
  private static final Duration DAY = Duration.ofDays(1);
  private static final Instant TOMORROW = NOW.plus(DAY);

  /** OWNER's newer ACTIVE system-disk image of the same region: an eligible replacement. */
  private static ImageRecord newer() {
    return systemDiskImage().withId(ImageId.of("image-newer")).withVersion(7);
  }

  private static Decision deprecate(Caller caller, ImageRecord image, Deprecation schedule,
      ImageRecord... replacements) {
    return decide(context(caller, new Action.Deprecate(image.id(), schedule), image)
        .replacements(List.of(replacements)));
  }

  private static Deprecation replacedBy(Instant deprecatedAt, ImageRecord replacement) {
    return Deprecation.builder().deprecatedAt(deprecatedAt).replacement(replacement.id()).build();
  }

  private static ImageRecord retired(ImageRecord image, Instant deprecatedAt,
      Optional<Instant> obsoleteAt) {
    return image.withDeprecation(Deprecation.builder().deprecatedAt(deprecatedAt)
        .obsoleteAt(obsoleteAt).replacement(ImageId.of("image-newer")).build());
  }

  private static Decision use(Caller caller, ImageRecord image) {
    return decide(context(caller, new Action.Use(image.id(), serverRequest().build()), image));
  }

  // DEPRECATE_SCHEDULE

  @Test
  void owner_schedules_an_active_images_deprecation_up_to_ten_years_ahead() {
    assertAllowed(deprecate(owner(), systemDiskImage(),
        Deprecation.at(NOW.plus(Duration.ofDays(3650)))));
  }

  @Test
  void deprecation_more_than_ten_years_ahead_is_refused() {
    Decision decision = deprecate(owner(), systemDiskImage(),
        Deprecation.at(NOW.plus(Duration.ofDays(3650)).plusNanos(1)));

    assertDenied(decision, RuleCode.DEPRECATE_SCHEDULE);
    assertThat(decision.violations().get(0).fields()).containsExactly("deprecation.deprecatedAt");
  }

  @Test
  void operator_schedules_a_public_images_deprecation_up_to_two_years_ahead() {
    assertAllowed(deprecate(Caller.operator(), publicImage(),
        Deprecation.at(NOW.plus(Duration.ofDays(730)))));
  }

  @Test
  void public_image_deprecation_more_than_two_years_ahead_is_refused() {
    assertDenied(deprecate(Caller.operator(), publicImage(),
        Deprecation.at(NOW.plus(Duration.ofDays(731)))), RuleCode.DEPRECATE_SCHEDULE);
  }

  @Test
  void a_host_setting_changes_how_far_ahead_a_deprecation_may_be() {
    Context.Builder context = context(owner(),
        new Action.Deprecate(systemDiskImage().id(), Deprecation.at(NOW.plus(Duration.ofDays(40)))),
        systemDiskImage());

    assertDenied(decide(context.settings(PolicySettings.builder()
        .maxDeprecationLead(Duration.ofDays(30)).build())), RuleCode.DEPRECATE_SCHEDULE);
  }

  @Test
  void deprecation_time_in_the_past_is_refused() {
    assertDenied(deprecate(owner(), systemDiskImage(), Deprecation.at(NOW.minusNanos(1))),
        RuleCode.DEPRECATE_SCHEDULE);
  }

  @Test
  void deprecation_at_exactly_now_is_allowed() {
    assertAllowed(deprecate(owner(), systemDiskImage(), Deprecation.at(NOW)));
  }

  @Test
  void obsolete_time_before_the_deprecation_time_is_an_input_error() {
    assertInputError(RuleCode.DEPRECATE_SCHEDULE, () -> Deprecation.builder()
        .deprecatedAt(TOMORROW).obsoleteAt(TOMORROW.minusNanos(1)).build());
  }

  @Test
  void obsolete_time_equal_to_the_deprecation_time_is_allowed() {
    assertAllowed(deprecate(owner(), systemDiskImage(),
        Deprecation.builder().deprecatedAt(TOMORROW).obsoleteAt(TOMORROW).build()));
  }

  @ParameterizedTest
  @EnumSource(value = ImageStatus.class, names = {"QUEUED", "SAVING", "KILLED"})
  void image_that_is_not_active_or_deactivated_is_not_retired(ImageStatus status) {
    assertDenied(deprecate(owner(), systemDiskImage().withStatus(status),
        Deprecation.at(TOMORROW)), RuleCode.DEPRECATE_SCHEDULE);
  }

  @Test
  void deactivated_image_is_retired() {
    assertAllowed(deprecate(owner(), systemDiskImage().withStatus(ImageStatus.DEACTIVATED),
        Deprecation.at(TOMORROW)));
  }

  @Test
  void schedule_in_force_keeps_its_past_deprecation_time_while_it_gains_an_obsolete_time() {
    ImageRecord deprecated = systemDiskImage().withDeprecation(Deprecation.at(NOW.minus(DAY)));

    assertAllowed(deprecate(owner(), deprecated, Deprecation.builder()
        .deprecatedAt(NOW.minus(DAY)).obsoleteAt(TOMORROW).build()));
  }

  @Test
  void obsolete_time_in_the_past_is_refused() {
    ImageRecord deprecated = systemDiskImage().withDeprecation(Deprecation.at(NOW.minus(DAY)));

    assertDenied(deprecate(owner(), deprecated, Deprecation.builder()
        .deprecatedAt(NOW.minus(DAY)).obsoleteAt(NOW.minusNanos(1)).build()),
        RuleCode.DEPRECATE_SCHEDULE);
  }

  @Test
  void schedule_changes_and_is_cancelled_until_the_obsolete_time() {
    ImageRecord almostObsolete = retired(systemDiskImage(), NOW.minus(DAY),
        Optional.of(NOW.plusNanos(1)));

    assertAllowed(decide(context(owner(), new Action.CancelDeprecation(almostObsolete.id()),
        almostObsolete)));
    assertAllowed(deprecate(owner(), almostObsolete, Deprecation.at(TOMORROW)));
  }

  @Test
  void schedule_of_an_obsolete_image_neither_changes_nor_is_cancelled() {
    ImageRecord obsolete = retired(systemDiskImage(), NOW.minus(DAY), Optional.of(NOW));

    assertDenied(decide(context(owner(), new Action.CancelDeprecation(obsolete.id()), obsolete)),
        RuleCode.DEPRECATE_SCHEDULE);
    assertDenied(deprecate(owner(), obsolete, Deprecation.at(TOMORROW)),
        RuleCode.DEPRECATE_SCHEDULE);
  }

  @Test
  void member_cannot_deprecate_and_hears_only_that_it_is_not_the_owner() {
    ImageRecord shared = sharedWith(systemDiskImage(), FRIEND, MembershipStatus.ACCEPTED);

    assertDenied(deprecate(friend(), shared, Deprecation.at(NOW.minusNanos(1))),
        RuleCode.CHANGE_NOT_OWNER);
  }

  @Test
  void tenant_cannot_deprecate_a_public_image() {
    assertDenied(deprecate(owner(), publicImage(), Deprecation.at(TOMORROW)),
        RuleCode.CREATE_PUBLIC);
  }

  @Test
  void scheduling_records_the_schedule_and_an_event_with_its_times() {
    ImageRecord image = systemDiskImage();
    Deprecation schedule = Deprecation.builder().deprecatedAt(TOMORROW)
        .obsoleteAt(TOMORROW.plus(DAY)).replacement(newer().id()).build();

    Change change = IMAGE.execute(context(owner(), new Action.Deprecate(image.id(), schedule),
        image).replacements(List.of(newer())).build(), NO_NEW_IDS);

    assertThat(change.record()).get().extracting(ImageRecord::deprecation)
        .isEqualTo(Optional.of(schedule));
    assertThat(change.events()).singleElement().satisfies(event -> {
      assertThat(event.type()).isEqualTo(EventType.DEPRECATION_SCHEDULED);
      assertThat(event.details()).containsEntry("deprecatedAt", TOMORROW.toString())
          .containsEntry("obsoleteAt", TOMORROW.plus(DAY).toString())
          .containsEntry("replacement", "image-newer");
    });
    // The store checks the replacement kept the version the decision read.
    assertThat(change.toStore().unchangedImages()).isEqualTo(Map.of(newer().id(), 7L));
  }

  @Test
  void scheduling_the_schedule_an_image_has_writes_nothing() {
    ImageRecord image = systemDiskImage().withDeprecation(Deprecation.at(TOMORROW));

    Change change = IMAGE.execute(context(owner(),
        new Action.Deprecate(image.id(), Deprecation.at(TOMORROW)), image).build(), NO_NEW_IDS);

    assertThat(change.saves()).isFalse();
  }

  @Test
  void cancelling_removes_the_schedule_and_cancelling_none_writes_nothing() {
    ImageRecord image = systemDiskImage().withDeprecation(Deprecation.at(TOMORROW));

    Change cancelled = IMAGE.execute(context(owner(), new Action.CancelDeprecation(image.id()),
        image).build(), NO_NEW_IDS);
    Change nothing = IMAGE.execute(context(owner(), new Action.CancelDeprecation(image.id()),
        systemDiskImage()).build(), NO_NEW_IDS);

    assertThat(cancelled.record()).get().extracting(ImageRecord::deprecation)
        .isEqualTo(Optional.empty());
    assertThat(cancelled.events()).extracting(event -> event.type())
        .containsExactly(EventType.DEPRECATION_CANCELLED);
    assertThat(nothing.saves()).isFalse();
  }

  @Test
  void replica_does_not_inherit_the_originals_schedule() {
    ImageRecord image = systemDiskImage().withDeprecation(Deprecation.at(TOMORROW));

    Change change = IMAGE.execute(context(owner(), new Action.Replicate(image.id(), OTHER_REGION),
        image).replicaOwner(OWNER_ABROAD_INFO).build(), () -> ImageId.of("image-replica"));

    assertThat(change.after().deprecation()).isEmpty();
  }

  // DEPRECATE_REPLACEMENT

  @Test
  void owner_names_its_own_newer_image_as_the_replacement() {
    assertAllowed(deprecate(owner(), systemDiskImage(), replacedBy(TOMORROW, newer()), newer()));
  }

  @Test
  void market_image_replaces_a_private_image() {
    ImageRecord market = listed(newer().withOwner(STRANGER), MarketListing.free(CREATED));

    assertAllowed(deprecate(owner(), systemDiskImage(), replacedBy(TOMORROW, market), market));
  }

  @Test
  void public_image_replaces_a_public_image() {
    ImageRecord newerPublic = publicImage().withId(ImageId.of("image-public-2"));

    assertAllowed(deprecate(Caller.operator(), publicImage(), replacedBy(TOMORROW, newerPublic),
        newerPublic));
  }

  @Test
  void private_image_does_not_replace_a_public_image() {
    assertDenied(deprecate(Caller.operator(), publicImage(), replacedBy(TOMORROW, newer()),
        newer()), RuleCode.DEPRECATE_REPLACEMENT);
  }

  @Test
  void another_tenants_private_image_answers_exactly_as_an_image_that_does_not_exist() {
    ImageRecord theirs = newer().withOwner(STRANGER);

    Decision named = deprecate(owner(), systemDiskImage(), replacedBy(TOMORROW, theirs), theirs);
    Decision missing = deprecate(owner(), systemDiskImage(), replacedBy(TOMORROW, theirs));

    assertDenied(named, RuleCode.DEPRECATE_REPLACEMENT);
    assertThat(named).isEqualTo(missing);
  }

  @Test
  void replacement_of_another_type_or_region_is_refused() {
    ImageRecord data = dataDiskImage();
    ImageRecord abroad = newer().withRegion(OTHER_REGION);

    assertDenied(deprecate(owner(), systemDiskImage(), replacedBy(TOMORROW, data), data),
        RuleCode.DEPRECATE_REPLACEMENT);
    assertDenied(deprecate(owner(), systemDiskImage(), replacedBy(TOMORROW, abroad), abroad),
        RuleCode.DEPRECATE_REPLACEMENT);
  }

  @Test
  void replacement_that_is_not_active_is_refused() {
    ImageRecord saving = newer().withStatus(ImageStatus.SAVING);

    assertDenied(deprecate(owner(), systemDiskImage(), replacedBy(TOMORROW, saving), saving),
        RuleCode.DEPRECATE_REPLACEMENT);
  }

  @Test
  void replacement_that_is_deprecated_already_is_refused_and_one_deprecated_later_is_not() {
    ImageRecord deprecated = newer().withDeprecation(Deprecation.at(NOW));
    ImageRecord later = newer().withDeprecation(Deprecation.at(NOW.plusNanos(1)));

    assertDenied(deprecate(owner(), systemDiskImage(), replacedBy(TOMORROW, deprecated),
        deprecated), RuleCode.DEPRECATE_REPLACEMENT);
    assertAllowed(deprecate(owner(), systemDiskImage(), replacedBy(TOMORROW, later), later));
  }

  @Test
  void replacements_never_form_a_cycle() {
    ImageRecord image = systemDiskImage();
    // newer is retired later in favour of image: naming newer now would close the circle.
    ImageRecord leadsBack = newer().withDeprecation(replacedBy(NOW.plus(DAY), image));

    Decision decision = deprecate(owner(), image, replacedBy(TOMORROW, leadsBack), leadsBack,
        image);

    assertDenied(decision, RuleCode.DEPRECATE_REPLACEMENT);
    assertThat(decision.violations().get(0).message()).contains("leads back");
  }

  @Test
  void a_chain_of_replacements_that_does_not_lead_back_is_allowed() {
    ImageRecord newest = newer().withId(ImageId.of("image-newest"));
    ImageRecord middle = newer().withDeprecation(replacedBy(NOW.plus(DAY), newest));

    assertAllowed(deprecate(owner(), systemDiskImage(), replacedBy(TOMORROW, middle), middle,
        newest));
  }

  @Test
  void a_chain_of_replacements_longer_than_the_rule_follows_is_refused() {
    List<ImageRecord> chain = new ArrayList<>();
    for (int i = 0; i < 34; i++) {
      chain.add(newer().withId(ImageId.of("image-" + (100 + i))));
    }

    assertDenied(deprecate(owner(), systemDiskImage(), replacedBy(TOMORROW, chain.get(0)),
        chain.toArray(ImageRecord[]::new)), RuleCode.DEPRECATE_REPLACEMENT);
  }

  @Test
  void image_does_not_replace_itself() {
    ImageRecord image = systemDiskImage();

    assertDenied(deprecate(owner(), image, replacedBy(TOMORROW, image), image),
        RuleCode.DEPRECATE_REPLACEMENT);
    assertInputError(RuleCode.DEPRECATE_REPLACEMENT,
        () -> image.withDeprecation(replacedBy(TOMORROW, image)));
  }

  // USE_DEPRECATED

  @Test
  void deprecated_image_is_used_with_a_notice_naming_its_time_and_replacement() {
    ImageRecord deprecated = retired(systemDiskImage(), NOW, Optional.empty());

    Decision decision = assertAllowed(use(owner(), deprecated));

    assertThat(decision.notices()).singleElement().satisfies(notice -> {
      assertThat(notice.code()).isEqualTo(RuleCode.USE_DEPRECATED);
      assertThat(notice.message()).contains(NOW.toString()).contains("image-newer");
    });
  }

  @Test
  void image_deprecated_a_nanosecond_from_now_gives_no_notice_yet() {
    ImageRecord scheduled = retired(systemDiskImage(), NOW.plusNanos(1), Optional.empty());

    assertThat(assertAllowed(use(owner(), scheduled)).notices()).isEmpty();
  }

  @Test
  void denied_use_of_a_deprecated_image_carries_no_notice() {
    ImageRecord deprecated = retired(systemDiskImage(), NOW, Optional.empty())
        .withStatus(ImageStatus.DEACTIVATED);

    Decision decision = assertDenied(use(owner(), deprecated), RuleCode.USE_NOT_ACTIVE);

    assertThat(decision.notices()).isEmpty();
  }

  // USE_OBSOLETE

  @Test
  void obsolete_image_creates_nothing_and_the_refusal_names_the_replacement() {
    ImageRecord obsolete = retired(systemDiskImage(), NOW.minus(DAY), Optional.of(NOW));

    Decision decision = assertDenied(use(owner(), obsolete), RuleCode.USE_OBSOLETE);

    assertThat(decision.violations().get(0).message()).contains("image-newer");
  }

  @Test
  void image_obsolete_a_nanosecond_from_now_is_still_used() {
    ImageRecord almost = retired(systemDiskImage(), NOW.minus(DAY), Optional.of(NOW.plusNanos(1)));

    assertAllowed(use(owner(), almost));
  }

  @Test
  void obsolete_image_is_not_shared_published_or_replicated() {
    ImageRecord obsolete = retired(fullServerImageFromBackup(), NOW.minus(DAY), Optional.of(NOW));

    assertDenied(decide(context(owner(), new Action.Share(obsolete.id(), List.of(FRIEND)),
        obsolete)), RuleCode.USE_OBSOLETE);
    assertDenied(decide(context(Caller.tenant(OWNER), new Action.Publish(obsolete.id(),
        Optional.empty()), obsolete).callerTenant(asSeller(OWNER_INFO))), RuleCode.USE_OBSOLETE);
    assertDenied(decide(context(owner(), new Action.Replicate(obsolete.id(), OTHER_REGION),
        obsolete).replicaOwner(OWNER_ABROAD_INFO)), RuleCode.USE_OBSOLETE);
  }

  @Test
  void image_that_is_only_deprecated_is_still_shared() {
    ImageRecord deprecated = retired(fullServerImageFromBackup(), NOW.minus(DAY),
        Optional.of(TOMORROW));

    assertAllowed(decide(context(owner(), new Action.Share(deprecated.id(), List.of(FRIEND)),
        deprecated)));
  }

  @Test
  void image_that_is_only_deprecated_is_still_published() {
    ImageRecord deprecated = retired(fullServerImageFromBackup(), NOW.minus(DAY),
        Optional.of(TOMORROW));

    assertAllowed(decide(context(Caller.tenant(OWNER), new Action.Publish(deprecated.id(),
        Optional.empty()), deprecated).callerTenant(asSeller(OWNER_INFO))));
  }
}
