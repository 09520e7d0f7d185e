package dev.imago.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The SPI's one definition of listing: the order of {@link ImageSort}, the cursors of {@link
 * PageCursor}, the listed set of {@link ImageQuery#matches} and {@link Listings#page}.
 */
class ListingDefinitionsTest {
  private static final TenantId ALICE = TenantId.of("alice");
  private static final TenantId BOB = TenantId.of("bob");
  private static final RegionId REGION = RegionId.of("cn-north-4");
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  // ------------------------------------------------------------------------------ order

  @Test
  void names_compare_in_code_point_order_not_utf16_order() {
    String emoji = new String(Character.toChars(0x1F600));
    String privateUse = "\uE000";

    assertThat(emoji.compareTo(privateUse)).as("UTF-16 order").isNegative();
    assertThat(ImageSort.compareNames(emoji, privateUse)).as("code point order").isPositive();
    assertThat(ImageSort.compareNames("ab", "abc")).isNegative();
    assertThat(ImageSort.compareNames("abc", "abc")).isZero();
  }

  @Test
  void name_order_equals_the_order_of_code_point_sequences() {
    Gen<String> texts = lists().of(integers().from(0).upTo(6)).ofSizeBetween(0, 5).map(picks -> {
      int[] alphabet = {'a', 'z', 0xD7FF, 0xE000, 0xFFFD, 0x10000, 0x1F600};
      StringBuilder text = new StringBuilder();
      picks.forEach(pick -> text.appendCodePoint(alphabet[pick]));
      return text.toString();
    });
    qt().forAll(texts, texts).checkAssert((left, right) ->
        assertThat(Integer.signum(ImageSort.compareNames(left, right)))
            .as("%s vs %s", left, right)
            .isEqualTo(Integer.signum(java.util.Arrays.compare(
                left.codePoints().toArray(), right.codePoints().toArray()))));
  }

  @Test
  void newest_first_is_the_exact_reverse_of_oldest_first_ties_included() {
    ListingKey a = ListingKey.of(T0, "same", ImageId.of("a"));
    ListingKey b = ListingKey.of(T0, "same", ImageId.of("b"));
    ListingKey later = ListingKey.of(T0.plusNanos(1), "same", ImageId.of("0"));

    assertThat(ImageSort.OLDEST_FIRST.compare(a, b)).isNegative();
    assertThat(ImageSort.NEWEST_FIRST.compare(a, b)).isPositive();
    assertThat(ImageSort.OLDEST_FIRST.compare(later, b)).isPositive();
    assertThat(ImageSort.NEWEST_FIRST.compare(later, b)).isNegative();
    assertThat(ImageSort.NAME.compare(a, b)).isNegative();
    assertThat(ImageSort.NAME.compare(a, a)).isZero();
  }

  // ---------------------------------------------------------------------------- cursors

  @Test
  void a_cursor_continues_its_own_query_after_the_image_it_names() {
    ImageQuery query = ImageQuery.builder().viewer(ALICE).region(REGION).sort(ImageSort.NAME)
        .build();
    ImageRecord last = image("a1", ALICE).name("web \u4E2D\u6587 " + new String(
        Character.toChars(0x20000))).createdAt(T0.plusNanos(123)).updatedAt(T0.plusSeconds(1))
        .build();

    String cursor = PageCursor.encode(query, last);
    Optional<ListingKey> key =
        PageCursor.decode(query.withCursor(cursor));

    assertThat(key).contains(ListingKey.of(last));
    assertThat(PageCursor.decode(query)).isEmpty();
  }

  @Test
  void a_cursor_of_another_viewer_or_another_query_is_rejected_as_INPUT_PAGE() {
    ImageQuery query = ImageQuery.builder().viewer(ALICE).region(REGION).build();
    String cursor = PageCursor.encode(query, image("a1", ALICE).build());

    for (ImageQuery other : List.of(
        query.withViewer(BOB),
        query.withPageSize(10),
        query.withSort(ImageSort.OLDEST_FIRST),
        query.withTypes(EnumSet.of(ImageType.ISO)),
        query.withNamePrefix("web"))) {
      assertRejectedCursor(other.withCursor(cursor));
    }
  }

  @Test
  void a_forged_cursor_with_out_of_range_fields_is_rejected_as_INPUT_PAGE() {
    ImageQuery query = ImageQuery.builder().viewer(ALICE).region(REGION).build();
    long fingerprint = ByteBuffer.wrap(Base64.getUrlDecoder().decode(
        PageCursor.encode(query, image("a1", ALICE).build()))).getLong(1);
    List<String> forged = new ArrayList<>();
    forged.add(forge(fingerprint, Long.MIN_VALUE, 0, "name", "a1"));
    forged.add(forge(fingerprint, Long.MAX_VALUE, 0, "name", "a1"));
    forged.add(forge(fingerprint, 0, -1, "name", "a1"));
    forged.add(forge(fingerprint, 0, 1_000_000_000, "name", "a1"));
    forged.add(forge(fingerprint, 0, 0, "", "a1"));
    forged.add(forge(fingerprint, 0, 0, "name", "not an id"));
    forged.add(forge(fingerprint, 0, 0, "bad/name", "a1"));
    forged.add("!!!");
    forged.add(Base64.getUrlEncoder().encodeToString(new byte[] {3, 1, 2}));

    for (String cursor : forged) {
      assertRejectedCursor(query.withCursor(cursor));
    }
    assertThat(PageCursor.decode(query
        .withCursor(forge(fingerprint, 0, 0, "name", "a1"))))
        .as("the same layout with fields in range").isPresent();
  }

  // ------------------------------------------------------------------- the listed set

  @Test
  void a_query_lists_own_public_market_and_accepted_shares_of_its_region_only() {
    ImageQuery query = ImageQuery.builder().viewer(ALICE).region(REGION).build();

    assertThat(query.matches(image("own", ALICE).build())).isTrue();
    assertThat(query.matches(image("pub", ALICE).imageClass(ImageClass.PUBLIC)
        .owner(Optional.empty()).build())).isTrue();
    assertThat(query.matches(image("market", BOB).imageClass(ImageClass.MARKET)
        .listing(MarketListing.free(T0)).build())).isTrue();
    assertThat(query.matches(sharedWithAlice(MembershipStatus.ACCEPTED))).isTrue();
    assertThat(query.matches(sharedWithAlice(MembershipStatus.PENDING))).isFalse();
    assertThat(query.matches(image("bobs", BOB).build())).isFalse();
    assertThat(query.matches(image("deleted", ALICE).status(ImageStatus.DELETED).build()))
        .isFalse();
    assertThat(query.matches(image("far", ALICE).region(RegionId.of("cn-east-3")).build()))
        .isFalse();
    assertThat(query
        .withMembership(EnumSet.of(MembershipStatus.PENDING))
        .matches(sharedWithAlice(MembershipStatus.PENDING))).isTrue();
  }

  @Test
  void a_query_lists_only_what_passes_each_filter() {
    ImageRecord image = image("a1", ALICE).name("web 1").putTags("env", "prod").build();
    ImageQuery query = ImageQuery.builder().viewer(ALICE).region(REGION).build();

    assertThat(query.withNamePrefix("web").matches(image)).isTrue();
    assertThat(query.withNamePrefix("db").matches(image)).isFalse();
    assertThat(query.withTagKey("env").matches(image)).isTrue();
    assertThat(query.withTagKey("env").withTagValue("dev")
        .matches(image)).isFalse();
    assertThat(query.withTypes(EnumSet.of(ImageType.ISO))
        .matches(image)).isFalse();
    assertThat(query.withStatuses(EnumSet.of(ImageStatus.ACTIVE))
        .matches(image)).isTrue();
    assertThat(query.withOsType(OsType.WINDOWS).matches(image))
        .isFalse();
    assertThat(query.withPlatform(Platform.UBUNTU).matches(image))
        .isTrue();
  }

  @Test
  void pages_by_scanning_walk_every_listed_image_once_in_order() {
    List<ImageRecord> records = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      records.add(image("a" + i, ALICE).name("n" + (i % 7))
          .createdAt(T0.plusSeconds(i % 4)).updatedAt(T0.plusSeconds(9)).build());
    }
    records.add(image("bobs", BOB).build());
    for (ImageSort sort : ImageSort.values()) {
      ImageQuery query = ImageQuery.builder().viewer(ALICE).region(REGION).sort(sort)
          .pageSize(4).build();
      List<ImageRecord> walked = new ArrayList<>();
      Page<ImageRecord> page = Listings.page(query, records);
      walked.addAll(page.items());
      while (page.nextCursor().isPresent()) {
        page = Listings.page(query.withCursor(page.nextCursor()),
            records);
        walked.addAll(page.items());
      }
      List<ImageRecord> expected = new ArrayList<>(records.subList(0, 25));
      expected.sort(sort.comparator());
      assertThat(walked).as("a walk in %s order", sort).containsExactlyElementsOf(expected);
    }
  }

  // ----------------------------------------------------------------------------- helpers

  private static void assertRejectedCursor(ImageQuery query) {
    assertThatExceptionOfType(InputException.class)
        .as("cursor %s", query.cursor())
        .isThrownBy(() -> PageCursor.decode(query))
        .satisfies(problem -> {
          assertThat(problem.field()).isEqualTo("cursor");
          assertThat(problem.code()).isEqualTo(RuleCode.INPUT_PAGE);
        });
  }

  private static String forge(long fingerprint, long second, int nano, String name, String id) {
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
    ByteBuffer out = ByteBuffer.allocate(1 + 8 + 8 + 4 + 4 + nameBytes.length + 4 + idBytes.length);
    out.put((byte) 3).putLong(fingerprint).putLong(second).putInt(nano)
        .putInt(nameBytes.length).put(nameBytes).putInt(idBytes.length).put(idBytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(out.array());
  }

  private static ImageRecord sharedWithAlice(MembershipStatus status) {
    return image("shared-" + status, BOB).putMembers(ALICE, Membership.builder().tenant(ALICE)
        .status(status).createdAt(T0).updatedAt(T0).build()).build();
  }

  private static ImageRecord.Builder image(String id, TenantId owner) {
    return BadInputTest.validRecord().id(ImageId.of(id)).owner(owner);
  }
}
