package dev.imago.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imago.spi.ImageRecord;
import dev.imago.spi.TenantId;
import dev.imago.store.memory.InMemoryImageStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL listing benchmark's set-up, on a small population: COPY loads exactly what the
 * store saves, and Imago's listing and the Glance-shaped query answer every viewer's first and
 * deep pages with the same images as the memory store.
 */
class PgListingTest {
  private static PgListingData data;

  @BeforeAll
  static void load() throws Exception {
    data = PgListingData.of(4000);
  }

  @Test
  void copied_rows_load_as_the_records_of_the_population() {
    List<ImageRecord> mismatched = new ArrayList<>();
    data.pg.population.forEachImage(image -> {
      if (!data.pg.store.load(image.id()).orElseThrow().equals(image)) {
        mismatched.add(image);
      }
    });
    assertThat(mismatched).isEmpty();
  }

  @Test
  void owned_counts_are_those_of_the_memory_store() {
    InMemoryImageStore memory = data.pg.population.store();
    for (TenantId viewer : data.viewers) {
      var region = Population.regionOf(Population.tenantIndex(viewer));
      assertThat(data.pg.store.countOwned(viewer, region)).as("%s's count", viewer)
          .isEqualTo(memory.countOwned(viewer, region));
    }
  }

  @Test
  void imago_and_glance_list_the_same_first_and_deep_pages() throws Exception {
    data.assertSameAnswers(false);
    data.assertSameAnswers(true);
  }

  @Test
  void imago_lists_the_same_pages_as_the_memory_store() {
    InMemoryImageStore memory = data.pg.population.store();
    for (TenantId viewer : data.viewers) {
      for (boolean deep : List.of(false, true)) {
        var query = data.prepare(viewer, deep).query();
        assertThat(data.pg.store.listVisible(query)).as("%s's %s page", viewer, deep)
            .isEqualTo(memory.listVisible(query));
      }
    }
  }
}
