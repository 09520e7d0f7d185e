package dev.imago.store.memory.service;

import static dev.imago.store.memory.service.World.GLOBEX;
import static dev.imago.store.memory.service.World.acme;
import static dev.imago.store.memory.service.World.globex;
import static dev.imago.store.memory.service.World.serverRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.imago.core.Caller;
import dev.imago.core.ImageNotFoundException;
import dev.imago.core.ImagePolicyException;
import dev.imago.core.ImageService;
import dev.imago.core.UsePlan;
import dev.imago.core.policy.ImageSpec;
import dev.imago.core.policy.SourceRef;
import dev.imago.spi.Deprecation;
import dev.imago.spi.EventType;
import dev.imago.spi.ImageChange;
import dev.imago.spi.ImageFilter;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageType;
import dev.imago.spi.RuleCode;
import dev.imago.spi.StoredEvent;
import dev.imago.spi.TenantId;
import dev.imago.testkit.ForwardingImageStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Retiring images end to end on the memory store: a schedule takes effect on the clock alone,
 * other tenants stop seeing the image in their default listings, use warns and then stops, and
 * replacements stay eligible across hosts.
 */
class RetirementTest {
  private static final Instant START = Instant.parse("2026-11-28T08:00:00Z");
  private static final Instant DEPRECATED_AT = START.plus(Duration.ofHours(1));
  private static final Instant OBSOLETE_AT = START.plus(Duration.ofDays(2));

  private final World world = new World();
  private final MovableClock clock = new MovableClock(START);
  private final ImageService images = world.serviceWith(builder -> builder.clock(clock));

  private ImageRecord older;
  private ImageRecord newer;

  private void retireOlderInFavourOfNewer() {
    older = world.activeSystemDiskImage("web v1");
    newer = world.activeSystemDiskImage("web v2");
    images.share(acme(), older.id(), List.of(GLOBEX));
    images.accept(globex(), older.id());
    images.share(acme(), newer.id(), List.of(GLOBEX));
    images.accept(globex(), newer.id());
    images.deprecate(acme(), older.id(), Deprecation.builder().deprecatedAt(DEPRECATED_AT)
        .obsoleteAt(OBSOLETE_AT).replacement(newer.id()).build());
  }

  private List<String> listedTo(Caller caller, ImageFilter filter) {
    return images.listVisible(caller, filter).items().stream().map(ImageRecord::name).toList();
  }

  @Test
  void a_schedule_takes_effect_on_the_clock_alone() {
    retireOlderInFavourOfNewer();

    clock.set(DEPRECATED_AT.minusNanos(1));
    assertThat(listedTo(globex(), ImageFilter.all())).containsExactlyInAnyOrder("web v1", "web v2");
    assertThat(images.authorizeUse(globex(), older.id(), serverRequest()).notices()).isEmpty();

    clock.set(DEPRECATED_AT);
    assertThat(listedTo(globex(), ImageFilter.all())).as("the member's default listing")
        .containsExactly("web v2");
    assertThat(listedTo(globex(), ImageFilter.builder().includeDeprecated(true).build()))
        .as("the member's listing that asks for deprecated images")
        .containsExactlyInAnyOrder("web v1", "web v2");
    assertThat(listedTo(acme(), ImageFilter.all())).as("the owner's default listing")
        .containsExactlyInAnyOrder("web v1", "web v2");
    UsePlan plan = images.authorizeUse(globex(), older.id(), serverRequest());
    assertThat(plan.notices()).singleElement().satisfies(notice -> {
      assertThat(notice.code()).isEqualTo(RuleCode.USE_DEPRECATED);
      assertThat(notice.message()).contains(DEPRECATED_AT.toString(), newer.id().value());
    });

    clock.set(OBSOLETE_AT);
    ImagePolicyException obsolete = catchThrowableOfType(ImagePolicyException.class,
        () -> images.authorizeUse(globex(), older.id(), serverRequest()));
    assertThat(obsolete.decision().codes()).containsExactly(RuleCode.USE_OBSOLETE);
    assertThat(obsolete.getMessage()).contains(newer.id().value());
    assertThat(images.authorizeUse(globex(), newer.id(), serverRequest()).notices()).isEmpty();
  }

  @Test
  void scheduling_and_cancelling_are_events_in_the_log_and_repeating_them_writes_nothing() {
    retireOlderInFavourOfNewer();
    long before = lastSequence();

    images.deprecate(acme(), older.id(), images.get(acme(), older.id()).deprecation().get());
    images.cancelDeprecation(acme(), older.id());
    images.cancelDeprecation(acme(), older.id());

    assertThat(images.events(before, 10)).extracting(StoredEvent::event)
        .extracting(event -> event.type()).containsExactly(EventType.DEPRECATION_CANCELLED);
    assertThat(images.get(acme(), older.id()).deprecation()).isEmpty();
    clock.set(OBSOLETE_AT);
    assertThat(listedTo(globex(), ImageFilter.all())).contains("web v1");
  }

  @Test
  void an_obsolete_images_schedule_is_final() {
    retireOlderInFavourOfNewer();
    clock.set(OBSOLETE_AT);

    ImagePolicyException refused = catchThrowableOfType(ImagePolicyException.class,
        () -> images.cancelDeprecation(acme(), older.id()));

    assertThat(refused.decision().codes()).containsExactly(RuleCode.DEPRECATE_SCHEDULE);
  }

  @Test
  void a_member_hears_only_that_it_is_not_the_owner_and_a_stranger_that_there_is_no_image() {
    retireOlderInFavourOfNewer();
    TenantId stranger = world.addTenant("hooli-north", World.NORTH);

    ImagePolicyException member = catchThrowableOfType(ImagePolicyException.class,
        () -> images.deprecate(globex(), newer.id(), Deprecation.at(START.minusSeconds(5))));
    ImageNotFoundException strangers = catchThrowableOfType(ImageNotFoundException.class,
        () -> images.deprecate(Caller.tenant(stranger), newer.id(),
            Deprecation.at(DEPRECATED_AT)));

    assertThat(member.decision().codes()).containsExactly(RuleCode.CHANGE_NOT_OWNER);
    assertThat(strangers).isNotNull();
  }

  @Test
  void another_tenants_private_image_as_replacement_answers_as_an_unknown_id() {
    ImageRecord mine = world.activeSystemDiskImage("web v1");
    world.sources.putServer(dev.imago.spi.ServerFacts.builder()
        .id(dev.imago.spi.ServerId.of("srv-globex")).owner(GLOBEX).region(World.NORTH)
        .machine(World.MACHINE).build());
    ImageRecord theirs = world.activeImage(globex(), ImageSpec.builder().name("theirs")
        .type(ImageType.SYSTEM_DISK).source(SourceRef.server(dev.imago.spi.ServerId.of(
            "srv-globex"))).build());
    ImageId unknown = ImageId.of("img-unknown");

    String toTheirs = refusalOf(mine, theirs.id()).replace(theirs.id().value(), "X");
    String toUnknown = refusalOf(mine, unknown).replace(unknown.value(), "X");

    assertThat(toTheirs).isEqualTo(toUnknown).contains("DEPRECATE_REPLACEMENT");
  }

  private String refusalOf(ImageRecord image, ImageId replacement) {
    return catchThrowableOfType(ImagePolicyException.class, () -> images.deprecate(acme(),
        image.id(), Deprecation.builder().deprecatedAt(DEPRECATED_AT).replacement(replacement)
            .build())).getMessage();
  }

  @Test
  void a_replacement_another_host_retires_meanwhile_towards_this_image_is_refused_on_retry() {
    ImageRecord first = world.activeSystemDiskImage("web v1");
    ImageRecord second = world.activeSystemDiskImage("web v2");
    ImageService otherHost = world.anotherHost();
    AtomicBoolean raced = new AtomicBoolean();
    // Just before this host saves "first replaced by second", the other host commits "second
    // replaced by first": the save finds second changed, and the retry sees the cycle.
    ImageService racing = world.serviceWith(builder -> builder.clock(clock)
        .store(new ForwardingImageStore(world.memoryStore) {
          @Override
          public void save(ImageChange change) {
            if (change.record().id().equals(first.id()) && raced.compareAndSet(false, true)) {
              otherHost.deprecate(acme(), second.id(), Deprecation.builder()
                  .deprecatedAt(DEPRECATED_AT.plusSeconds(60)).replacement(first.id()).build());
            }
            super.save(change);
          }
        }));

    ImagePolicyException refused = catchThrowableOfType(ImagePolicyException.class,
        () -> racing.deprecate(acme(), first.id(), Deprecation.builder()
            .deprecatedAt(DEPRECATED_AT).replacement(second.id()).build()));

    assertThat(raced).isTrue();
    assertThat(refused.decision().codes()).containsExactly(RuleCode.DEPRECATE_REPLACEMENT);
    assertThat(images.get(acme(), first.id()).deprecation()).isEmpty();
  }

  private long lastSequence() {
    List<StoredEvent> events = images.events(0, 1000);
    return events.isEmpty() ? 0 : events.get(events.size() - 1).sequence();
  }

  /** A clock the test moves. */
  private static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant start) {
      this.now = start;
    }

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
