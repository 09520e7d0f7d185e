package dev.imago.store.jdbc;

import static dev.imago.store.jdbc.Images.ALICE;
import static dev.imago.store.jdbc.Images.BOB;
import static dev.imago.store.jdbc.Images.REGION;
import static dev.imago.store.jdbc.Images.T0;
import static dev.imago.store.jdbc.Images.privateImage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imago.spi.Deprecation;
import dev.imago.spi.ImageChange;
import dev.imago.spi.ImageClass;
import dev.imago.spi.ImageQuery;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageSort;
import dev.imago.spi.MarketListing;
import dev.imago.spi.Membership;
import dev.imago.spi.MembershipStatus;
import dev.imago.spi.Page;
import dev.imago.spi.TenantId;
import dev.imago.spi.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Deprecated images leave the listings of everyone but their owner from their deprecation time
 * on (rule {@code USE_DEPRECATED}), in every branch of the listing's union (public, market,
 * shared by each membership status), exactly as {@link ImageQuery#matches} says, to the
 * nanosecond and across pages.
 */
class DeprecationListingTest {
  private static final TenantId CAROL = TenantId.of("carol");
  private static final Instant DEPRECATED = T0.plusSeconds(86_400).plusNanos(123_456_789);
  private static final Instant LONG_AFTER = DEPRECATED.plus(Duration.ofDays(3650));
  private static final Set<MembershipStatus> EVERY_STATUS = EnumSet.allOf(MembershipStatus.class);

  private JdbcImageStore store;
  private final List<ImageRecord> saved = new ArrayList<>();

  @BeforeEach
  void emptyStore() {
    store = TestSchemas.emptyStore("deprecation_listing");
  }

  /** Alice's view: one deprecated image for each reason she sees it, and one of each kept. */
  private void aliceSeesEveryKind() {
    int minute = 0;
    for (boolean deprecated : List.of(true, false)) {
      String suffix = deprecated ? "-deprecated" : "-kept";
      Function<ImageRecord.Builder, ImageRecord.Builder> retire =
          image -> deprecated ? image.deprecation(Deprecation.at(DEPRECATED)) : image;
      save(retire.apply(privateImage("own" + suffix, ALICE)), ++minute);
      save(retire.apply(market("own-market" + suffix, ALICE)), ++minute);
      save(retire.apply(publicImage("public" + suffix)), ++minute);
      save(retire.apply(market("market" + suffix, BOB)), ++minute);
      for (MembershipStatus status : MembershipStatus.values()) {
        save(retire.apply(sharedWith("shared-" + status + suffix, BOB, ALICE, status)), ++minute);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(ImageSort.class)
  void others_deprecated_images_leave_the_listing_at_their_deprecation_time_to_the_nanosecond(
      ImageSort sort) {
    aliceSeesEveryKind();
    List<String> kept = List.of("own-deprecated", "own-market-deprecated", "own-kept",
        "own-market-kept", "public-kept", "market-kept", "shared-PENDING-kept",
        "shared-ACCEPTED-kept", "shared-REJECTED-kept");
    List<String> everything = new ArrayList<>(kept);
    everything.addAll(List.of("public-deprecated", "market-deprecated",
        "shared-PENDING-deprecated", "shared-ACCEPTED-deprecated", "shared-REJECTED-deprecated"));

    assertThat(listed(alice(sort).asOf(DEPRECATED.minusNanos(1))))
        .as("a nanosecond before").containsExactlyInAnyOrderElementsOf(everything);
    assertThat(listed(alice(sort).asOf(DEPRECATED)))
        .as("at the deprecation time").containsExactlyInAnyOrderElementsOf(kept);
    assertThat(listed(alice(sort).asOf(DEPRECATED.plusNanos(1))))
        .as("a nanosecond after").containsExactlyInAnyOrderElementsOf(kept);
    assertThat(listed(alice(sort).asOf(LONG_AFTER)))
        .as("years after").containsExactlyInAnyOrderElementsOf(kept);
    assertThat(listed(alice(sort))).as("without a time, nothing is deprecated")
        .containsExactlyInAnyOrderElementsOf(everything);
  }

  @ParameterizedTest
  @EnumSource(ImageSort.class)
  void a_query_that_includes_deprecated_images_lists_them_at_any_time(ImageSort sort) {
    aliceSeesEveryKind();
    List<String> everything = listed(alice(sort));

    for (Instant asOf : List.of(DEPRECATED.minusNanos(1), DEPRECATED, LONG_AFTER)) {
      assertThat(listed(alice(sort).asOf(asOf).includeDeprecated(true)))
          .as("at %s", asOf).containsExactlyInAnyOrderElementsOf(everything);
    }
    assertThat(everything).hasSize(14);
  }

  @Test
  void the_owner_sees_its_deprecated_images_through_every_branch_that_lists_them() {
    aliceSeesEveryKind();

    assertThat(listed(alice(ImageSort.NAME).include(EnumSet.of(Visibility.MARKET))
        .asOf(LONG_AFTER))).as("Alice's market listing without her own branch")
        .containsExactlyInAnyOrder("own-market-deprecated", "own-market-kept", "market-kept");
    assertThat(listed(query(BOB, ImageSort.NEWEST_FIRST).asOf(LONG_AFTER)))
        .as("Bob, who owns the market and shared images")
        .contains("market-deprecated", "shared-PENDING-deprecated",
            "shared-ACCEPTED-deprecated", "shared-REJECTED-deprecated")
        .doesNotContain("public-deprecated");
  }

  @Test
  void the_listing_equals_the_querys_own_definition_around_the_deprecation_time() {
    aliceSeesEveryKind();
    // Carol's image, deprecated a nanosecond later, shared with Alice and Bob.
    save(sharedWith("carol-later", CAROL, ALICE, MembershipStatus.ACCEPTED)
        .putMembers(BOB, member(BOB, MembershipStatus.PENDING))
        .deprecation(Deprecation.at(DEPRECATED.plusNanos(1))), 60);
    List<Optional<Instant>> moments = List.of(Optional.empty(),
        Optional.of(DEPRECATED.minusNanos(1)), Optional.of(DEPRECATED),
        Optional.of(DEPRECATED.plusNanos(1)), Optional.of(LONG_AFTER));
    int compared = 0;

    for (TenantId viewer : List.of(ALICE, BOB, CAROL)) {
      for (Set<Visibility> include : nonEmptySubsets()) {
        for (ImageSort sort : ImageSort.values()) {
          for (Optional<Instant> asOf : moments) {
            for (boolean includeDeprecated : List.of(false, true)) {
              ImageQuery query = query(viewer, sort).include(include).membership(EVERY_STATUS)
                  .asOf(asOf).includeDeprecated(includeDeprecated).pageSize(4).build();
              List<String> expected = saved.stream().filter(query::matches)
                  .sorted(sort.comparator()).map(image -> image.id().value()).toList();

              assertThat(walk(query, Function.identity())).as("%s", query)
                  .containsExactlyElementsOf(expected);
              compared++;
            }
          }
        }
      }
    }
    assertThat(compared).isEqualTo(3 * 15 * 3 * 5 * 2);
  }

  @ParameterizedTest
  @EnumSource(ImageSort.class)
  void paging_across_deprecated_images_walks_every_other_image_once(ImageSort sort) {
    List<String> kept = new ArrayList<>();
    for (int p = 0; p < 12; p++) {
      var image = publicImage("p" + p);
      if (p % 3 == 1) {
        image.deprecation(Deprecation.at(DEPRECATED.minusSeconds(p)));
      } else {
        kept.add("p" + p);
      }
      save(image, p);
    }
    ImageQuery first = alice(sort).asOf(DEPRECATED).pageSize(2).build();

    List<String> walked = walk(first, Function.identity());

    assertThat(walked).containsExactlyElementsOf(saved.stream().filter(first::matches)
        .sorted(sort.comparator()).map(image -> image.id().value()).toList());
    assertThat(walked).containsExactlyInAnyOrderElementsOf(kept);
  }

  @Test
  void an_image_deprecated_between_two_pages_leaves_the_walk_and_the_rest_is_walked_once() {
    for (int p = 0; p < 8; p++) {
      var image = publicImage("p" + p);
      if (p == 5) {
        image.deprecation(Deprecation.at(DEPRECATED));
      }
      save(image, p);
    }
    ImageQuery before = alice(ImageSort.OLDEST_FIRST).asOf(DEPRECATED.minusNanos(1)).pageSize(2)
        .build();

    // The first page is read a nanosecond before the deprecation, the others at it: the cursor
    // binds the query, not its time.
    List<String> walked = walk(before, next -> ImageQuery.builder().from(next)
        .asOf(DEPRECATED).build());

    assertThat(walked).containsExactly("p0", "p1", "p2", "p3", "p4", "p6", "p7");
  }

  // --- fixtures ---

  private void save(ImageRecord.Builder image, int minutes) {
    Instant created = T0.plusSeconds(60L * minutes);
    ImageRecord record = image.createdAt(created).updatedAt(created).build();
    store.save(ImageChange.of(record, 0, List.of()));
    saved.add(record);
  }

  private static ImageRecord.Builder publicImage(String id) {
    return privateImage(id, ALICE).imageClass(ImageClass.PUBLIC).owner(Optional.empty())
        .name("public " + id);
  }

  private static ImageRecord.Builder market(String id, TenantId owner) {
    return privateImage(id, owner).imageClass(ImageClass.MARKET)
        .listing(MarketListing.free(T0));
  }

  private static ImageRecord.Builder sharedWith(String id, TenantId owner, TenantId member,
      MembershipStatus status) {
    return privateImage(id, owner).putMembers(member, member(member, status));
  }

  private static Membership member(TenantId tenant, MembershipStatus status) {
    return Membership.builder().tenant(tenant).status(status).createdAt(T0).updatedAt(T0)
        .build();
  }

  private static ImageQuery.Builder alice(ImageSort sort) {
    return query(ALICE, sort).membership(EVERY_STATUS);
  }

  private static ImageQuery.Builder query(TenantId viewer, ImageSort sort) {
    ImageQuery.Builder query = ImageQuery.builder();
    query.viewer(viewer).region(REGION).sort(sort);
    return query;
  }

  private List<String> listed(ImageQuery.Builder query) {
    return walk(query.build(), Function.identity());
  }

  /** Every page of a listing, each next page's query made from the last by {@code next}. */
  private List<String> walk(ImageQuery first, Function<ImageQuery, ImageQuery> next) {
    List<String> ids = new ArrayList<>();
    ImageQuery query = first;
    for (int pages = 0; pages < 100; pages++) {
      Page<ImageRecord> page = store.listVisible(query);
      page.items().forEach(image -> ids.add(image.id().value()));
      if (page.nextCursor().isEmpty()) {
        return ids;
      }
      query = next.apply(
          ImageQuery.builder().from(query).cursor(page.nextCursor().get()).build());
    }
    throw new AssertionError("the walk did not end: " + ids);
  }

  private static List<Set<Visibility>> nonEmptySubsets() {
    Visibility[] all = Visibility.values();
    List<Set<Visibility>> subsets = new ArrayList<>();
    for (int mask = 1; mask < 1 << all.length; mask++) {
      Set<Visibility> subset = EnumSet.noneOf(Visibility.class);
      for (int v = 0; v < all.length; v++) {
        if ((mask & 1 << v) != 0) {
          subset.add(all[v]);
        }
      }
      subsets.add(subset);
    }
    return subsets;
  }
}
