package dev.imago.testkit;

import static dev.imago.testkit.ServiceWorld.ALICE;
import static dev.imago.testkit.ServiceWorld.BOB;
import static dev.imago.testkit.ServiceWorld.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.imago.core.Caller;
import dev.imago.core.ImageNotFoundException;
import dev.imago.core.ImagePolicyException;
import dev.imago.core.ImageService;
import dev.imago.core.policy.ImageSpec;
import dev.imago.core.policy.SourceRef;
import dev.imago.core.policy.UseRequest;
import dev.imago.core.policy.UseTarget;
import dev.imago.spi.Deprecation;
import dev.imago.spi.Family;
import dev.imago.spi.ImageFilter;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.ImageStore;
import dev.imago.spi.ImageType;
import dev.imago.spi.InputException;
import dev.imago.spi.RuleCode;
import dev.imago.spi.ServerId;
import dev.imago.spi.ServerKind;
import dev.imago.spi.StoredEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules of retiring images (deprecation, families and "latest", the recycle bin) through an
 * {@code ImageService} over the store under test, one rule at a time: each with a case it
 * refuses, which must change nothing, and the allowed neighbour. Time is the service's clock,
 * which the tests move, to the nanosecond, across deprecation, obsolete and purge times. Extend
 * it as {@link ImageStoreContract}:
 *
 * <pre>{@code
 * class MyImageServiceRetiringTest extends ImageServiceRetiringContract {
 *   @Override
 *   protected ImageStore newStore() {
 *     return new MyImageStore(freshSchema());
 *   }
 * }
 * }</pre>
 */
public abstract class ImageServiceRetiringContract {
  private static final Duration RETENTION = Duration.ofDays(7);
  private static final Caller ALICE_CALLER = Caller.tenant(ALICE);
  private static final Caller BOB_CALLER = Caller.tenant(BOB);
  private static final UseRequest SERVER = UseRequest.builder().target(UseTarget.SERVER)
      .region(ServiceWorld.NORTH).serverKind(ServerKind.ECS).diskGib(100).ramMib(8192).build();

  private ImageStore store;
  private ServiceWorld.SteppingClock clock;
  private ImageService images;

  /** Creates the contract; subclasses say how to make a store. */
  protected ImageServiceRetiringContract() {}

  /**
   * Returns a new, empty store: every test gets its own.
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

  @BeforeEach
  final void createService() {
    store = newStore();
    clock = new ServiceWorld.SteppingClock();
    images = ServiceWorld.service(store, clock,
        ServiceWorld.SETTINGS.withRecycleRetention(RETENTION));
  }

  @AfterEach
  final void releaseStore() {
    cleanup(store);
  }

  // --- DEPRECATE_SCHEDULE ---

  @Test
  void deprecation_is_scheduled_ahead_and_refused_in_the_past() {
    ImageRecord image = activeImage("web v1");

    assertRefusedAndUnchanged(image.id(), RuleCode.DEPRECATE_SCHEDULE,
        () -> images.deprecate(ALICE_CALLER, image.id(), Deprecation.at(T0.minusNanos(1))));
    ImageRecord scheduled = images.deprecate(ALICE_CALLER, image.id(), Deprecation.at(T0));

    assertThat(store.load(image.id()).orElseThrow().deprecation())
        .as("the schedule as stored").isEqualTo(scheduled.deprecation())
        .contains(Deprecation.at(T0));
  }

  // --- DEPRECATE_REPLACEMENT ---

  @Test
  void a_replacement_is_the_owners_own_image_and_never_another_tenants_private_one() {
    ImageRecord older = activeImage("web v1");
    ImageRecord newer = activeImage("web v2");
    ImageRecord bobs = activeImage(BOB_CALLER, "bob web");

    assertRefusedAndUnchanged(older.id(), RuleCode.DEPRECATE_REPLACEMENT,
        () -> images.deprecate(ALICE_CALLER, older.id(), replacedBy(bobs.id())));
    images.deprecate(ALICE_CALLER, older.id(), replacedBy(newer.id()));

    assertThat(images.get(ALICE_CALLER, older.id()).deprecation()
        .flatMap(Deprecation::replacement)).contains(newer.id());
  }

  // --- USE_DEPRECATED ---

  @Test
  void from_its_deprecation_time_an_image_warns_and_leaves_other_tenants_listings() {
    ImageRecord image = activeImage("web v1");
    images.share(ALICE_CALLER, image.id(), List.of(BOB));
    images.accept(BOB_CALLER, image.id());
    Instant deprecatedAt = T0.plusSeconds(3600);
    images.deprecate(ALICE_CALLER, image.id(), Deprecation.at(deprecatedAt));

    clock.set(deprecatedAt.minusNanos(1));
    assertThat(images.authorizeUse(BOB_CALLER, image.id(), SERVER).notices())
        .as("notices a nanosecond before the deprecation time").isEmpty();
    assertThat(names(BOB_CALLER, ImageFilter.all())).as("Bob's listing then")
        .containsExactly("web v1");

    clock.set(deprecatedAt);
    assertThat(images.authorizeUse(BOB_CALLER, image.id(), SERVER).notices())
        .as("notices at the deprecation time")
        .singleElement().satisfies(notice ->
            assertThat(notice.code()).isEqualTo(RuleCode.USE_DEPRECATED));
    assertThat(names(BOB_CALLER, ImageFilter.all())).as("Bob's listing then").isEmpty();
    assertThat(names(BOB_CALLER, ImageFilter.builder().includeDeprecated(true).build()))
        .as("Bob's listing with deprecated images").containsExactly("web v1");
    assertThat(names(ALICE_CALLER, ImageFilter.all())).as("Alice's listing then")
        .containsExactly("web v1");
  }

  // --- USE_OBSOLETE ---

  @Test
  void from_its_obsolete_time_an_image_creates_nothing_new() {
    ImageRecord image = activeImage("web v1");
    Instant obsoleteAt = T0.plusSeconds(7200);
    images.deprecate(ALICE_CALLER, image.id(), Deprecation.builder()
        .deprecatedAt(T0.plusSeconds(3600)).obsoleteAt(obsoleteAt).build());

    clock.set(obsoleteAt.minusNanos(1));
    images.authorizeUse(ALICE_CALLER, image.id(), SERVER);
    clock.set(obsoleteAt);
    assertRefusedAndUnchanged(image.id(), RuleCode.USE_OBSOLETE,
        () -> images.authorizeUse(ALICE_CALLER, image.id(), SERVER));
  }

  // --- FAMILY_NAME ---

  @Test
  void a_family_name_outside_its_format_is_refused_and_one_inside_it_is_kept() {
    ImageRecord image = activeImage("web v1");
    long events = eventCount();

    assertThatExceptionOfType(InputException.class)
        .isThrownBy(() -> images.setFamily(ALICE_CALLER, image.id(), "Web_1", false))
        .satisfies(error -> assertThat(error.code()).isEqualTo(RuleCode.FAMILY_NAME));
    assertThat(store.load(image.id())).as("the image after the refusal").contains(image);
    assertThat(eventCount()).as("events after the refusal").isEqualTo(events);
    images.setFamily(ALICE_CALLER, image.id(), "web-1", true);

    ImageRecord stored = store.load(image.id()).orElseThrow();
    assertThat(stored.family()).as("the family as stored").contains("web-1");
    assertThat(stored.excludedFromLatest()).as("the exclusion as stored").isTrue();
  }

  // --- FAMILY_LATEST ---

  @Test
  void a_family_resolves_to_its_newest_usable_image_and_moves_back_when_it_is_deprecated() {
    ImageRecord first = activeImage("web v1");
    clock.set(T0.plusSeconds(1));
    ImageRecord second = activeImage("web v2");
    images.setFamily(ALICE_CALLER, first.id(), "web", false);
    images.setFamily(ALICE_CALLER, second.id(), "web", false);
    Instant deprecatedAt = T0.plusSeconds(3600);
    images.deprecate(ALICE_CALLER, second.id(), Deprecation.at(deprecatedAt));
    Family web = Family.of(ALICE, "web");

    clock.set(deprecatedAt.minusNanos(1));
    assertThat(latest(ALICE_CALLER, web)).as("latest before the deprecation").contains("web v2");
    clock.set(deprecatedAt);
    assertThat(latest(ALICE_CALLER, web)).as("latest at the deprecation").contains("web v1");
    assertThat(latest(BOB_CALLER, web)).as("latest for Bob, who sees none of it").isEmpty();
  }

  // --- RECYCLE_RETENTION ---

  @Test
  void a_deleted_image_waits_in_the_bin_and_is_purged_from_its_purge_time_on() {
    ImageRecord image = activeImage("web v1");

    images.delete(ALICE_CALLER, image.id());
    assertThat(store.load(image.id()).orElseThrow().status()).as("the status as stored")
        .isEqualTo(ImageStatus.RECYCLED);
    assertThat(store.countOwned(ALICE, ServiceWorld.NORTH)).as("Alice's count").isZero();
    assertThat(images.listRecycleBin(ALICE_CALLER, 10).items()).extracting(ImageRecord::name)
        .as("Alice's bin").containsExactly("web v1");
    assertThatExceptionOfType(ImageNotFoundException.class).as("Bob reading it")
        .isThrownBy(() -> images.get(BOB_CALLER, image.id()));

    clock.set(T0.plus(RETENTION).minusNanos(1));
    assertThat(images.purgeExpired(10)).as("purged before the purge time").isZero();
    clock.set(T0.plus(RETENTION));
    assertThat(images.purgeExpired(10)).as("purged at the purge time").isEqualTo(1);
    assertThat(store.load(image.id()).orElseThrow().status()).as("the status after the purge")
        .isEqualTo(ImageStatus.DELETED);
  }

  // --- RECYCLE_RESTORE ---

  @Test
  void an_image_is_restored_until_its_retention_ends_and_only_with_quota_room() {
    ImageRecord image = activeImage("web v1");
    images.delete(ALICE_CALLER, image.id());
    List<ImageRecord> others = List.of(activeImage("web v2"), activeImage("web v3"),
        activeImage("web v4"));

    assertRefusedAndUnchanged(image.id(), RuleCode.CREATE_QUOTA,
        () -> images.restore(ALICE_CALLER, image.id()));
    images.delete(ALICE_CALLER, others.get(0).id());
    clock.set(T0.plus(RETENTION));
    assertRefusedAndUnchanged(image.id(), RuleCode.RECYCLE_RESTORE,
        () -> images.restore(ALICE_CALLER, image.id()));
    clock.set(T0.plus(RETENTION).minusNanos(1));
    ImageRecord restored = images.restore(ALICE_CALLER, image.id());

    assertThat(restored.status()).isEqualTo(ImageStatus.ACTIVE);
    assertThat(store.countOwned(ALICE, ServiceWorld.NORTH)).as("Alice's count").isEqualTo(3);
  }

  // --- helpers ---

  private ImageRecord activeImage(String name) {
    return activeImage(ALICE_CALLER, name);
  }

  private ImageRecord activeImage(Caller owner, String name) {
    ImageRecord image = images.createImage(owner, ImageSpec.builder().name(name)
        .type(ImageType.SYSTEM_DISK)
        .source(SourceRef.server(ServerId.of("srv-" + owner.tenant().orElseThrow()))).build());
    return images.reportProgress(image.id(), ImageStatus.ACTIVE);
  }

  private static Deprecation replacedBy(ImageId replacement) {
    return Deprecation.builder().deprecatedAt(T0.plusSeconds(60)).replacement(replacement)
        .build();
  }

  private List<String> names(Caller caller, ImageFilter filter) {
    return images.listVisible(caller, filter).items().stream().map(ImageRecord::name).toList();
  }

  private Optional<String> latest(Caller caller, Family family) {
    return images.latestInFamily(caller, family).map(ImageRecord::name);
  }

  private long eventCount() {
    List<StoredEvent> events = store.events(0, 10_000);
    return events.isEmpty() ? 0 : events.get(events.size() - 1).sequence();
  }

  private void assertRefusedAndUnchanged(ImageId image, RuleCode code, ThrowingCallable call) {
    Optional<ImageRecord> before = store.load(image);
    long events = eventCount();

    assertThatExceptionOfType(ImagePolicyException.class).as("the refusal, %s", code)
        .isThrownBy(call)
        .satisfies(refusal -> assertThat(refusal.decision().codes()).contains(code));
    assertThat(store.load(image)).as("the image after the refusal").isEqualTo(before);
    assertThat(eventCount()).as("the event log after the refusal").isEqualTo(events);
  }
}
