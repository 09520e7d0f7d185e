package dev.imago.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A change to save checks itself, so that no store has to. */
class ImageChangeTest {
  private static final ImageRecord VERSION_2 = BadInputTest.validRecord().version(2).build();

  @Test
  void record_version_must_be_one_more_than_the_expected_version() {
    for (long expected : List.of(0L, 2L, 5L)) {
      assertThatExceptionOfType(InputException.class)
          .as("a change of version 2 expecting version %d", expected)
          .isThrownBy(() -> ImageChange.of(VERSION_2, expected, List.of()))
          .satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("record.version");
            assertThat(problem.code()).isEqualTo(RuleCode.INPUT_VALUE);
          });
    }
    assertThat(ImageChange.of(VERSION_2, 1, List.of()).expectedVersion()).isEqualTo(1);
  }

  @Test
  void a_change_cannot_rely_on_the_version_of_its_own_image() {
    assertThatExceptionOfType(InputException.class)
        .isThrownBy(() -> ImageChange.builder().record(VERSION_2).expectedVersion(1)
            .putUnchangedImages(VERSION_2.id(), 1L).build())
        .satisfies(problem -> assertThat(problem.field()).isEqualTo("unchangedImages"));
  }

  @Test
  void limits_and_versions_are_never_negative() {
    assertThatExceptionOfType(InputException.class)
        .isThrownBy(() -> ImageChange.builder().record(VERSION_2).expectedVersion(1)
            .ownedLimit(-1).build())
        .satisfies(problem -> assertThat(problem.field()).isEqualTo("ownedLimit"));
    assertThatExceptionOfType(InputException.class)
        .isThrownBy(() -> ImageChange.builder().record(VERSION_2).expectedVersion(1)
            .putUnchangedImages(ImageId.of("other"), -1L).build())
        .satisfies(problem -> assertThat(problem.field()).isEqualTo("unchangedImages[other]"));
  }
}
