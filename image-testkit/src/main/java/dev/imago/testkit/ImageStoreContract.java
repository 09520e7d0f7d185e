package dev.imago.testkit;

import static dev.imago.testkit.Samples.ALICE;
import static dev.imago.testkit.Samples.BOB;
import static dev.imago.testkit.Samples.CAROL;
import static dev.imago.testkit.Samples.OTHER_REGION;
import static dev.imago.testkit.Samples.REGION;
import static dev.imago.testkit.Samples.T0;
import static dev.imago.testkit.Samples.event;
import static dev.imago.testkit.Samples.marketImage;
import static dev.imago.testkit.Samples.membership;
import static dev.imago.testkit.Samples.nextVersion;
import static dev.imago.testkit.Samples.privateImage;
import static dev.imago.testkit.Samples.publicImage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;

import dev.imago.spi.Deprecation;
import dev.imago.spi.EventType;
import dev.imago.spi.Family;
import dev.imago.spi.ImageChange;
import dev.imago.spi.ImageClass;
import dev.imago.spi.ImageEvent;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageQuery;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageSort;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.ImageStore;
import dev.imago.spi.ImageType;
import dev.imago.spi.InputException;
import dev.imago.spi.MembershipStatus;
import dev.imago.spi.OsType;
import dev.imago.spi.Page;
import dev.imago.spi.Platform;
import dev.imago.spi.QuotaExceededException;
import dev.imago.spi.RuleCode;
import dev.imago.spi.StoredEvent;
import dev.imago.spi.TenantId;
import dev.imago.spi.VersionConflictException;
import dev.imago.spi.Visibility;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The contract every {@link ImageStore} must pass. Extend it in a test of your own store and say
 * how to make an empty one:
 *
 * <pre>{@code
 * class MyImageStoreTest extends ImageStoreContract {
 *   @Override
 *   protected ImageStore newStore() {
 *     return new MyImageStore(freshSchema());
 *   }
 * }
 * }</pre>
 *
 * <p>It covers loads and versioned saves, the event log, every reason of visibility, every filter
 * and sort, keyset paging while images come and go, cursors bound to their query and viewer, how
 * the listing follows changes of class, membership, name and status, and the owned count. One
 * property test compares random listings with a slow reference model.
 *
 * <p>Orders are strict: creation time or name (by Unicode code point), ties broken by image id;
 * {@code NEWEST_FIRST} is the exact reverse of {@code OLDEST_FIRST}, ties included. Times in the
 * fixtures are whole milliseconds, so a store may keep microseconds.
 */
public abstract class ImageStoreContract {
  private static final int MAX_PAGES = 10_000;
  // QuickTheories' default of a million shrink cycles, each a fresh store, would take minutes.
  private static final int SHRINK_CYCLES = 1_000;

  private ImageStore store;

  /** Creates the contract; subclasses say how to make a store. */
  protected ImageStoreContract() {}

  /**
   * Returns a new, empty store: every test and every example of a property test gets its own.
   *
   * @return the store under test
   */
  protected abstract ImageStore newStore();

  /**
   * Releases a store after a test; nothing by default.
   *
   * @param store a store {@link #newStore()} returned
   */
  protected void cleanup(ImageStore store) {}

  /**
   * Returns how many random scenarios the property test tries: the system property {@value
   * ImageServiceStatefulContract#EXAMPLES_PROPERTY} when set, 200 otherwise. A store that is
   * slow to create may lower it.
   *
   * @return the number of examples
   * @throws IllegalArgumentException if the system property is not a positive whole number
   */
  protected int propertyExamples() {
    return ImageServiceStatefulContract.configuredExamples(200);
  }

  @BeforeEach
  final void createStore() {
    store = newStore();
  }

  @AfterEach
  final void releaseStore() {
    cleanup(store);
  }

  // --- load and save ---

  @Test
  void load_of_an_unknown_image_is_empty() {
    assertThat(store.load(ImageId.of("nothing"))).isEmpty();
  }

  @Test
  void saved_image_loads_back_equal() {
    ImageRecord image = privateImage("a1", ALICE).putTags("env", "prod").build();

    store.save(ImageChange.of(image, 0, List.of(event(EventType.CREATED, image.id()))));

    assertThat(store.load(image.id())).as("the loaded record").contains(image);
  }

  @Test
  void save_with_the_current_version_replaces_the_record() {
    ImageRecord image = create(privateImage("a1", ALICE));
    ImageRecord renamed = nextVersion(image).name("renamed").build();

    store.save(ImageChange.of(renamed, 1, List.of()));

    assertThat(store.load(image.id())).as("the loaded record").contains(renamed);
  }

  @Test
  void stale_version_is_rejected_and_nothing_is_written() {
    ImageRecord image = create(privateImage("a1", ALICE));
    ImageRecord current = change(image, next -> next.name("second"));
    List<StoredEvent> eventsBefore = allEvents();
    ImageRecord stale = nextVersion(image).name("lost update").build();

    assertThatExceptionOfType(VersionConflictException.class)
        .as("a stale save (based on version 1 after version 2 was saved) must throw"
            + " VersionConflictException")
        .isThrownBy(() -> store.save(
            ImageChange.of(stale, 1, List.of(event(EventType.TAGS_CHANGED, image.id())))))
        .satisfies(conflict -> {
          assertThat(conflict.imageId()).isEqualTo(image.id());
          assertThat(conflict.expectedVersion()).isEqualTo(1);
        });
    assertThat(store.load(image.id())).as("the record after a stale save").contains(current);
    assertThat(allEvents()).as("the events after a stale save").isEqualTo(eventsBefore);
  }

  @Test
  void creating_an_image_that_exists_is_a_conflict() {
    ImageRecord image = create(privateImage("a1", ALICE));
    ImageRecord twin = privateImage("a1", BOB).build();

    assertThatExceptionOfType(VersionConflictException.class)
        .as("a save of a new image (expected version 0) whose id is taken must throw"
            + " VersionConflictException")
        .isThrownBy(() -> store.save(
            ImageChange.of(twin, 0, List.of(event(EventType.CREATED, twin.id())))));
    assertThat(store.load(image.id())).as("the first image").contains(image);
    assertThat(allEvents()).as("the events after a conflicting create").hasSize(1);
  }

  @Test
  void changing_an_image_that_does_not_exist_is_a_conflict() {
    ImageRecord second = nextVersion(privateImage("a1", ALICE).build()).build();

    assertThatExceptionOfType(VersionConflictException.class)
        .as("a save expecting version 1 of an image never saved must throw"
            + " VersionConflictException")
        .isThrownBy(() -> store.save(
            ImageChange.of(second, 1, List.of(event(EventType.CREATED, second.id())))));
    assertThat(store.load(second.id())).as("the image after a conflicting save").isEmpty();
    assertThat(allEvents()).as("the events after a conflicting save").isEmpty();
  }

  @Test
  void save_conflicts_when_an_image_the_change_relied_on_has_moved_on() {
    ImageRecord replacement = create(privateImage("r1", ALICE));
    ImageRecord image = create(privateImage("a1", ALICE));
    change(replacement, next -> next.name("moved on"));
    ImageChange relying = ImageChange.builder()
        .record(nextVersion(image).name("relies on r1").build())
        .expectedVersion(1)
        .addEvents(event(EventType.TAGS_CHANGED, image.id()))
        .putUnchangedImages(replacement.id(), 1L)
        .build();

    assertThatExceptionOfType(VersionConflictException.class)
        .as("a save relying on version 1 of an image now at version 2 must throw"
            + " VersionConflictException")
        .isThrownBy(() -> store.save(relying))
        .satisfies(conflict -> assertThat(conflict.imageId()).isEqualTo(replacement.id()));
    assertThat(store.load(image.id())).as("the image after a conflicting save").contains(image);
    assertThat(allEvents()).as("the events after a conflicting save").hasSize(2);
  }

  @Test
  void save_succeeds_when_the_images_it_relied_on_are_unchanged_or_still_absent() {
    ImageRecord replacement = create(privateImage("r1", ALICE));
    ImageRecord image = create(privateImage("a1", ALICE));
    ImageRecord next = nextVersion(image).name("relies on r1").build();

    store.save(ImageChange.builder()
        .record(next)
        .expectedVersion(1)
        .putUnchangedImages(replacement.id(), 1L)
        .putUnchangedImages(ImageId.of("never-saved"), 0L)
        .build());

    assertThat(store.load(image.id())).contains(next);
  }

  @Test
  void save_conflicts_when_an_image_expected_absent_exists() {
    ImageRecord other = create(privateImage("o1", ALICE));
    ImageRecord image = privateImage("a1", ALICE).build();

    assertThatExceptionOfType(VersionConflictException.class)
        .as("a save relying on image o1 not existing must throw VersionConflictException")
        .isThrownBy(() -> store.save(ImageChange.builder()
            .record(image).expectedVersion(0).putUnchangedImages(other.id(), 0L).build()));
    assertThat(store.load(image.id())).as("the image after a conflicting save").isEmpty();
  }

  // --- the quota kept in the save ---

  @Test
  void new_image_beyond_the_owned_limit_is_not_saved() {
    create(privateImage("a1", ALICE));
    create(marketImage("a2", ALICE));
    ImageRecord third = privateImage("a3", ALICE).build();

    assertThatExceptionOfType(QuotaExceededException.class)
        .as("a third counted image of Alice with an owned limit of 2 must throw"
            + " QuotaExceededException")
        .isThrownBy(() -> store.save(withinLimit(third, 2)))
        .satisfies(full -> {
          assertThat(full.owner()).isEqualTo(ALICE);
          assertThat(full.region()).isEqualTo(REGION);
          assertThat(full.limit()).isEqualTo(2);
        });
    assertThat(store.load(third.id())).as("the image beyond the limit").isEmpty();
    assertThat(allEvents()).as("the events after a save beyond the limit").hasSize(2);
    assertThat(store.countOwned(ALICE, REGION)).isEqualTo(2);
  }

  @Test
  void new_image_within_the_owned_limit_is_saved() {
    create(privateImage("a1", ALICE));
    create(privateImage("deleted", ALICE).status(ImageStatus.DELETED));
    create(privateImage("elsewhere", ALICE).region(OTHER_REGION));
    create(privateImage("b1", BOB));
    create(publicImage("p1"));
    ImageRecord second = privateImage("a2", ALICE).build();

    store.save(withinLimit(second, 2));

    assertThat(store.load(second.id())).contains(second);
    assertThat(store.countOwned(ALICE, REGION)).isEqualTo(2);
  }

  @Test
  void change_to_an_image_already_counted_is_saved_whatever_the_owned_limit() {
    ImageRecord image = create(privateImage("a1", ALICE));
    create(privateImage("a2", ALICE));
    ImageRecord next = nextVersion(image).name("renamed").build();

    store.save(ImageChange.builder()
        .record(next).expectedVersion(1).ownedLimit(1).build());

    assertThat(store.load(image.id())).contains(next);
  }

  @Test
  void concurrent_new_images_never_pass_the_owned_limit() throws InterruptedException {
    int limit = 5;
    int threads = 4;
    int perThread = 4;
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger saved = new AtomicInteger();
    List<Thread> workers = new ArrayList<>();
    List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread worker = new Thread(() -> {
        try {
          start.await();
          for (int i = 0; i < perThread; i++) {
            try {
              store.save(withinLimit(privateImage("q" + thread + "-" + i, ALICE).build(), limit));
              saved.incrementAndGet();
            } catch (QuotaExceededException full) {
              // expected once the limit is reached
            }
          }
        } catch (Throwable failure) {
          failures.add(failure);
        }
      });
      workers.add(worker);
      worker.start();
    }
    start.countDown();
    for (Thread worker : workers) {
      worker.join();
    }

    assertThat(failures).as("unexpected failures of concurrent saves").isEmpty();
    assertThat(saved.get()).as("new images saved by %d threads with an owned limit of %d",
        threads, limit).isEqualTo(limit);
    assertThat(store.countOwned(ALICE, REGION)).isEqualTo(limit);
    assertThat(allEvents()).as("events of the saved images").hasSize(limit);
  }

  @Test
  void deleted_images_are_still_loadable() {
    ImageRecord image = create(privateImage("a1", ALICE));
    ImageRecord deleted = change(image, next -> next.status(ImageStatus.DELETED));

    assertThat(store.load(image.id())).as("a deleted image").contains(deleted);
  }

  // --- events ---

  @Test
  void events_are_stored_with_the_state_they_describe() {
    ImageRecord image = privateImage("a1", ALICE).build();
    List<ImageEvent> events = List.of(
        event(EventType.CREATED, image.id()),
        ImageEvent.builder().type(EventType.TAGS_CHANGED).image(image.id()).actor(ALICE)
            .occurredAt(T0).putDetails("env", "prod").build());

    store.save(ImageChange.of(image, 0, events));

    assertThat(store.load(image.id())).as("the saved state").contains(image);
    assertThat(allEvents()).as("the saved events")
        .containsExactly(StoredEvent.of(1, events.get(0)), StoredEvent.of(2, events.get(1)));
  }

  @Test
  void events_of_all_images_share_one_gapless_log_in_save_order() {
    ImageRecord first = privateImage("a1", ALICE).build();
    ImageRecord second = privateImage("b1", BOB).build();
    List<ImageEvent> expected = new ArrayList<>();
    expected.add(event(EventType.CREATED, first.id()));
    store.save(ImageChange.of(first, 0, List.copyOf(expected)));
    List<ImageEvent> secondEvents = List.of(
        event(EventType.CREATED, second.id()), event(EventType.PROTECTED, second.id()));
    store.save(ImageChange.of(second, 0, secondEvents));
    expected.addAll(secondEvents);
    store.save(ImageChange.of(nextVersion(first).name("silent").build(), 1, List.of()));
    List<ImageEvent> lastEvents = List.of(event(EventType.TAGS_CHANGED, first.id()),
        event(EventType.STATUS_CHANGED, first.id()), event(EventType.UNPROTECTED, first.id()));
    store.save(ImageChange.of(
        nextVersion(store.load(first.id()).orElseThrow()).build(), 2, lastEvents));
    expected.addAll(lastEvents);

    List<StoredEvent> log = allEvents();

    assertThat(log).extracting(StoredEvent::sequence).as("sequence numbers")
        .containsExactlyElementsOf(LongStream.rangeClosed(1, 6).boxed().toList());
    assertThat(log).extracting(StoredEvent::event).as("events in save order")
        .containsExactlyElementsOf(expected);
  }

  @Test
  void events_after_a_sequence_number_are_the_later_ones() {
    saveWithEvents(5);

    assertThat(store.events(2, 100)).extracting(StoredEvent::sequence).as("events after 2")
        .containsExactly(3L, 4L, 5L);
  }

  @Test
  void events_limit_caps_the_number_returned() {
    saveWithEvents(5);

    assertThat(store.events(0, 2)).extracting(StoredEvent::sequence).as("first two")
        .containsExactly(1L, 2L);
    assertThat(store.events(2, 2)).extracting(StoredEvent::sequence).as("next two")
        .containsExactly(3L, 4L);
    assertThat(store.events(4, 2)).extracting(StoredEvent::sequence).as("last one")
        .containsExactly(5L);
  }

  @Test
  void events_after_the_last_sequence_number_are_none() {
    assertThat(store.events(0, 10)).as("events of an empty store").isEmpty();
    saveWithEvents(3);

    assertThat(store.events(3, 10)).as("events after the last").isEmpty();
    assertThat(store.events(1_000, 10)).as("events far after the last").isEmpty();
  }

  @Test
  void negative_after_sequence_is_rejected() {
    assertThatExceptionOfType(InputException.class)
        .as("events(-1, 10) must throw InputException")
        .isThrownBy(() -> store.events(-1, 10))
        .satisfies(problem -> assertThat(problem.code()).isEqualTo(RuleCode.INPUT_VALUE));
  }

  @Test
  void limit_below_one_is_rejected() {
    for (int limit : new int[] {0, -1}) {
      assertThatExceptionOfType(InputException.class)
          .as("events(0, %d) must throw InputException", limit)
          .isThrownBy(() -> store.events(0, limit))
          .satisfies(problem -> assertThat(problem.code()).isEqualTo(RuleCode.INPUT_VALUE));
    }
  }

  // --- visibility ---

  @Test
  void own_private_images_are_listed() {
    create(privateImage("a1", ALICE));
    create(privateImage("a2", ALICE));

    assertThat(listed(query(ALICE))).as("Alice's listing").containsExactlyInAnyOrder("a1", "a2");
  }

  @Test
  void other_tenants_private_images_are_never_listed() {
    create(privateImage("a1", ALICE));
    create(privateImage("b1", BOB).putMembers(CAROL, membership(CAROL, MembershipStatus.ACCEPTED)));

    assertThat(listed(query(BOB))).as("Bob's listing").containsExactly("b1");
    assertThat(listed(query(CAROL).membership(Set.of(MembershipStatus.values()))))
        .as("Carol's listing, with every membership status").containsExactly("b1");
    assertThat(listed(query(CAROL).include(Set.of(Visibility.OWN, Visibility.PUBLIC,
        Visibility.MARKET)))).as("Carol's listing without shares").isEmpty();
  }

  @Test
  void public_images_of_the_region_are_listed_to_every_tenant() {
    create(Samples.publicImage("p1"));
    create(Samples.publicImage("p2").region(OTHER_REGION));

    for (TenantId tenant : List.of(ALICE, BOB)) {
      assertThat(listed(query(tenant))).as("listing of %s", tenant).containsExactly("p1");
    }
    assertThat(listed(query(ALICE).region(OTHER_REGION))).as("listing in the other region")
        .containsExactly("p2");
  }

  @Test
  void market_images_of_the_region_are_listed_to_every_tenant() {
    create(Samples.marketImage("m1", ALICE));
    create(Samples.marketImage("m2", ALICE).region(OTHER_REGION));

    assertThat(listed(query(BOB))).as("Bob's listing").containsExactly("m1");
    assertThat(listed(query(CAROL))).as("Carol's listing").containsExactly("m1");
  }

  @Test
  void own_market_image_is_listed_once() {
    create(Samples.marketImage("m1", ALICE));

    assertThat(listed(query(ALICE))).as("Alice's listing of her market image")
        .containsExactly("m1");
  }

  @Test
  void shared_image_is_listed_to_a_member_only_once_accepted() {
    createOneShareWithBobPerMembershipStatus();

    assertThat(listed(query(BOB))).as("Bob's default listing").containsExactly("accepted");
  }

  @Test
  void pending_and_rejected_shares_are_listed_when_asked_for() {
    createOneShareWithBobPerMembershipStatus();

    assertThat(listed(query(BOB).membership(Set.of(MembershipStatus.PENDING))))
        .as("Bob's pending shares").containsExactly("pending");
    assertThat(listed(query(BOB).membership(Set.of(MembershipStatus.REJECTED))))
        .as("Bob's rejected shares").containsExactly("rejected");
    assertThat(listed(query(BOB).membership(Set.of(MembershipStatus.values()))))
        .as("all of Bob's shares").containsExactlyInAnyOrder("pending", "accepted", "rejected");
  }

  @Test
  void deleted_images_are_never_listed() {
    for (ImageRecord.Builder image : List.of(privateImage("a1", ALICE),
        Samples.publicImage("p1"), Samples.marketImage("m1", ALICE),
        privateImage("s1", ALICE).putMembers(BOB, membership(BOB, MembershipStatus.ACCEPTED)))) {
      ImageRecord created = create(image);
      change(created, next -> next.status(ImageStatus.DELETED).members(Map.of()));
    }
    create(privateImage("born-deleted", ALICE).status(ImageStatus.DELETED));

    assertThat(listed(query(ALICE))).as("Alice's listing").isEmpty();
    assertThat(listed(query(BOB).membership(Set.of(MembershipStatus.values()))))
        .as("Bob's listing").isEmpty();
  }

  @Test
  void others_deprecated_images_leave_the_listing_at_their_deprecation_time() {
    Instant deprecatedAt = T0.plusSeconds(3600).plusNanos(7);
    Deprecation schedule = Deprecation.at(deprecatedAt);
    create(Samples.publicImage("p1").deprecation(schedule));
    create(Samples.marketImage("m1", ALICE).deprecation(schedule));
    create(privateImage("s1", ALICE).deprecation(schedule)
        .putMembers(BOB, membership(BOB, MembershipStatus.ACCEPTED)));
    create(privateImage("s2", ALICE).deprecation(Deprecation.at(deprecatedAt.plusNanos(1)))
        .putMembers(BOB, membership(BOB, MembershipStatus.ACCEPTED)));
    create(Samples.publicImage("p2"));

    assertThat(listed(query(BOB).asOf(deprecatedAt.minusNanos(1))))
        .as("Bob's listing a nanosecond before the deprecation time")
        .containsExactlyInAnyOrder("p1", "m1", "s1", "s2", "p2");
    assertThat(listed(query(BOB).asOf(deprecatedAt)))
        .as("Bob's listing at the deprecation time").containsExactlyInAnyOrder("s2", "p2");
    assertThat(listed(query(BOB).asOf(deprecatedAt.plusSeconds(86_400))))
        .as("Bob's listing a day later").containsExactly("p2");
  }

  @Test
  void deprecated_images_are_listed_when_asked_for_and_always_to_their_owner() {
    Instant deprecatedAt = T0.plusSeconds(60);
    create(Samples.publicImage("p1").deprecation(Deprecation.at(deprecatedAt)));
    create(Samples.marketImage("m1", ALICE).deprecation(Deprecation.at(deprecatedAt)));
    create(privateImage("a1", ALICE).deprecation(Deprecation.builder().deprecatedAt(deprecatedAt)
        .obsoleteAt(deprecatedAt).build()));
    Instant later = deprecatedAt.plusSeconds(1);

    assertThat(listed(query(BOB).asOf(later).includeDeprecated(true)))
        .as("Bob's listing including deprecated images").containsExactlyInAnyOrder("p1", "m1");
    assertThat(listed(query(ALICE).asOf(later))).as("Alice's default listing")
        .containsExactlyInAnyOrder("m1", "a1");
    assertThat(listed(query(BOB))).as("a listing that judges no time hides nothing")
        .containsExactlyInAnyOrder("p1", "m1");
  }

  @Test
  void deprecation_schedule_changes_move_an_image_in_and_out_of_listings() {
    Instant deprecatedAt = T0.plusSeconds(60);
    ImageRecord image = create(Samples.publicImage("p1"));
    ImageQuery.Builder bobLater = query(BOB).asOf(deprecatedAt.plusSeconds(1));

    ImageRecord deprecated = change(image, next -> next.deprecation(Deprecation.at(deprecatedAt)));
    assertThat(listed(bobLater)).as("after the schedule is set").isEmpty();
    change(deprecated, next -> next.deprecation(Optional.empty()));
    assertThat(listed(bobLater)).as("after it is cancelled").containsExactly("p1");
  }

  @Test
  void cursor_of_a_listing_with_deprecated_images_does_not_continue_one_without() {
    for (int i = 0; i < 3; i++) {
      create(Samples.publicImage("p" + i));
    }
    String cursor = firstCursor(query(BOB).pageSize(1).includeDeprecated(true));

    assertCursorRejected(query(BOB).pageSize(1), cursor, "the same listing without them");
  }

  @Test
  void family_filter_lists_the_images_of_that_owners_family_only() {
    create(privateImage("a-web-1", ALICE).family("web"));
    create(privateImage("a-web-2", ALICE).family("web").excludedFromLatest(true));
    create(privateImage("a-db", ALICE).family("db"));
    create(privateImage("a-none", ALICE));
    create(privateImage("b-web", BOB).family("web")
        .putMembers(ALICE, membership(ALICE, MembershipStatus.ACCEPTED)));
    create(Samples.publicImage("p-web").family("web"));
    create(Samples.marketImage("m-web", CAROL).family("web"));

    assertThat(listed(query(ALICE).family(Family.of(ALICE, "web"))))
        .as("Alice's own family web").containsExactlyInAnyOrder("a-web-1", "a-web-2");
    assertThat(listed(query(ALICE).family(Family.of(BOB, "web"))))
        .as("Bob's family web, shared with Alice").containsExactly("b-web");
    assertThat(listed(query(ALICE).family(Family.platform("web"))))
        .as("the platform's family web").containsExactly("p-web");
    assertThat(listed(query(ALICE).family(Family.of(CAROL, "web"))))
        .as("Carol's family web, on the market").containsExactly("m-web");
    assertThat(listed(query(CAROL).family(Family.of(BOB, "web"))))
        .as("Bob's family web, which Carol does not see").isEmpty();
  }

  @Test
  void family_changes_move_an_image_in_and_out_of_its_family_listing() {
    ImageRecord image = create(privateImage("a1", ALICE).family("web"));
    ImageQuery.Builder web = query(ALICE).family(Family.of(ALICE, "web"));

    ImageRecord moved = change(image, next -> next.family("db"));
    assertThat(listed(web)).as("after moving to family db").isEmpty();
    change(moved, next -> next.family("web"));
    assertThat(listed(web)).as("after moving back").containsExactly("a1");
  }

  @Test
  void own_images_of_another_region_are_not_listed() {
    create(privateImage("here", ALICE));
    create(privateImage("there", ALICE).region(OTHER_REGION));

    assertThat(listed(query(ALICE))).as("Alice's listing here").containsExactly("here");
    assertThat(listed(query(ALICE).region(OTHER_REGION))).as("Alice's listing there")
        .containsExactly("there");
  }

  @Test
  void include_lists_only_the_reasons_asked_for() {
    create(privateImage("own", BOB));
    create(Samples.marketImage("own-market", BOB));
    create(Samples.publicImage("public"));
    create(Samples.marketImage("market", ALICE));
    create(privateImage("shared", ALICE)
        .putMembers(BOB, membership(BOB, MembershipStatus.ACCEPTED)));

    assertThat(listed(query(BOB).include(Set.of(Visibility.OWN)))).as("OWN")
        .containsExactlyInAnyOrder("own", "own-market");
    assertThat(listed(query(BOB).include(Set.of(Visibility.PUBLIC)))).as("PUBLIC")
        .containsExactly("public");
    assertThat(listed(query(BOB).include(Set.of(Visibility.MARKET)))).as("MARKET")
        .containsExactlyInAnyOrder("own-market", "market");
    assertThat(listed(query(BOB).include(Set.of(Visibility.SHARED)))).as("SHARED")
        .containsExactly("shared");
    assertThat(listed(query(BOB).include(Set.of()))).as("no reason").isEmpty();
    assertThat(listed(query(BOB))).as("every reason")
        .containsExactlyInAnyOrder("own", "own-market", "public", "market", "shared");
  }

  // --- filters ---

  @Test
  void types_filter_lists_only_those_types() {
    create(privateImage("system", ALICE));
    create(Samples.dataDiskImage("data", ALICE));
    create(Samples.fullServerImage("full", ALICE));
    create(Samples.isoImage("iso", ALICE));

    assertThat(listed(query(ALICE).types(Set.of(ImageType.DATA_DISK, ImageType.ISO))))
        .as("DATA_DISK and ISO images").containsExactlyInAnyOrder("data", "iso");
  }

  @Test
  void statuses_filter_lists_only_those_statuses() {
    createOneImageOfAlicePerStatus();

    assertThat(listed(query(ALICE).statuses(Set.of(ImageStatus.QUEUED, ImageStatus.KILLED))))
        .as("QUEUED and KILLED images").containsExactlyInAnyOrder("queued", "killed");
  }

  @Test
  void no_statuses_filter_lists_every_status_but_deleted() {
    createOneImageOfAlicePerStatus();

    assertThat(listed(query(ALICE))).as("images of any status")
        .containsExactlyInAnyOrder("queued", "saving", "active", "killed", "deactivated");
  }

  @Test
  void os_type_filter_lists_only_images_with_that_os() {
    create(privateImage("linux", ALICE));
    create(privateImage("windows", ALICE).os(Samples.os(OsType.WINDOWS, Platform.WINDOWS)));
    create(Samples.dataDiskImage("data", ALICE));

    assertThat(listed(query(ALICE).osType(OsType.WINDOWS))).as("Windows images")
        .containsExactly("windows");
    assertThat(listed(query(ALICE).osType(OsType.LINUX))).as("Linux images")
        .containsExactly("linux");
  }

  @Test
  void platform_filter_lists_only_images_of_that_platform() {
    create(privateImage("ubuntu", ALICE));
    create(privateImage("centos", ALICE).os(Samples.os(OsType.LINUX, Platform.CENTOS)));
    create(Samples.dataDiskImage("data", ALICE));

    assertThat(listed(query(ALICE).platform(Platform.CENTOS))).as("CentOS images")
        .containsExactly("centos");
  }

  @Test
  void name_prefix_filter_is_exact_and_case_sensitive() {
    create(privateImage("i1", ALICE).name("web-1"));
    create(privateImage("i2", ALICE).name("web-2"));
    create(privateImage("i3", ALICE).name("Web-3"));
    create(privateImage("i4", ALICE).name("webby"));
    create(privateImage("i5", ALICE).name("api web-5"));

    for (ImageSort sort : ImageSort.values()) {
      assertThat(listed(query(ALICE).namePrefix("web-").sort(sort)))
          .as("names starting with 'web-', sorted %s", sort)
          .containsExactlyInAnyOrder("i1", "i2");
    }
  }

  @Test
  void tag_key_filter_lists_images_carrying_the_key() {
    create(privateImage("prod", ALICE).putTags("env", "prod"));
    create(privateImage("empty", ALICE).putTags("env", ""));
    create(privateImage("other", ALICE).putTags("team", "env"));

    assertThat(listed(query(ALICE).tagKey("env"))).as("images tagged env")
        .containsExactlyInAnyOrder("prod", "empty");
  }

  @Test
  void tag_value_filter_lists_images_whose_tag_has_that_value() {
    create(privateImage("prod", ALICE).putTags("env", "prod"));
    create(privateImage("dev", ALICE).putTags("env", "dev"));
    create(privateImage("other", ALICE).putTags("team", "prod"));

    assertThat(listed(query(ALICE).tagKey("env").tagValue("prod"))).as("images with env=prod")
        .containsExactly("prod");
  }

  @Test
  void filters_combine() {
    create(privateImage("match", ALICE).name("web").putTags("env", "prod"));
    create(privateImage("wrong-status", ALICE).name("web").putTags("env", "prod")
        .status(ImageStatus.QUEUED));
    create(Samples.isoImage("wrong-type", ALICE).name("web").putTags("env", "prod"));
    create(privateImage("wrong-tag", ALICE).name("web").putTags("env", "dev"));
    create(privateImage("wrong-name", ALICE).name("api").putTags("env", "prod"));

    ImageQuery.Builder query = query(ALICE)
        .types(Set.of(ImageType.SYSTEM_DISK))
        .statuses(Set.of(ImageStatus.ACTIVE))
        .osType(OsType.LINUX)
        .platform(Platform.UBUNTU)
        .namePrefix("we")
        .tagKey("env")
        .tagValue("prod");
    assertThat(listed(query)).as("images passing every filter").containsExactly("match");
  }

  // --- sorting ---

  @Test
  void oldest_first_orders_by_creation_time_then_id() {
    createFourWithATie();

    assertThat(listed(query(ALICE).sort(ImageSort.OLDEST_FIRST))).as("oldest first")
        .containsExactly("c", "a", "b", "d");
  }

  @Test
  void newest_first_is_the_exact_reverse_of_oldest_first() {
    createFourWithATie();

    assertThat(listed(query(ALICE).sort(ImageSort.NEWEST_FIRST))).as("newest first")
        .containsExactly("d", "b", "a", "c");
  }

  @Test
  void newest_first_is_the_default_sort() {
    createAt("old", 1);
    createAt("new", 2);

    assertThat(listed(query(ALICE))).as("default order").containsExactly("new", "old");
  }

  @Test
  void name_order_is_by_name_then_id() {
    create(privateImage("z", ALICE).name("alpha"));
    create(privateImage("y", ALICE).name("beta"));
    create(privateImage("x", ALICE).name("Alpha"));
    create(privateImage("w", ALICE).name("alpha"));

    assertThat(listed(query(ALICE).sort(ImageSort.NAME))).as("name order")
        .containsExactly("x", "w", "z", "y");
  }

  @Test
  void name_order_compares_code_points_not_utf16_units() {
    // U+FF21 < U+20000 as code points, but its UTF-16 unit FF21 > the surrogate D840.
    create(privateImage("supplementary", ALICE).name("\uD840\uDC00"));
    create(privateImage("fullwidth", ALICE).name("\uFF21"));
    create(privateImage("cjk", ALICE).name("镜像"));

    assertThat(listed(query(ALICE).sort(ImageSort.NAME))).as("code point order")
        .containsExactly("cjk", "fullwidth", "supplementary");
  }

  // --- paging ---

  @ParameterizedTest
  @EnumSource(ImageSort.class)
  void pages_list_every_image_once_in_order(ImageSort sort) {
    List<ImageRecord> images = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      images.add(create(privateImage(String.format("i%02d", i), ALICE)
          .name("name " + (i * 7 % 23))
          .createdAt(T0.plusSeconds(i % 5))
          .updatedAt(T0.plusSeconds(5))));
    }
    List<String> expected = images.stream().sorted(ListingModel.order(sort))
        .map(image -> image.id().value()).toList();

    for (int pageSize : new int[] {1, 4, 23, 100}) {
      List<Page<ImageRecord>> pages = walk(query(ALICE).sort(sort).pageSize(pageSize).build());
      assertThat(pages).allSatisfy(page -> assertThat(page.items())
          .as("a page of size %d", pageSize).hasSizeLessThanOrEqualTo(pageSize));
      assertThat(pages.stream().flatMap(page -> page.items().stream())
          .map(image -> image.id().value()))
          .as("every page of size %d, sorted %s", pageSize, sort)
          .containsExactlyElementsOf(expected);
    }
  }

  @Test
  void listing_that_fits_in_one_page_has_no_cursor() {
    assertThat(store.listVisible(query(ALICE).build()))
        .as("an empty listing")
        .satisfies(page -> {
          assertThat(page.items()).isEmpty();
          assertThat(page.nextCursor()).isEmpty();
        });
    create(privateImage("a1", ALICE));
    create(privateImage("a2", ALICE));

    assertThat(store.listVisible(query(ALICE).pageSize(3).build()).nextCursor())
        .as("the cursor of a page with room to spare").isEmpty();
  }

  @ParameterizedTest
  @EnumSource(ImageSort.class)
  void walking_pages_while_images_come_and_go_lists_each_lasting_image_exactly_once(
      ImageSort sort) {
    Random random = new Random(42);
    List<ImageRecord> lasting = new ArrayList<>();
    List<ImageRecord> doomed = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      ImageRecord image = create(randomlyPlaced(privateImage("lasting-" + i, ALICE), random));
      lasting.add(image);
      if (i % 4 == 0) {
        doomed.add(create(randomlyPlaced(privateImage("doomed-" + i, ALICE), random)));
      }
    }
    ImageQuery query = query(ALICE).sort(sort).pageSize(4).build();
    List<ImageRecord> listed = new ArrayList<>();
    Page<ImageRecord> page = store.listVisible(query);
    listed.addAll(page.items());
    for (int round = 0; page.nextCursor().isPresent(); round++) {
      assertThat(round).as("pages walked before the listing ends").isLessThan(MAX_PAGES);
      ImageRecord newcomer = create(
          randomlyPlaced(privateImage("new-" + round, ALICE), random));
      if (round % 2 == 0) {
        doomed.add(newcomer);
      }
      if (!doomed.isEmpty()) {
        ImageRecord victim = doomed.remove(random.nextInt(doomed.size()));
        change(store.load(victim.id()).orElseThrow(), next -> next.status(ImageStatus.DELETED));
      }
      page = store.listVisible(query.withCursor(page.nextCursor()));
      listed.addAll(page.items());
    }

    List<String> listedIds = listed.stream().map(image -> image.id().value()).toList();
    assertThat(listedIds).as("images listed while others came and went, sorted %s", sort)
        .doesNotHaveDuplicates()
        .containsAll(lasting.stream().map(image -> image.id().value()).toList());
    assertThat(listed).as("the walk's order").isSortedAccordingTo(ListingModel.order(sort));
  }

  @Test
  void cursor_survives_the_deletion_of_the_image_it_points_at() {
    for (int i = 0; i < 6; i++) {
      createAt("i" + i, i);
    }
    ImageQuery query = query(ALICE).sort(ImageSort.OLDEST_FIRST).pageSize(2).build();
    Page<ImageRecord> first = store.listVisible(query);
    ImageRecord last = first.items().get(1);
    change(last, next -> next.status(ImageStatus.DELETED));

    Page<ImageRecord> second =
        store.listVisible(query.withCursor(first.nextCursor()));

    assertThat(second.items()).extracting(image -> image.id().value())
        .as("the page after a deleted image").containsExactly("i2", "i3");
  }

  @Test
  void cursor_of_another_viewer_is_rejected() {
    create(Samples.publicImage("p1"));
    create(Samples.publicImage("p2"));
    String cursor = firstCursor(query(ALICE).pageSize(1));

    assertCursorRejected(query(BOB).pageSize(1), cursor, "Bob's query with Alice's cursor");
  }

  @Test
  void cursor_of_another_query_is_rejected() {
    create(Samples.publicImage("p1"));
    create(Samples.publicImage("p2"));
    create(Samples.publicImage("p3").region(OTHER_REGION));
    create(Samples.publicImage("p4").region(OTHER_REGION));
    String cursor = firstCursor(query(ALICE).pageSize(1));

    assertCursorRejected(query(ALICE).pageSize(1).sort(ImageSort.NAME), cursor,
        "another sort");
    assertCursorRejected(query(ALICE).pageSize(1).region(OTHER_REGION), cursor,
        "another region");
    assertCursorRejected(query(ALICE).pageSize(1).types(Set.of(ImageType.SYSTEM_DISK)), cursor,
        "another types filter");
    assertCursorRejected(query(ALICE).pageSize(1).namePrefix("image"), cursor,
        "another name prefix");
    assertCursorRejected(query(ALICE).pageSize(1).include(Set.of(Visibility.PUBLIC)), cursor,
        "other reasons of visibility");
  }

  @Test
  void garbage_cursor_is_rejected() {
    create(Samples.publicImage("p1"));

    for (String garbage : List.of("garbage", "AAAAAAAAAAAAAAAAAAAAAAAA", "%%%", "p1", "0")) {
      assertCursorRejected(query(ALICE), garbage, "cursor '" + garbage + "'");
    }
  }

  // --- listings follow changes ---

  @Test
  void member_listing_follows_every_change_of_membership() {
    ImageRecord image = create(privateImage("s1", ALICE));
    ImageQuery.Builder everyStatus =
        query(BOB).membership(Set.of(MembershipStatus.values()));

    image = change(image, next -> next.putMembers(BOB, membership(BOB, MembershipStatus.PENDING)));
    assertThat(listed(query(BOB))).as("Bob's listing while pending").isEmpty();
    assertThat(listed(query(BOB).membership(Set.of(MembershipStatus.PENDING))))
        .as("Bob's pending shares").containsExactly("s1");

    image = change(image, next -> next.putMembers(BOB, membership(BOB, MembershipStatus.ACCEPTED)));
    assertThat(listed(query(BOB))).as("Bob's listing once accepted").containsExactly("s1");
    assertThat(listed(query(BOB).membership(Set.of(MembershipStatus.PENDING))))
        .as("Bob's pending shares once accepted").isEmpty();

    image = change(image, next -> next.putMembers(BOB, membership(BOB, MembershipStatus.REJECTED)));
    assertThat(listed(query(BOB))).as("Bob's listing once rejected").isEmpty();
    assertThat(listed(everyStatus)).as("Bob's shares of any status once rejected")
        .containsExactly("s1");

    change(image, next -> next.members(Map.of()));
    assertThat(listed(everyStatus)).as("Bob's shares once revoked").isEmpty();
    assertThat(store.load(image.id()).orElseThrow().members()).as("members once revoked")
        .isEmpty();
  }

  @Test
  void image_shared_with_several_members_is_listed_to_each_until_revoked() {
    ImageRecord image = create(privateImage("s1", ALICE)
        .putMembers(BOB, membership(BOB, MembershipStatus.ACCEPTED))
        .putMembers(CAROL, membership(CAROL, MembershipStatus.ACCEPTED)));
    assertThat(listed(query(BOB))).as("Bob's listing").containsExactly("s1");
    assertThat(listed(query(CAROL))).as("Carol's listing").containsExactly("s1");

    change(image, next ->
        next.members(Map.of(CAROL, membership(CAROL, MembershipStatus.ACCEPTED))));

    assertThat(listed(query(BOB))).as("Bob's listing once revoked").isEmpty();
    assertThat(listed(query(CAROL))).as("Carol's listing after Bob's revocation")
        .containsExactly("s1");
    assertThat(store.load(image.id()).orElseThrow().members()).as("the image's members")
        .containsOnlyKeys(CAROL);
  }

  @Test
  void deleting_a_shared_image_ends_its_listing_for_members() {
    ImageRecord image = create(privateImage("s1", ALICE)
        .putMembers(BOB, membership(BOB, MembershipStatus.ACCEPTED)));

    change(image, next -> next.status(ImageStatus.DELETED).members(Map.of()));

    assertThat(listed(query(BOB).membership(Set.of(MembershipStatus.values()))))
        .as("Bob's listing once the image is deleted").isEmpty();
  }

  @Test
  void published_image_is_listed_to_others_only_while_on_the_market() {
    ImageRecord image = create(privateImage("i1", ALICE));
    assertThat(listed(query(BOB))).as("Bob's listing before publishing").isEmpty();

    image = change(image, next -> next.imageClass(ImageClass.MARKET).listing(Samples.listing()));
    assertThat(listed(query(BOB))).as("Bob's listing while published").containsExactly("i1");
    assertThat(listed(query(ALICE))).as("Alice's listing while published").containsExactly("i1");

    change(image, next -> next.imageClass(ImageClass.PRIVATE).listing(Optional.empty()));
    assertThat(listed(query(BOB))).as("Bob's listing once withdrawn").isEmpty();
    assertThat(listed(query(ALICE))).as("Alice's listing once withdrawn").containsExactly("i1");
  }

  @Test
  void renamed_image_moves_in_name_order() {
    create(privateImage("a", ALICE).name("apple"));
    ImageRecord moving = create(privateImage("m", ALICE).name("banana"));
    create(privateImage("c", ALICE).name("cherry"));

    change(moving, next -> next.name("zucchini"));

    assertThat(listed(query(ALICE).sort(ImageSort.NAME))).as("name order after a rename")
        .containsExactly("a", "c", "m");
    assertThat(listed(query(ALICE).namePrefix("banana"))).as("the old name").isEmpty();
    assertThat(listed(query(ALICE).sort(ImageSort.NAME).namePrefix("zucchini")))
        .as("the new name").containsExactly("m");
  }

  @Test
  void status_change_moves_an_image_between_status_filters() {
    ImageRecord image = create(privateImage("i1", ALICE).status(ImageStatus.QUEUED));

    change(image, next -> next.status(ImageStatus.ACTIVE));

    assertThat(listed(query(ALICE).statuses(Set.of(ImageStatus.QUEUED)))).as("QUEUED images")
        .isEmpty();
    assertThat(listed(query(ALICE).statuses(Set.of(ImageStatus.ACTIVE)))).as("ACTIVE images")
        .containsExactly("i1");
  }

  // --- owned count ---

  @Test
  void count_owned_counts_private_and_market_images_of_the_region() {
    create(privateImage("a1", ALICE));
    create(privateImage("a2", ALICE).status(ImageStatus.QUEUED));
    create(Samples.marketImage("a3", ALICE));
    create(privateImage("b1", BOB));

    assertThat(store.countOwned(ALICE, REGION)).as("Alice's images").isEqualTo(3);
    assertThat(store.countOwned(BOB, REGION)).as("Bob's images").isEqualTo(1);
  }

  @Test
  void count_owned_ignores_deleted_images() {
    ImageRecord image = create(privateImage("a1", ALICE));
    create(privateImage("a2", ALICE));

    change(image, next -> next.status(ImageStatus.DELETED));

    assertThat(store.countOwned(ALICE, REGION)).as("Alice's images after a deletion")
        .isEqualTo(1);
  }

  @Test
  void count_owned_ignores_public_shared_and_others_market_images() {
    create(Samples.publicImage("p1"));
    create(Samples.marketImage("m1", BOB));
    create(privateImage("s1", BOB).putMembers(ALICE, membership(ALICE, MembershipStatus.ACCEPTED)));

    assertThat(store.countOwned(ALICE, REGION)).as("images Alice uses but does not own")
        .isZero();
  }

  @Test
  void count_owned_is_per_region() {
    create(privateImage("here", ALICE));
    create(privateImage("there-1", ALICE).region(OTHER_REGION));
    create(privateImage("there-2", ALICE).region(OTHER_REGION));

    assertThat(store.countOwned(ALICE, REGION)).as("Alice's images here").isEqualTo(1);
    assertThat(store.countOwned(ALICE, OTHER_REGION)).as("Alice's images there").isEqualTo(2);
    assertThat(store.countOwned(CAROL, REGION)).as("Carol's images").isZero();
  }

  // --- property ---

  @Test
  void every_listing_equals_the_reference_model_of_visibility_filters_and_order() {
    qt().withExamples(propertyExamples())
        .withShrinkCycles(SHRINK_CYCLES)
        .forAll(ListingModel.scenarios())
        .checkAssert(this::assertListingFollowsTheModel);
  }

  private void assertListingFollowsTheModel(ListingModel.Scenario scenario) {
    ImageStore fresh = newStore();
    try {
      for (ImageRecord image : scenario.created()) {
        fresh.save(ImageChange.of(image, 0, List.of(event(EventType.CREATED, image.id()))));
      }
      for (ImageRecord image : scenario.changed()) {
        fresh.save(ImageChange.of(image, 1, List.of(event(EventType.STATUS_CHANGED, image.id()))));
      }
      List<ImageRecord> expected = ListingModel.expected(scenario.current(), scenario.query());
      List<ImageRecord> actual = walk(fresh, scenario.query()).stream()
          .flatMap(page -> page.items().stream())
          .toList();
      assertThat(actual).extracting(image -> image.id().value())
          .as("ids listed, page after page")
          .containsExactlyElementsOf(expected.stream().map(image -> image.id().value()).toList());
      assertThat(actual).as("records listed").containsExactlyElementsOf(expected);
    } finally {
      cleanup(fresh);
    }
  }

  // --- helpers ---

  private static ImageChange withinLimit(ImageRecord record, long limit) {
    return ImageChange.builder()
        .record(record)
        .expectedVersion(0)
        .addEvents(event(EventType.CREATED, record.id()))
        .ownedLimit(limit)
        .build();
  }

  private ImageRecord create(ImageRecord.Builder image) {
    ImageRecord record = image.build();
    store.save(ImageChange.of(record, 0, List.of(event(EventType.CREATED, record.id()))));
    return record;
  }

  // b and a share a creation time: only their ids order them.
  private void createFourWithATie() {
    createAt("b", 2);
    createAt("a", 2);
    createAt("c", 1);
    createAt("d", 3);
  }

  /** Creates images of Alice shared with Bob, named by the status of his membership. */
  private void createOneShareWithBobPerMembershipStatus() {
    for (MembershipStatus status : MembershipStatus.values()) {
      create(privateImage(status.name().toLowerCase(Locale.ROOT), ALICE)
          .putMembers(BOB, membership(BOB, status)));
    }
  }

  /** Creates images of Alice, named by their status. */
  private void createOneImageOfAlicePerStatus() {
    for (ImageStatus status : ImageStatus.values()) {
      create(privateImage(status.name().toLowerCase(Locale.ROOT), ALICE).status(status));
    }
  }

  private void createAt(String id, int second) {
    create(privateImage(id, ALICE).createdAt(T0.plusSeconds(second)).updatedAt(T0.plusSeconds(60)));
  }

  private ImageRecord change(ImageRecord current,
      UnaryOperator<ImageRecord.Builder> edit) {
    ImageRecord next = edit.apply(nextVersion(current)).build();
    store.save(ImageChange.of(next, current.version(), List.of()));
    return next;
  }

  private void saveWithEvents(int count) {
    ImageRecord image = privateImage("a1", ALICE).build();
    List<ImageEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(event(EventType.TAGS_CHANGED, image.id()));
    }
    store.save(ImageChange.of(image, 0, events));
  }

  // Spread over a few seconds with many ties, and names that collide, so every sort interleaves
  // newcomers with the images already walked.
  private static ImageRecord.Builder randomlyPlaced(ImageRecord.Builder image,
      Random random) {
    return image
        .name("name " + random.nextInt(20))
        .createdAt(T0.plusSeconds(random.nextInt(10)))
        .updatedAt(T0.plusSeconds(10));
  }

  private List<StoredEvent> allEvents() {
    return store.events(0, Integer.MAX_VALUE);
  }

  private static ImageQuery.Builder query(TenantId viewer) {
    return ImageQuery.builder().viewer(viewer).region(REGION);
  }

  private List<String> listed(ImageQuery.Builder query) {
    return walk(store, query.build()).stream()
        .flatMap(page -> page.items().stream())
        .map(image -> image.id().value())
        .toList();
  }

  private List<Page<ImageRecord>> walk(ImageQuery query) {
    return walk(store, query);
  }

  private static List<Page<ImageRecord>> walk(ImageStore store, ImageQuery query) {
    List<Page<ImageRecord>> pages = new ArrayList<>();
    Set<String> cursors = new HashSet<>();
    Page<ImageRecord> page = store.listVisible(query);
    pages.add(page);
    while (page.nextCursor().isPresent()) {
      String cursor = page.nextCursor().get();
      if (!cursors.add(cursor) || pages.size() > MAX_PAGES) {
        fail("the listing never ends: cursor %s came back after %d pages", cursor, pages.size());
      }
      page = store.listVisible(query.withCursor(cursor));
      pages.add(page);
    }
    return pages;
  }

  private String firstCursor(ImageQuery.Builder query) {
    Optional<String> cursor = store.listVisible(query.build()).nextCursor();
    assertThat(cursor).as("the cursor of a first page with more to come").isPresent();
    return cursor.orElseThrow();
  }

  private void assertCursorRejected(ImageQuery.Builder query, String cursor,
      String what) {
    ImageQuery withCursor = query.cursor(cursor).build();
    assertThatExceptionOfType(InputException.class)
        .as("a cursor used with %s must throw InputException (INPUT_PAGE)", what)
        .isThrownBy(() -> store.listVisible(withCursor))
        .satisfies(problem -> {
          assertThat(problem.code()).isEqualTo(RuleCode.INPUT_PAGE);
          assertThat(problem.field()).isEqualTo("cursor");
        });
  }
}
