package dev.imago.store.memory;

import static dev.imago.store.memory.TestImages.event;
import static dev.imago.store.memory.TestImages.privateImage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imago.spi.ImageChange;
import dev.imago.spi.ImageQuery;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageSort;
import dev.imago.spi.StoredEvent;
import dev.imago.spi.TenantId;
import dev.imago.spi.VersionConflictException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConcurrentAccessTest {
  private static final TenantId ALICE = TenantId.of("alice");

  private final InMemoryImageStore store = new InMemoryImageStore();
  private final ExecutorService threads = Executors.newFixedThreadPool(4);

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  @Test
  void of_two_racing_saves_with_the_same_expected_version_exactly_one_wins() throws Exception {
    for (int round = 0; round < 200; round++) {
      ImageRecord image = privateImage("race-" + round, ALICE);
      store.save(ImageChange.of(image, 0, List.of()));
      CyclicBarrier start = new CyclicBarrier(2);
      List<Future<Boolean>> racers = new ArrayList<>();
      for (String name : List.of("left", "right")) {
        ImageRecord next = image.withName(name).withVersion(2);
        racers.add(threads.submit(() -> {
          start.await();
          try {
            store.save(ImageChange.of(next, 1, List.of(event(image.id(), name))));
            return true;
          } catch (VersionConflictException lost) {
            return false;
          }
        }));
      }

      int wins = 0;
      for (Future<Boolean> racer : racers) {
        wins += racer.get() ? 1 : 0;
      }
      assertThat(wins).as("winners of round %d", round).isEqualTo(1);
      String winner = store.load(image.id()).orElseThrow().name();
      List<StoredEvent> log = store.events(round, 10);
      assertThat(log).as("events of round %d", round).hasSize(1);
      assertThat(log.get(0).event().details()).as("the winner's event").containsEntry("n", winner);
    }
  }

  @Test
  void concurrent_saves_keep_one_gapless_log_with_each_saves_events_together() throws Exception {
    int writers = 4;
    int savesEach = 250;
    List<Callable<Void>> work = new ArrayList<>();
    for (int writer = 0; writer < writers; writer++) {
      String prefix = "w" + writer + "-";
      work.add(() -> {
        for (int i = 0; i < savesEach; i++) {
          ImageRecord image = privateImage(prefix + i, ALICE);
          store.save(ImageChange.of(image, 0,
              List.of(event(image.id(), "1"), event(image.id(), "2"), event(image.id(), "3"))));
        }
        return null;
      });
    }
    for (Future<Void> done : threads.invokeAll(work)) {
      done.get();
    }

    List<StoredEvent> log = store.events(0, Integer.MAX_VALUE);
    assertThat(log).extracting(StoredEvent::sequence)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, writers * savesEach * 3L)
            .boxed().toList());
    for (int i = 0; i < log.size(); i += 3) {
      List<StoredEvent> save = log.subList(i, i + 3);
      assertThat(save).extracting(stored -> stored.event().image()).as("events of one save")
          .containsOnly(save.get(0).event().image());
      assertThat(save).extracting(stored -> stored.event().details().get("n"))
          .containsExactly("1", "2", "3");
    }
    assertThat(store.countOwned(ALICE, TestImages.REGION)).isEqualTo(writers * savesEach);
  }

  @Test
  void readers_never_see_half_of_a_rename() throws Exception {
    ImageRecord image = privateImage("renamed", ALICE);
    store.save(ImageChange.of(image, 0, List.of()));
    AtomicBoolean writing = new AtomicBoolean(true);
    Future<Void> writer = threads.submit(() -> {
      ImageRecord current = image;
      for (int i = 0; i < 5_000; i++) {
        ImageRecord next =
            current.withName("name " + (i % 7)).withVersion(current.version() + 1);
        store.save(ImageChange.of(next, current.version(), List.of()));
        current = next;
      }
      writing.set(false);
      return null;
    });
    ImageQuery byName = ImageQuery.builder().viewer(ALICE).region(TestImages.REGION)
        .sort(ImageSort.NAME).build();

    int reads = 0;
    while (writing.get() || reads == 0) {
      assertThat(store.listVisible(byName).items()).as("a listing during renames").hasSize(1);
      reads++;
    }
    writer.get();
  }
}
