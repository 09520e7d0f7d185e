package dev.imago.store.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imago.spi.DiskRole;
import dev.imago.spi.DiskSpec;
import dev.imago.spi.ImageClass;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageSource;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.ImageType;
import dev.imago.spi.RegionId;
import dev.imago.spi.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SortedChunksTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @ParameterizedTest(name = "byName={0}")
  @ValueSource(booleans = {false, true})
  void reads_like_a_sorted_set_after_random_adds_and_removes(boolean byName) {
    Random random = new Random(42);
    SortedChunks chunks = new SortedChunks(byName);
    NavigableSet<IndexedImage> expected = new TreeSet<>((a, b) -> SortKey.compare(byName, a, b));
    List<IndexedImage> present = new ArrayList<>();
    for (int step = 0; step < 20_000; step++) {
      // Mostly adds, in bursts of creation order as images arrive, so chunks fill and split.
      if (present.isEmpty() || random.nextInt(10) < 6) {
        IndexedImage image = image(step, random);
        chunks.add(image);
        expected.add(image);
        present.add(image);
      } else {
        IndexedImage gone = present.remove(random.nextInt(present.size()));
        assertThat(chunks.remove(gone)).as("the image removed").isSameAs(gone);
        expected.remove(gone);
      }
      if (step % 997 == 0) {
        assertReadsLike(expected, chunks, present, random);
      }
    }
    assertReadsLike(expected, chunks, present, random);
  }

  @ParameterizedTest(name = "byName={0}")
  @ValueSource(booleans = {false, true})
  void an_absent_key_is_neither_found_nor_removed(boolean byName) {
    SortedChunks chunks = new SortedChunks(byName);
    Random random = new Random(7);
    for (int i = 0; i < 200; i++) {
      chunks.add(image(i * 2, random));
    }
    IndexedImage absent = image(1, random);

    assertThat(chunks.find(absent)).as("found").isNull();
    assertThat(chunks.remove(absent)).as("removed").isNull();
    assertThat(chunks.size()).as("size").isEqualTo(200);
  }

  private static void assertReadsLike(NavigableSet<IndexedImage> expected, SortedChunks chunks,
      List<IndexedImage> present, Random random) {
    assertThat(chunks.size()).as("size").isEqualTo(expected.size());
    assertThat(read(chunks.ascending(null, true))).as("all, ascending")
        .containsExactlyElementsOf(expected);
    assertThat(read(chunks.descending(null))).as("all, descending")
        .containsExactlyElementsOf(expected.descendingSet());
    for (int i = 0; i < 20; i++) {
      // Keys of listed images, and of images never added, which fall between them.
      IndexedImage key = present.isEmpty() || random.nextBoolean()
          ? image(-1 - i, random) : present.get(random.nextInt(present.size()));
      assertThat(read(chunks.ascending(key, true))).as("from %s on", key.id)
          .containsExactlyElementsOf(expected.tailSet(key, true));
      assertThat(read(chunks.ascending(key, false))).as("after %s", key.id)
          .containsExactlyElementsOf(expected.tailSet(key, false));
      assertThat(read(chunks.descending(key))).as("before %s, backwards", key.id)
          .containsExactlyElementsOf(expected.headSet(key, false).descendingSet());
      assertThat(chunks.find(key)).as("found at %s", key.id)
          .isSameAs(expected.contains(key) ? key : null);
    }
  }

  private static List<IndexedImage> read(SortedChunks.Reader reader) {
    List<IndexedImage> images = new ArrayList<>();
    for (IndexedImage image = reader.current(); image != null; image = reader.current()) {
      images.add(image);
      reader.advance();
    }
    return images;
  }

  // Few distinct names and times, so that ties fall to the id.
  private static IndexedImage image(int number, Random random) {
    Instant createdAt = T0.plusSeconds(number / 3 + random.nextInt(3)).plusNanos(number % 2);
    return new IndexedImage(ImageRecord.builder()
        .id(ImageId.of("i" + number))
        .name("n" + random.nextInt(50))
        .imageClass(ImageClass.PRIVATE)
        .owner(TenantId.of("owner"))
        .type(ImageType.DATA_DISK)
        .source(ImageSource.DATA_DISK)
        .status(ImageStatus.ACTIVE)
        .region(RegionId.of("region"))
        .disks(List.of(DiskSpec.of(DiskRole.DATA, 10)))
        .minDiskGib(10)
        .createdAt(createdAt)
        .updatedAt(createdAt)
        .version(1)
        .build());
  }
}
