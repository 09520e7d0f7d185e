package dev.imago.store.memory.service;

import static dev.imago.store.memory.service.World.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.imago.core.Caller;
import dev.imago.core.ImagePolicyException;
import dev.imago.core.ImageService;
import dev.imago.core.policy.Action;
import dev.imago.core.policy.Decision;
import dev.imago.core.policy.ImageSpec;
import dev.imago.core.policy.SourceRef;
import dev.imago.spi.ImageFilter;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageType;
import dev.imago.spi.InputException;
import dev.imago.spi.Membership;
import dev.imago.spi.MembershipStatus;
import dev.imago.spi.Price;
import dev.imago.spi.PriceUnit;
import dev.imago.spi.RegionId;
import dev.imago.spi.RuleCode;
import dev.imago.spi.StoreException;
import dev.imago.spi.StoredEvent;
import dev.imago.spi.TenantDirectory;
import dev.imago.spi.TenantId;
import dev.imago.spi.TenantInfo;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Input that would hurt the host, through the service: unbounded prices, batches, deceptive
 * text and forged cursors are refused as input naming the field and the rule, and change
 * nothing; failing ports, a failing id generator and a clock that steps back are the host's
 * faults and say so; answering again writes nothing.
 */
class HostileInputTest {
  private static final int EXAMPLES = 200;
  private final World world = new World();

  // --------------------------------------------------------------------------- prices

  @Test
  void a_price_of_unbounded_magnitude_or_scale_is_refused_as_MARKET_PRICE() {
    for (String amount : List.of("1E+999999999", "1E+2147483647", "1E-2147483648",
        "0.000000001", "1234567890123", "1.001", "9".repeat(65))) {
      assertThatThrownBy(() -> Price.of(amount, "USD", PriceUnit.ONE_OFF)).as(amount)
          .isInstanceOfSatisfying(InputException.class, problem -> {
            assertThat(problem.field()).isEqualTo("price.amount");
            assertThat(problem.code()).isEqualTo(RuleCode.MARKET_PRICE);
            assertThat(problem.getMessage()).hasSizeLessThan(300);
          });
    }
    assertThatThrownBy(() -> Price.of("1.5", "JPY", PriceUnit.ONE_OFF))
        .isInstanceOf(InputException.class);
    assertThatThrownBy(() -> Price.of("1", "XAU", PriceUnit.ONE_OFF))
        .isInstanceOfSatisfying(InputException.class, problem ->
            assertThat(problem.field()).isEqualTo("price.currency"));
  }

  @Test
  void a_price_of_twelve_digits_and_the_minor_unit_is_charged_and_shown_in_full() {
    Price most = Price.of("999999999999.99", "USD", PriceUnit.ONE_OFF);
    Price yen = Price.of("1500", "JPY", PriceUnit.PER_HOUR);
    Price zeros = Price.of("2.5000", "USD", PriceUnit.PER_HOUR);
    ImageRecord image = world.activeSystemDiskImage("paid");
    world.images.publish(acme(), image.id(), most);

    ImagePolicyException terms = catchThrowableOfType(ImagePolicyException.class,
        () -> world.images.authorizeUse(globex(), image.id(), World.serverRequest()));

    assertThat(terms.getMessage()).contains("999999999999.99 USD");
    assertThat(yen.toString()).isEqualTo("1500 JPY per hour");
    assertThat(zeros.amount()).isEqualByComparingTo("2.5");
  }

  // --------------------------------------------------------------------------- batches

  @Test
  void a_share_batch_larger_than_any_image_may_hold_is_refused_before_any_look_up() {
    AtomicInteger lookUps = new AtomicInteger();
    ImageService counted = world.serviceWith(builder -> builder.tenants(counting(lookUps)));
    ImageRecord image = world.activeSystemDiskImage("crowded");
    List<TenantId> batch = tenants(10_000);
    int before = lookUps.get();

    assertThatThrownBy(() -> counted.share(acme(), image.id(), batch))
        .isInstanceOfSatisfying(InputException.class, problem -> {
          assertThat(problem.field()).isEqualTo("recipients");
          assertThat(problem.code()).isEqualTo(RuleCode.INPUT_VALUE);
        });
    assertThat(lookUps.get() - before).as("look-ups of the caller only").isLessThanOrEqualTo(1);
  }

  @Test
  void share_batches_of_every_size_past_the_member_limit_are_input_errors_and_change_nothing() {
    ImageRecord image = world.activeSystemDiskImage("crowded");
    List<StoredEvent> before = world.images.events(0, 10_000);
    qt().withExamples(EXAMPLES).forAll(Generate.range(129, 3000)).checkAssert(size ->
        assertInput(() -> world.images.share(acme(), image.id(), tenants(size)), "recipients",
            RuleCode.INPUT_VALUE));
    qt().withExamples(20).forAll(Generate.range(1, 128)).checkAssert(size -> {
      // Within the limit the batch is judged, not refused as input: nobody of it exists.
      assertThatThrownBy(() -> world.images.share(acme(), image.id(), tenants(size)))
          .isInstanceOf(dev.imago.core.ImagePolicyException.class);
    });
    assertThat(world.images.events(0, 10_000)).isEqualTo(before);
  }

  @Test
  void event_reads_outside_their_bounds_are_input_errors() {
    qt().withExamples(EXAMPLES).forAll(Generate.longRange(Long.MIN_VALUE, -1),
        Generate.range(Integer.MIN_VALUE, 0)).checkAssert((after, limit) -> {
          assertInput(() -> world.images.events(after, 10), "afterSequence",
              RuleCode.INPUT_VALUE);
          assertInput(() -> world.images.events(0, limit), "limit", RuleCode.INPUT_VALUE);
        });
  }

  @Test
  void a_share_by_a_tenant_that_is_not_the_owner_looks_up_no_recipient() {
    AtomicInteger lookUps = new AtomicInteger();
    ImageService counted = world.serviceWith(builder -> builder.tenants(counting(lookUps)));
    ImageRecord image = world.activeSystemDiskImage("not for globex");
    world.images.share(acme(), image.id(), List.of(GLOBEX));
    int before = lookUps.get();

    Decision decision = counted.check(globex(), new Action.Share(image.id(), tenants(128)));

    assertThat(decision.codes()).containsExactly(RuleCode.SHARE_NOT_OWNER);
    assertThat(lookUps.get() - before).as("look-ups of the caller only").isEqualTo(1);
  }

  @Test
  void a_batch_of_unknown_tenants_is_denied_in_a_short_message_listing_each_in_the_decision() {
    ImageRecord image = world.activeSystemDiskImage("shared widely");
    List<TenantId> unknown = tenants(128);

    ImagePolicyException denied = catchThrowableOfType(ImagePolicyException.class,
        () -> world.images.share(acme(), image.id(), unknown));

    assertThat(denied.decision().violations()).hasSize(128);
    assertThat(denied.getMessage()).hasSizeLessThan(1000).contains("and 123 more");
  }

  // ------------------------------------------------------------------------ deceptive text

  @Test
  void text_that_renders_deceptively_is_refused_in_every_text_field() {
    ImageRecord image = world.activeSystemDiskImage("tagged");
    qt().withExamples(EXAMPLES).forAll(deceptive()).checkAssert(text -> {
      List<StoredEvent> before = world.images.events(0, 10_000);
      assertInput(() -> world.images.createImage(acme(), spec().name(text).build()), "name",
          RuleCode.INPUT_NAME);
      assertInput(() -> world.images.createImage(acme(), spec().description(text).build()),
          "description", RuleCode.INPUT_DESCRIPTION);
      assertInput(() -> world.images.updateTags(acme(), image.id(), Map.of(text, "v")),
          "tags.key", RuleCode.INPUT_TAGS);
      assertInput(() -> world.images.updateTags(acme(), image.id(), Map.of("k", text)),
          "tags[k]", RuleCode.INPUT_TAGS);
      assertInput(() -> ImageFilter.builder().namePrefix(text).build(), "namePrefix",
          RuleCode.INPUT_NAME);
      assertInput(() -> ImageFilter.builder().tagKey(text).build(), "tagKey.key",
          RuleCode.INPUT_TAGS);
      assertInput(() -> ImageFilter.builder().tagKey("k").tagValue(text).build(), "tagValue",
          RuleCode.INPUT_TAGS);
      assertInput(() -> world.images.setFamily(acme(), image.id(), text, false), "family",
          RuleCode.FAMILY_NAME);
      assertThat(world.images.events(0, 10_000)).as("events after refused input")
          .isEqualTo(before);
    });
  }

  @Test
  void a_name_prefix_matches_whole_characters_under_every_order() {
    String emoji = new String(Character.toChars(0x20000));
    world.activeSystemDiskImage("web " + emoji);
    world.activeSystemDiskImage("web x");
    for (dev.imago.spi.ImageSort sort : dev.imago.spi.ImageSort.values()) {
      ImageFilter prefix = ImageFilter.builder().namePrefix("web " + emoji).sort(sort).build();
      assertThat(world.images.listVisible(acme(), prefix).items()).as("%s", sort)
          .extracting(ImageRecord::name).containsExactly("web " + emoji);
    }
  }

  // --------------------------------------------------------------------------- cursors

  @Test
  void a_forged_cursor_is_refused_as_INPUT_PAGE_whatever_it_holds() {
    for (int i = 0; i < 3; i++) {
      world.activeSystemDiskImage("own " + i);
    }
    ImageFilter twoAPage = ImageFilter.builder().pageSize(2).build();
    String real = world.images.listVisible(acme(), twoAPage).nextCursor().orElseThrow();
    long fingerprint = ByteBuffer.wrap(Base64.getUrlDecoder().decode(real)).getLong(1);
    qt().withExamples(EXAMPLES)
        .forAll(Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE), integers().all())
        .checkAssert((second, nano) -> assertInput(() -> world.images.listVisible(acme(),
            twoAPage.withCursor(forged(fingerprint, second, nano))), "cursor",
            RuleCode.INPUT_PAGE));
    assertInput(() -> world.images.listVisible(acme(),
        twoAPage.withCursor(forged(fingerprint, Long.MIN_VALUE, 0))), "cursor",
        RuleCode.INPUT_PAGE);
  }

  // --------------------------------------------------------------- the host's own faults

  @Test
  void every_failing_port_surfaces_as_a_store_exception() {
    ImageRecord image = world.activeSystemDiskImage("fragile");
    ImageService failingStore = world.serviceWith(builder -> builder.store(
        new dev.imago.testkit.ForwardingImageStore(world.memoryStore) {
          @Override
          public Optional<ImageRecord> load(ImageId id) {
            throw new IllegalStateException("disk gone");
          }

          @Override
          public long countOwned(TenantId owner, RegionId region) {
            throw new IllegalStateException("disk gone");
          }

          @Override
          public dev.imago.spi.Page<ImageRecord> listVisible(dev.imago.spi.ImageQuery query) {
            throw new IllegalStateException("disk gone");
          }

          @Override
          public List<StoredEvent> events(long afterSequence, int limit) {
            throw new IllegalStateException("disk gone");
          }
        }));
    ImageService failingTenants = world.serviceWith(builder -> builder.tenants(
        new TenantDirectory() {
          @Override
          public Optional<TenantInfo> find(TenantId id) {
            throw new IllegalStateException("directory gone");
          }

          @Override
          public Optional<TenantInfo> findProjectIn(TenantId tenant, RegionId region) {
            throw new IllegalStateException("directory gone");
          }
        }));
    ImageService failingSources = world.serviceWith(builder -> builder.sources(
        new dev.imago.spi.SourceDirectory() {
          @Override
          public Optional<dev.imago.spi.ServerFacts> findServer(dev.imago.spi.ServerId id) {
            throw new IllegalStateException("directory gone");
          }

          @Override
          public Optional<dev.imago.spi.DiskFacts> findDisk(dev.imago.spi.DiskId id) {
            throw new IllegalStateException("directory gone");
          }

          @Override
          public Optional<dev.imago.spi.BackupFacts> findBackup(dev.imago.spi.BackupId id) {
            throw new IllegalStateException("directory gone");
          }

          @Override
          public Optional<dev.imago.spi.FileFacts> findFile(dev.imago.spi.FileId id) {
            throw new IllegalStateException("directory gone");
          }
        }));

    ImageService failingProjects = world.serviceWith(builder -> builder.tenants(
        new TenantDirectory() {
          @Override
          public Optional<TenantInfo> find(TenantId id) {
            return world.tenants.find(id);
          }

          @Override
          public Optional<TenantInfo> findProjectIn(TenantId tenant, RegionId region) {
            throw new IllegalStateException("directory gone");
          }
        }));

    List<Supplier<?>> calls = List.of(
        () -> failingStore.get(acme(), image.id()),
        () -> failingStore.listVisible(acme(), ImageFilter.all()),
        () -> failingStore.events(0, 10),
        () -> failingTenants.get(acme(), image.id()),
        () -> failingProjects.replicate(acme(), image.id(), World.SOUTH),
        () -> failingSources.createImage(acme(), spec().build()),
        () -> failingSources.createImage(acme(), spec().type(ImageType.DATA_DISK)
            .source(SourceRef.disk(World.DISK)).build()),
        () -> failingSources.createImage(acme(), spec().type(ImageType.FULL_SERVER)
            .source(SourceRef.backup(World.BACKUP)).build()),
        () -> failingSources.createImage(acme(), spec().type(ImageType.ISO)
            .source(SourceRef.file(World.ISO_FILE)).build()));
    for (Supplier<?> call : calls) {
      assertThatThrownBy(call::get).isInstanceOf(StoreException.class)
          .hasMessageNotContaining(GLOBEX.value());
    }
    assertThatThrownBy(() -> failingStore.createImage(acme(), spec().build()))
        .isInstanceOf(StoreException.class);
  }

  @Test
  void an_id_generator_that_fails_gives_no_id_or_repeats_one_is_reported_as_the_hosts_fault() {
    ImageRecord globexs = world.activeImage(globex(), spec().source(SourceRef.server(
        globexServer())).build());
    List<Supplier<ImageId>> generators = List.of(
        () -> {
          throw new IllegalStateException("sequence exhausted");
        },
        () -> null,
        () -> globexs.id());
    for (Supplier<ImageId> generator : generators) {
      ImageService service = world.serviceWith(builder -> builder.idGenerator(generator)
          .maxAttempts(3));
      assertThatThrownBy(() -> service.createImage(acme(), spec().build()))
          .isInstanceOfSatisfying(StoreException.class, failure -> {
            assertThat(failure.getMessage()).contains("id generator")
                .doesNotContain(globexs.id().value()).doesNotContain(GLOBEX.value());
          });
    }
  }

  @Test
  void a_port_that_throws_imagos_own_exceptions_is_the_hosts_fault_not_the_callers() {
    ImageRecord image = world.activeSystemDiskImage("fragile");
    ImageService invalidIds = world.serviceWith(builder -> builder
        .idGenerator(() -> ImageId.of("not an id")));
    ImageService confusedStore = world.serviceWith(builder -> builder.store(
        new dev.imago.testkit.ForwardingImageStore(world.memoryStore) {
          @Override
          public Optional<ImageRecord> load(ImageId id) {
            throw new dev.imago.spi.VersionConflictException(id, 7);
          }

          @Override
          public long countOwned(TenantId owner, RegionId region) {
            throw new dev.imago.spi.InputException("owner", owner, RuleCode.INPUT_ID, "odd");
          }
        }));
    ImageService confusedTenants = world.serviceWith(builder -> builder.tenants(
        new TenantDirectory() {
          @Override
          public Optional<TenantInfo> find(TenantId id) {
            throw new dev.imago.spi.InputException("id", id, RuleCode.INPUT_ID, "odd");
          }

          @Override
          public Optional<TenantInfo> findProjectIn(TenantId tenant, RegionId region) {
            return Optional.empty();
          }
        }));

    for (ThrowingCallable call : List.<ThrowingCallable>of(
        () -> invalidIds.createImage(acme(), spec().build()),
        () -> confusedStore.get(acme(), image.id()),
        () -> confusedStore.createImage(acme(), spec().build()),
        () -> confusedTenants.get(acme(), image.id()))) {
      assertThatThrownBy(call).isInstanceOf(StoreException.class);
    }
    // The caller's own input to a port stays the caller's to hear.
    assertInput(() -> confusedStore.events(-1, 10), "afterSequence", RuleCode.INPUT_VALUE);
  }

  @Test
  void a_clock_that_steps_back_does_not_turn_an_answer_into_the_callers_input_error() {
    ImageRecord image = world.activeSystemDiskImage("shared yesterday");
    world.images.share(acme(), image.id(), List.of(GLOBEX));
    ImageService yesterday = world.serviceWith(builder -> builder.clock(
        Clock.fixed(Instant.parse("2026-11-27T08:00:00Z"), ZoneOffset.UTC)));

    Membership accepted = yesterday.accept(globex(), image.id());
    Membership rejected = yesterday.reject(globex(), image.id());

    assertThat(accepted.status()).isEqualTo(MembershipStatus.ACCEPTED);
    assertThat(rejected.updatedAt()).isAfterOrEqualTo(rejected.createdAt());
  }

  @Test
  void answering_again_with_the_same_answer_writes_nothing() {
    ImageRecord image = world.activeSystemDiskImage("accepted once");
    world.images.share(acme(), image.id(), List.of(GLOBEX));
    world.images.accept(globex(), image.id());
    long version = world.memoryStore.load(image.id()).orElseThrow().version();
    int events = world.images.events(0, 10_000).size();

    for (int i = 0; i < 50; i++) {
      assertThat(world.images.accept(globex(), image.id()).status())
          .isEqualTo(MembershipStatus.ACCEPTED);
    }
    world.images.protect(acme(), image.id());
    world.images.protect(acme(), image.id());

    assertThat(world.memoryStore.load(image.id()).orElseThrow().version()).isEqualTo(version + 1);
    assertThat(world.images.events(0, 10_000)).hasSize(events + 1);
  }

  // --------------------------------------------------------------------------- helpers

  /** Valid text with a character that renders deceptively put in somewhere. */
  private static Gen<String> deceptive() {
    Gen<String> bad = Generate.pick(List.of("\uD800", "\uDC00", "\u202A", "\u202B", "\u202C",
        "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069", "\u2028", "\u2029"));
    Gen<String> text = Generate.pick(List.of("web", "镜像", "db-1", "x"));
    return text.zip(bad, text, integers().between(0, 2), (before, odd, after, where) ->
        switch (where) {
          case 0 -> odd + before;
          case 1 -> before + odd + after;
          default -> before + odd;
        });
  }

  private static void assertInput(Runnable call, String field, RuleCode code) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(InputException.class, problem -> {
      assertThat(problem.field()).as(problem.getMessage()).isEqualTo(field);
      assertThat(problem.code()).as(problem.getMessage()).isEqualTo(code);
    });
  }

  private static String forged(long fingerprint, long second, int nano) {
    byte[] name = "own 0".getBytes(StandardCharsets.UTF_8);
    byte[] id = "img-1".getBytes(StandardCharsets.US_ASCII);
    ByteBuffer out = ByteBuffer.allocate(1 + 8 + 8 + 4 + 4 + name.length + 4 + id.length);
    out.put((byte) 3).putLong(fingerprint).putLong(second).putInt(nano)
        .putInt(name.length).put(name).putInt(id.length).put(id);
    String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(out.array());
    // In range, this is a cursor the listing could have returned; out of range, a forgery.
    boolean inRange = second >= Instant.MIN.getEpochSecond()
        && second <= Instant.MAX.getEpochSecond() && nano >= 0 && nano <= 999_999_999;
    return inRange ? "not-" + cursor : cursor;
  }

  private static List<TenantId> tenants(int count) {
    List<TenantId> tenants = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      tenants.add(TenantId.of("unknown-" + i));
    }
    return tenants;
  }

  private TenantDirectory counting(AtomicInteger lookUps) {
    return new TenantDirectory() {
      @Override
      public Optional<TenantInfo> find(TenantId id) {
        lookUps.incrementAndGet();
        return world.tenants.find(id);
      }

      @Override
      public Optional<TenantInfo> findProjectIn(TenantId tenant, RegionId region) {
        lookUps.incrementAndGet();
        return world.tenants.findProjectIn(tenant, region);
      }
    };
  }

  private dev.imago.spi.ServerId globexServer() {
    dev.imago.spi.ServerId server = dev.imago.spi.ServerId.of("srv-globex");
    world.sources.putServer(dev.imago.spi.ServerFacts.builder().id(server).owner(GLOBEX)
        .region(NORTH).machine(MACHINE).build());
    return server;
  }

  private static ImageSpec.Builder spec() {
    return ImageSpec.builder().name("web").type(dev.imago.spi.ImageType.SYSTEM_DISK)
        .source(SourceRef.server(SERVER));
  }
}
