package dev.imago.store.memory.service;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.imago.spi.ImageChange;
import dev.imago.spi.ImageStore;
import dev.imago.store.memory.InMemoryImageStore;
import dev.imago.testkit.ForwardingImageStore;
import dev.imago.testkit.TwoHostsTrial;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Two services over one memory store at once keep the quota, the member limit and the event log,
 * as two processes over one database do (the PostgreSQL store runs the same trial).
 */
class TwoHostsTest {
  @Test
  void two_services_over_one_store_keep_the_limits_and_the_log() {
    for (long seed = 1; seed <= 5; seed++) {
      InMemoryImageStore store = new InMemoryImageStore();
      TwoHostsTrial.run(store, store, seed, TwoHostsTrial.DEFAULT_ROUNDS);
    }
  }

  @Test
  void a_store_that_forgets_the_owned_limit_fails_the_trial() {
    // Drops the quota condition, as a store that checks it outside the save would, and takes a
    // millisecond to save, as a database does, so that the hosts' creates overlap.
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> {
          for (long seed = 1; seed <= 20; seed++) {
            ImageStore forgetful = new ForwardingImageStore(new InMemoryImageStore()) {
              @Override
              public void save(ImageChange change) {
                pause();
                super.save(ImageChange.builder().from(change)
                    .ownedLimit(OptionalLong.empty()).build());
              }
            };
            TwoHostsTrial.run(forgetful, forgetful, seed, TwoHostsTrial.DEFAULT_ROUNDS);
          }
        })
        .withMessageContaining("quota");
  }

  private static void pause() {
    try {
      Thread.sleep(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
