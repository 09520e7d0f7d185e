package dev.imago.store.memory;

import static dev.imago.store.memory.TestImages.privateImage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imago.spi.ImageQuery;
import dev.imago.spi.TenantId;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndexedListingTest {
  @Test
  void a_page_costs_the_same_among_a_hundred_thousand_images_of_other_tenants() {
    InMemoryImageStore store = new InMemoryImageStore();
    for (int i = 0; i < 100_000; i++) {
      store.save(privateImage("other-" + i, TenantId.of("tenant-" + (i % 1_000))), 0, List.of());
    }
    TenantId viewer = TenantId.of("viewer");
    for (int i = 0; i < 20; i++) {
      store.save(privateImage("mine-" + i, viewer), 0, List.of());
    }
    ImageQuery query = ImageQuery.builder().viewer(viewer).region(TestImages.REGION)
        .pageSize(10).build();
    for (int i = 0; i < 200; i++) {
      store.listVisible(query);
    }

    long start = System.nanoTime();
    for (int i = 0; i < 1_000; i++) {
      assertThat(store.listVisible(query).items()).hasSize(10);
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

    // A scan would read 10^8 records here; the index reads about 10^4.
    assertThat(elapsed).as("1000 first pages").isLessThan(Duration.ofMillis(500));
    assertThat(store.countOwned(viewer, TestImages.REGION)).isEqualTo(20);
  }
}
