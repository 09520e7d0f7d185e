package dev.imago.store.memory.service;

import static dev.imago.store.memory.service.World.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imago.core.ImageNotFoundException;
import dev.imago.core.ImageService;
import dev.imago.core.ImagePolicyException;
import dev.imago.core.policy.ImageSpec;
import dev.imago.core.policy.PolicySettings;
import dev.imago.core.policy.SourceRef;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageType;
import dev.imago.spi.MembershipStatus;
import dev.imago.spi.ServerFacts;
import dev.imago.spi.ServerId;
import dev.imago.spi.TenantId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Limits and memberships hold when several threads act on one image or one owner at once. */
class ConcurrencyTest {
  private static final int THREADS = 8;

  @Test
  void concurrent_share_accept_revoke_never_pass_the_member_limit_nor_lose_a_membership()
      throws Exception {
    int limit = 12;
    World world = new World(PolicySettings.builder().defaultMaxMembers(limit).build());
    ImageId image = world.activeSystemDiskImage("contended").id();
    // Each thread owns three tenants, so the last successful step of each tenant is known.
    List<List<TenantId>> owned = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      List<TenantId> mine = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        mine.add(world.addTenant("t" + t + "-" + i, NORTH));
      }
      owned.add(mine);
    }
    AtomicInteger observedOverLimit = new AtomicInteger();
    List<Callable<Map<TenantId, MembershipStatus>>> workers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      List<TenantId> mine = owned.get(t);
      long seed = t;
      workers.add(() -> {
        Random random = new Random(seed);
        Map<TenantId, MembershipStatus> expected = new HashMap<>();
        for (int step = 0; step < 150; step++) {
          TenantId tenant = mine.get(random.nextInt(mine.size()));
          try {
            switch (random.nextInt(3)) {
              case 0 -> {
                if (world.images.share(acme(), image, List.of(tenant)).added().contains(tenant)) {
                  expected.put(tenant, MembershipStatus.PENDING);
                }
              }
              case 1 -> {
                world.images.accept(dev.imago.core.Caller.tenant(tenant), image);
                expected.put(tenant, MembershipStatus.ACCEPTED);
              }
              default -> {
                world.images.revoke(acme(), image, tenant);
                expected.remove(tenant);
              }
            }
          } catch (ImagePolicyException | ImageNotFoundException denied) {
            // Denied steps change nothing: full image, not a member, not yet shared.
          }
          if (world.images.listMembers(acme(), image).size() > limit) {
            observedOverLimit.incrementAndGet();
          }
        }
        return expected;
      });
    }
    Map<TenantId, MembershipStatus> expected = new HashMap<>();
    for (Future<Map<TenantId, MembershipStatus>> done : runAll(workers)) {
      expected.putAll(done.get());
    }

    Map<TenantId, MembershipStatus> actual = new HashMap<>();
    world.images.listMembers(acme(), image)
        .forEach(member -> actual.put(member.tenant(), member.status()));
    assertThat(observedOverLimit.get()).isZero();
    assertThat(actual).hasSizeLessThanOrEqualTo(limit).isEqualTo(expected);
  }

  @Test
  void concurrent_creates_never_pass_the_quota() throws Exception {
    int quota = 5;
    World world = new World(PolicySettings.builder().maxPrivateImagesPerRegion(quota).build());
    AtomicInteger created = new AtomicInteger();
    List<Callable<Map<TenantId, MembershipStatus>>> workers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      workers.add(() -> {
        for (int i = 0; i < 3; i++) {
          try {
            world.images.createImage(acme(), ImageSpec.builder().name("image " + thread + i)
                .type(ImageType.SYSTEM_DISK).source(SourceRef.server(SERVER)).build());
            created.incrementAndGet();
          } catch (ImagePolicyException quotaReached) {
            assertThat(quotaReached.decision().codes())
                .containsExactly(dev.imago.spi.RuleCode.CREATE_QUOTA);
          }
        }
        return Map.of();
      });
    }
    for (Future<?> done : runAll(workers)) {
      done.get();
    }
    assertThat(created.get()).isEqualTo(quota);
    assertThat(world.memoryStore.countOwned(ACME, NORTH)).isEqualTo(quota);
  }

  @Test
  void two_hosts_over_one_store_never_pass_the_quota_with_creates_and_racing_replicas()
      throws Exception {
    int quota = 5;
    World world = new World(PolicySettings.builder().maxPrivateImagesPerRegion(quota).build());
    ImageService[] hosts = {world.images, world.anotherHost()};
    ServerId southServer = ServerId.of("srv-south-1");
    world.sources.putServer(ServerFacts.builder().id(southServer).owner(ACME_SOUTH).region(SOUTH)
        .machine(MACHINE).build());
    List<ImageId> southImages = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      southImages.add(world.activeImage(acmeSouth(), ImageSpec.builder().name("south " + i)
          .type(ImageType.SYSTEM_DISK).source(SourceRef.server(southServer)).build()).id());
    }
    AtomicInteger placed = new AtomicInteger();
    List<Callable<Object>> workers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      ImageService host = hosts[t % hosts.length];
      workers.add(() -> {
        for (int i = 0; i < 3; i++) {
          try {
            if ((thread + i) % 3 == 0) {
              // A replica of acme-south's image lands in acme-north's quota in the north.
              host.replicate(acmeSouth(), southImages.get(i), NORTH);
            } else {
              host.createImage(acme(), ImageSpec.builder().name("image " + thread + i)
                  .type(ImageType.SYSTEM_DISK).source(SourceRef.server(SERVER)).build());
            }
            placed.incrementAndGet();
          } catch (ImagePolicyException quotaReached) {
            assertThat(quotaReached.decision().codes())
                .containsExactly(dev.imago.spi.RuleCode.CREATE_QUOTA);
          }
        }
        return null;
      });
    }
    for (Future<?> done : runAll(workers)) {
      done.get();
    }
    assertThat(placed.get()).as("images created or replicated into acme-north's quota")
        .isEqualTo(quota);
    assertThat(world.memoryStore.countOwned(ACME, NORTH)).isEqualTo(quota);
  }

  private static <T> List<Future<T>> runAll(List<Callable<T>> workers) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<T>> futures = pool.invokeAll(workers);
      pool.shutdown();
      assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
      return futures;
    } finally {
      pool.shutdownNow();
    }
  }

}
