package dev.imago.store.memory.service;

import static dev.imago.store.memory.service.World.GLOBEX;
import static dev.imago.store.memory.service.World.acme;
import static dev.imago.store.memory.service.World.globex;
import static dev.imago.store.memory.service.World.serverRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.imago.core.ImageNotFoundException;
import dev.imago.core.ImagePolicyException;
import dev.imago.core.ImageService;
import dev.imago.core.policy.PolicySettings;
import dev.imago.spi.EventType;
import dev.imago.spi.ImageFilter;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.MembershipStatus;
import dev.imago.spi.RuleCode;
import dev.imago.spi.StoredEvent;
import dev.imago.testkit.ForwardingImageStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The recycle bin end to end on the memory store: RECYCLE_RETENTION and RECYCLE_RESTORE. */
class RecycleBinTest {
  private static final Instant START = Instant.parse("2026-11-28T08:00:00Z");
  private static final Duration RETENTION = Duration.ofDays(7);

  private final World world = new World(PolicySettings.builder()
      .maxPrivateImagesPerRegion(2).recycleRetention(RETENTION).build());
  private final MovableClock clock = new MovableClock(START);
  private final ImageService images = world.serviceWith(builder -> builder.clock(clock));

  private List<String> namesIn(Iterable<ImageRecord> records) {
    List<String> names = new ArrayList<>();
    records.forEach(record -> names.add(record.name()));
    return names;
  }

  @Test
  void a_deleted_image_waits_in_its_owners_bin_out_of_everyone_elses_sight_and_the_quota() {
    ImageRecord image = world.activeSystemDiskImage("web v1");
    images.share(acme(), image.id(), List.of(GLOBEX));
    images.accept(globex(), image.id());

    images.delete(acme(), image.id());

    assertThat(namesIn(images.listRecycleBin(acme(), 10).items())).containsExactly("web v1");
    assertThat(namesIn(images.listVisible(acme(), ImageFilter.all()).items())).isEmpty();
    assertThat(images.get(acme(), image.id()).status()).isEqualTo(ImageStatus.RECYCLED);
    assertThat(catchThrowableOfType(ImageNotFoundException.class,
        () -> images.get(globex(), image.id()))).isNotNull();
    assertThat(images.listSharedWithMe(globex(), Set.of(MembershipStatus.values()), 10).items())
        .isEmpty();
    ImagePolicyException use = catchThrowableOfType(ImagePolicyException.class,
        () -> images.authorizeUse(acme(), image.id(), serverRequest()));
    assertThat(use.decision().codes()).containsExactly(RuleCode.RECYCLE_RETENTION);
    // Out of the quota of 2: two new images fit beside the recycled one.
    world.activeSystemDiskImage("web v2");
    world.activeSystemDiskImage("web v3");
  }

  @Test
  void the_owner_restores_an_image_with_the_status_it_had_and_without_members() {
    ImageRecord image = world.activeSystemDiskImage("web v1");
    images.share(acme(), image.id(), List.of(GLOBEX));
    images.deactivate(acme(), image.id());
    images.delete(acme(), image.id());
    clock.set(START.plus(RETENTION).minusNanos(1));

    ImageRecord restored = images.restore(acme(), image.id());

    assertThat(restored.status()).isEqualTo(ImageStatus.DEACTIVATED);
    assertThat(restored.members()).isEmpty();
    assertThat(restored.recycling()).isEmpty();
    assertThat(images.listRecycleBin(acme(), 10).items()).isEmpty();
    assertThat(eventTypes()).containsSubsequence(EventType.MEMBER_REMOVED, EventType.RECYCLED,
        EventType.RESTORED);
  }

  @Test
  void an_image_is_not_restored_once_its_retention_ended_nor_without_quota_room() {
    ImageRecord first = world.activeSystemDiskImage("web v1");
    images.delete(acme(), first.id());
    world.activeSystemDiskImage("web v2");
    world.activeSystemDiskImage("web v3");

    ImagePolicyException full = catchThrowableOfType(ImagePolicyException.class,
        () -> images.restore(acme(), first.id()));
    clock.set(START.plus(RETENTION));
    ImagePolicyException late = catchThrowableOfType(ImagePolicyException.class,
        () -> images.restore(acme(), first.id()));

    assertThat(full.decision().codes()).containsExactly(RuleCode.CREATE_QUOTA);
    assertThat(late.decision().codes()).contains(RuleCode.RECYCLE_RESTORE);
    assertThat(images.get(acme(), first.id()).status()).isEqualTo(ImageStatus.RECYCLED);
  }

  @Test
  void a_purge_deletes_what_has_expired_in_bounded_idempotent_steps() {
    ImageRecord first = world.activeSystemDiskImage("web v1");
    ImageRecord second = world.activeSystemDiskImage("web v2");
    images.delete(acme(), first.id());
    clock.set(START.plusSeconds(60));
    images.delete(acme(), second.id());

    clock.set(START.plus(RETENTION).minusNanos(1));
    assertThat(images.purgeExpired(10)).as("before any retention ends").isZero();
    clock.set(START.plus(RETENTION).plusSeconds(60));
    assertThat(images.purgeExpired(1)).as("one at most").isEqualTo(1);
    assertThat(images.get(acme(), second.id()).status()).isEqualTo(ImageStatus.RECYCLED);
    assertThat(images.purgeExpired(10)).as("the rest").isEqualTo(1);
    assertThat(images.purgeExpired(10)).as("again").isZero();

    assertThat(catchThrowableOfType(ImageNotFoundException.class,
        () -> images.get(acme(), first.id()))).isNotNull();
    assertThat(eventTypes().stream().filter(EventType.PURGED::equals)).hasSize(2);
    assertThat(images.listRecycleBin(acme(), 10).items()).isEmpty();
  }

  @Test
  void a_purge_leaves_alone_an_image_another_host_restores_meanwhile() {
    ImageRecord image = world.activeSystemDiskImage("web v1");
    images.delete(acme(), image.id());
    clock.set(START.plus(RETENTION).minusNanos(1));
    ImageService otherHost = world.serviceWith(builder -> builder.clock(clock));
    AtomicBoolean restored = new AtomicBoolean();
    // The purge lists the image as expired by the time it runs; just then the owner restores it
    // on another host, a nanosecond before its retention ends.
    ImageService purger = world.serviceWith(builder -> builder
        .clock(Clock.fixed(START.plus(RETENTION), ZoneOffset.UTC))
        .store(new ForwardingImageStore(world.memoryStore) {
          @Override
          public List<ImageRecord> listExpired(Instant purgeBy, int limit) {
            List<ImageRecord> expired = super.listExpired(purgeBy, limit);
            if (restored.compareAndSet(false, true)) {
              otherHost.restore(acme(), image.id());
            }
            return expired;
          }
        }));

    assertThat(purger.purgeExpired(10)).isZero();
    assertThat(images.get(acme(), image.id()).status()).isEqualTo(ImageStatus.ACTIVE);
  }

  @Test
  void two_hosts_purging_at_once_purge_each_image_once() throws Exception {
    for (int i = 0; i < 20; i++) {
      images.delete(acme(), world.activeSystemDiskImage("web " + i).id());
    }
    clock.set(START.plus(RETENTION));
    ImageService otherHost = world.serviceWith(builder -> builder.clock(clock));

    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Integer> one = pool.submit(() -> drain(images));
      Future<Integer> two = pool.submit(() -> drain(otherHost));
      assertThat(one.get() + two.get()).isEqualTo(20);
    } finally {
      pool.shutdown();
    }
    assertThat(eventTypes().stream().filter(EventType.PURGED::equals)).hasSize(20);
  }

  private static int drain(ImageService host) {
    int purged = 0;
    for (int step = 0; step < 40; step++) {
      purged += host.purgeExpired(3);
    }
    return purged;
  }

  private List<EventType> eventTypes() {
    return images.events(0, 10_000).stream().map(StoredEvent::event)
        .map(event -> event.type()).toList();
  }
}
