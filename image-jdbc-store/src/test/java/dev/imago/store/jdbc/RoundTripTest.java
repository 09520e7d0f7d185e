package dev.imago.store.jdbc;

import static dev.imago.store.jdbc.Images.ALICE;
import static dev.imago.store.jdbc.Images.BOB;
import static dev.imago.store.jdbc.Images.T0;
import static dev.imago.store.jdbc.Images.created;
import static dev.imago.store.jdbc.Images.privateImage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.imago.spi.Deprecation;
import dev.imago.spi.EventType;
import dev.imago.spi.ImageChange;
import dev.imago.spi.ImageClass;
import dev.imago.spi.ImageEvent;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageQuery;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageSource;
import dev.imago.spi.ImageSort;
import dev.imago.spi.InputException;
import dev.imago.spi.MarketListing;
import dev.imago.spi.Membership;
import dev.imago.spi.MembershipStatus;
import dev.imago.spi.Price;
import dev.imago.spi.PriceUnit;
import dev.imago.spi.RegionId;
import dev.imago.spi.ReplicaOrigin;
import dev.imago.spi.RuleCode;
import dev.imago.spi.StoredEvent;
import dev.imago.spi.TenantId;
import dev.imago.spi.VaultId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What PostgreSQL could change on the way: times to the nanosecond, the order of tags and
 * members, text with quotes, wildcards, backslashes, emoji and CJK, a price's scale; and text it
 * cannot hold, which is refused before it reaches the database.
 */
class RoundTripTest {
  private JdbcImageStore store;

  @BeforeEach
  void emptyStore() {
    store = TestSchemas.emptyStore("round_trip");
  }

  @Test
  void times_keep_their_nanoseconds_and_far_dates() {
    Instant created = Instant.parse("1901-12-13T20:45:52.123456789Z");
    Instant updated = Instant.parse("9999-12-31T23:59:59.999999999Z");
    ImageRecord image = privateImage("nanos", ALICE).createdAt(created).updatedAt(updated)
        .putMembers(BOB, Membership.builder().tenant(BOB).status(MembershipStatus.PENDING)
            .createdAt(Instant.ofEpochSecond(1, 1)).updatedAt(Instant.ofEpochSecond(2, 999))
            .build())
        .build();

    save(image, 0, List.of(ImageEvent.builder().type(EventType.CREATED)
        .image(image.id()).occurredAt(Instant.parse("2026-01-01T00:00:00.000000001Z")).build()));

    assertThat(store.load(image.id())).contains(image);
    assertThat(store.events(0, 10)).extracting(event -> event.event().occurredAt())
        .containsExactly(Instant.parse("2026-01-01T00:00:00.000000001Z"));
  }

  @Test
  void images_created_a_nanosecond_apart_list_in_that_order() {
    save(privateImage("later", ALICE).createdAt(T0.plusNanos(1)).updatedAt(T0.plusNanos(1))
        .build(), 0, List.of());
    save(privateImage("earlier", ALICE).createdAt(T0).build(), 0, List.of());

    var page = store.listVisible(ImageQuery.builder().viewer(ALICE).region(Images.REGION)
        .sort(ImageSort.OLDEST_FIRST).build());

    assertThat(page.items()).extracting(image -> image.id().value())
        .containsExactly("earlier", "later");
  }

  @Test
  void text_with_quotes_wildcards_backslashes_emoji_and_cjk_comes_back_exactly() {
    String tricky = "it's 100% \"x_y\" \\ \\\\ '; DROP TABLE imago_images; -- 😀 镜像 é";
    ImageRecord image = privateImage("text", ALICE)
        .name("镜像 100_ a.b-c")
        .description(tricky)
        .putTags("k'%_\\", tricky.substring(0, 40))
        .putTags("😀", "镜像")
        .build();

    save(image, 0, List.of(ImageEvent.builder().type(EventType.TAGS_CHANGED)
        .image(image.id()).occurredAt(T0).putDetails("quote'\\%_", tricky).build()));

    assertThat(store.load(image.id())).contains(image);
    assertThat(store.events(0, 1)).extracting(StoredEvent::event)
        .extracting(event -> event.details().get("quote'\\%_")).containsExactly(tricky);
    assertThat(listedIds(query().namePrefix("镜像 100_"))).containsExactly("text");
    // Neither is a wildcard: '_' and '%' match only themselves.
    assertThat(listedIds(query().namePrefix("镜像 1_0"))).isEmpty();
    assertThat(listedIds(query().sort(ImageSort.NAME).namePrefix("镜像"))).containsExactly("text");
    assertThat(listedIds(query().tagKey("k'%_\\").tagValue(tricky.substring(0, 40))))
        .containsExactly("text");
    assertThat(listedIds(query().tagKey("k%"))).isEmpty();
  }

  @Test
  void tags_and_members_keep_their_order() {
    var builder = privateImage("ordered", ALICE);
    for (String key : List.of("zeta", "alpha", "mu", "beta")) {
      builder.putTags(key, key.toUpperCase(java.util.Locale.ROOT));
    }
    for (String member : List.of("zz", "aa", "mm")) {
      TenantId tenant = TenantId.of(member);
      builder.putMembers(tenant, Membership.builder().tenant(tenant)
          .status(MembershipStatus.ACCEPTED).vault(VaultId.of("vault-" + member))
          .createdAt(T0).updatedAt(T0).build());
    }
    ImageRecord image = builder.build();

    save(image, 0, List.of());

    ImageRecord loaded = store.load(image.id()).orElseThrow();
    assertThat(loaded.tags().keySet()).containsExactly("zeta", "alpha", "mu", "beta");
    assertThat(loaded.members().keySet()).extracting(TenantId::value)
        .containsExactly("zz", "aa", "mm");
    assertThat(loaded).isEqualTo(image);
  }

  @Test
  void market_listings_origins_and_prices_keep_every_field_and_scale() {
    ImageRecord image = privateImage("market", ALICE)
        .imageClass(ImageClass.MARKET)
        .source(ImageSource.REPLICA)
        .origin(ReplicaOrigin.of(ImageId.of("source-image"), RegionId.of("cn-east-3")))
        .listing(MarketListing.paid(Price.of("1.50", "EUR", PriceUnit.PER_HOUR),
            T0.plusNanos(7)))
        .deletionProtected(true)
        .sizeBytes(Long.MAX_VALUE)
        .minRamMib(ImageRecord.MAX_MIN_RAM_MIB)
        .build();
    ImageRecord scientific = privateImage("scientific", ALICE)
        .imageClass(ImageClass.MARKET)
        .listing(MarketListing.paid(Price.of("1E+3", "JPY", PriceUnit.ONE_OFF), T0))
        .build();

    save(image, 0, List.of(created(image.id())));
    save(scientific, 0, List.of(created(scientific.id())));

    assertThat(store.load(image.id())).contains(image);
    assertThat(store.load(scientific.id())).contains(scientific);
  }

  @Test
  void a_deprecation_keeps_each_combination_of_its_parts_to_the_nanosecond() {
    Instant deprecated = Instant.parse("2026-03-01T12:00:00.123456789Z");
    List<Deprecation> schedules = List.of(
        Deprecation.at(deprecated),
        Deprecation.builder().deprecatedAt(deprecated).obsoleteAt(deprecated).build(),
        Deprecation.builder().deprecatedAt(deprecated)
            .obsoleteAt(Instant.parse("9999-12-31T23:59:59.999999999Z")).build(),
        Deprecation.builder().deprecatedAt(deprecated).replacement(ImageId.of("successor"))
            .build(),
        Deprecation.builder().deprecatedAt(Instant.parse("1901-12-13T20:45:52.000000001Z"))
            .obsoleteAt(deprecated.plusNanos(1)).replacement(ImageId.of("successor")).build());

    for (int s = 0; s < schedules.size(); s++) {
      ImageRecord image = privateImage("retired-" + s, ALICE).deprecation(schedules.get(s))
          .build();
      save(image, 0, List.of(created(image.id())));

      assertThat(store.load(image.id())).as("schedule %s", schedules.get(s)).contains(image);
    }
    ImageRecord plain = privateImage("not-retired", ALICE).build();
    save(plain, 0, List.of());
    assertThat(store.load(plain.id())).hasValueSatisfying(
        loaded -> assertThat(loaded.deprecation()).isEmpty());
  }

  @Test
  void a_change_of_schedule_and_its_cancellation_are_saved_over_the_old_one() {
    Instant deprecated = T0.plusSeconds(3600).plusNanos(5);
    ImageRecord scheduled = privateImage("rescheduled", ALICE)
        .deprecation(Deprecation.builder().deprecatedAt(deprecated)
            .obsoleteAt(deprecated.plusSeconds(60)).replacement(ImageId.of("successor")).build())
        .build();
    ImageRecord changed = ImageRecord.builder().from(scheduled).version(2)
        .deprecation(Deprecation.at(deprecated.plusNanos(1))).build();
    ImageRecord cancelled = ImageRecord.builder().from(changed).version(3)
        .deprecation(java.util.Optional.empty()).build();

    save(scheduled, 0, List.of(created(scheduled.id())));
    assertThat(store.load(scheduled.id())).contains(scheduled);
    save(changed, 1, List.of(ImageEvent.builder().type(EventType.DEPRECATION_SCHEDULED)
        .image(scheduled.id()).occurredAt(T0).build()));
    assertThat(store.load(scheduled.id())).contains(changed);
    save(cancelled, 2, List.of(ImageEvent.builder().type(EventType.DEPRECATION_CANCELLED)
        .image(scheduled.id()).occurredAt(T0).build()));

    assertThat(store.load(scheduled.id())).contains(cancelled);
    assertThat(store.events(0, 10)).extracting(event -> event.event().type())
        .containsExactly(EventType.CREATED, EventType.DEPRECATION_SCHEDULED,
            EventType.DEPRECATION_CANCELLED);
  }

  @Test
  void a_nul_character_in_event_details_is_refused_and_nothing_is_written() {
    ImageRecord image = privateImage("nul", ALICE).build();
    ImageEvent nul = ImageEvent.builder().type(EventType.TAGS_CHANGED).image(image.id())
        .occurredAt(T0).putDetails("note", "a\u0000b").build();

    assertThatExceptionOfType(InputException.class)
        .isThrownBy(() -> save(image, 0, List.of(created(image.id()), nul)))
        .satisfies(problem -> {
          assertThat(problem.field()).isEqualTo("events[1].details[note]");
          assertThat(problem.code()).isEqualTo(RuleCode.INPUT_VALUE);
        });
    assertThat(store.load(image.id())).isEmpty();
    assertThat(store.events(0, 10)).isEmpty();
  }

  @Test
  void a_nul_character_in_an_event_detail_key_is_refused() {
    ImageRecord image = privateImage("nul-key", ALICE).build();
    ImageEvent nul = ImageEvent.builder().type(EventType.TAGS_CHANGED).image(image.id())
        .occurredAt(T0).putDetails("a\u0000", "b").build();

    assertThatExceptionOfType(InputException.class)
        .isThrownBy(() -> save(image, 0, List.of(nul)))
        .satisfies(problem -> assertThat(problem.field()).isEqualTo("events[0].details.key"));
    assertThat(store.load(image.id())).isEmpty();
  }

  @Test
  void an_unpaired_surrogate_in_event_details_is_refused_and_nothing_is_written() {
    // The driver would write it as '?', so the event would not read back as saved.
    ImageRecord image = privateImage("surrogate", ALICE).build();
    ImageEvent broken = ImageEvent.builder().type(EventType.TAGS_CHANGED).image(image.id())
        .occurredAt(T0).putDetails("note", "broken \uD83D here").build();

    assertThatExceptionOfType(InputException.class)
        .isThrownBy(() -> save(image, 0, List.of(created(image.id()), broken)))
        .satisfies(problem -> {
          assertThat(problem.field()).isEqualTo("events[1].details[note]");
          assertThat(problem.code()).isEqualTo(RuleCode.INPUT_VALUE);
        });
    assertThat(store.load(image.id())).isEmpty();
    assertThat(store.events(0, 10)).isEmpty();
  }

  @Test
  void a_nul_character_in_a_name_prefix_or_tag_value_filter_is_refused() {
    assertThatExceptionOfType(InputException.class)
        .isThrownBy(() -> store.listVisible(query().namePrefix("a\u0000").build()))
        .satisfies(problem -> {
          assertThat(problem.field()).isEqualTo("namePrefix");
          assertThat(problem.code()).isEqualTo(RuleCode.INPUT_NAME);
        });
    assertThatExceptionOfType(InputException.class)
        .isThrownBy(() -> store.listVisible(query().tagKey("k").tagValue("\u0000").build()))
        .satisfies(problem -> {
          assertThat(problem.field()).isEqualTo("tagValue");
          assertThat(problem.code()).isEqualTo(RuleCode.INPUT_TAGS);
        });
  }

  private void save(ImageRecord record, long expectedVersion, List<ImageEvent> events) {
    store.save(ImageChange.of(record, expectedVersion, events));
  }

  private static ImageQuery.Builder query() {
    ImageQuery.Builder query = ImageQuery.builder();
    query.viewer(ALICE).region(Images.REGION);
    return query;
  }

  private List<String> listedIds(ImageQuery.Builder query) {
    return store.listVisible(query.build()).items().stream().map(image -> image.id().value())
        .toList();
  }
}
