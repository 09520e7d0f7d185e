package dev.imago.spi;

import static dev.imago.spi.InputGenerators.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.Generate.constant;
import static org.quicktheories.generators.Generate.enumValues;
import static org.quicktheories.generators.Generate.oneOf;
import static org.quicktheories.generators.Generate.pick;
import static org.quicktheories.generators.Generate.range;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Bad input, generated: every malformed value is rejected at the door with an {@link
 * InputException} that names the field and the rule, and the valid neighbours are accepted.
 */
class BadInputTest {
  private static final int EXAMPLES = 300;
  private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

  // ---------------------------------------------------------------------------------- names

  @Test
  void every_malformed_name_is_rejected_as_INPUT_NAME() {
    qt().withExamples(EXAMPLES).forAll(invalidNames()).checkAssert(name -> {
      assertRejected(() -> Inputs.name(name, "name"), "name", RuleCode.INPUT_NAME);
      assertRejected(() -> validRecord().name(name).build(), "name", RuleCode.INPUT_NAME);
    });
  }

  @Test
  void every_well_formed_name_is_accepted_including_cjk_and_inner_spaces() {
    qt().withExamples(EXAMPLES).forAll(validNames()).checkAssert(name -> {
      assertThat(Inputs.name(name, "name")).isEqualTo(name);
      assertThat(validRecord().name(name).build().name()).isEqualTo(name);
    });
  }

  @Test
  void a_name_of_128_characters_outside_the_basic_plane_is_accepted_and_129_is_not() {
    String letter = new String(Character.toChars(0x20000));
    assertThat(Inputs.name(letter.repeat(128), "name")).hasSize(256);
    assertRejected(() -> Inputs.name(letter.repeat(129), "name"), "name", RuleCode.INPUT_NAME);
  }

  // ---------------------------------------------------------------------------- descriptions

  @Test
  void every_overlong_or_controlled_description_is_rejected_as_INPUT_DESCRIPTION() {
    qt().withExamples(EXAMPLES).forAll(invalidDescriptions()).checkAssert(description -> {
      assertRejected(() -> Inputs.description(description, "description"), "description",
          RuleCode.INPUT_DESCRIPTION);
      assertRejected(() -> validRecord().description(description).build(), "description",
          RuleCode.INPUT_DESCRIPTION);
    });
  }

  @Test
  void every_description_up_to_1024_characters_without_controls_is_accepted() {
    qt().withExamples(EXAMPLES).forAll(validDescriptions()).checkAssert(description ->
        assertThat(validRecord().description(description).build().description())
            .isEqualTo(description));
  }

  // ------------------------------------------------------------------------------------ ids

  /** Every id type, by the field its check names; each id shows its value as text. */
  private static final List<IdType> ID_TYPES = List.of(
      new IdType("imageId", ImageId::of),
      new IdType("tenantId", TenantId::of),
      new IdType("serverId", ServerId::of),
      new IdType("diskId", DiskId::of),
      new IdType("backupId", BackupId::of),
      new IdType("vaultId", VaultId::of),
      new IdType("keyId", KeyId::of),
      new IdType("fileId", FileId::of));

  private record IdType(String field, Function<String, Object> parse) {
    @Override
    public String toString() {
      return field;
    }
  }

  @Test
  void every_malformed_id_of_every_id_type_is_rejected_as_INPUT_ID() {
    qt().withExamples(EXAMPLES).forAll(pick(ID_TYPES), invalidIds()).checkAssert((type, id) ->
        assertRejected(() -> type.parse().apply(id), type.field(), RuleCode.INPUT_ID));
  }

  @Test
  void every_well_formed_id_of_every_id_type_is_accepted_as_given() {
    qt().withExamples(EXAMPLES).forAll(pick(ID_TYPES), validIds()).checkAssert((type, id) ->
        assertThat(type.parse().apply(id).toString()).isEqualTo(id));
  }

  @Test
  void every_malformed_region_is_rejected_as_INPUT_ID() {
    qt().withExamples(EXAMPLES).forAll(invalidRegions()).checkAssert(region ->
        assertRejected(() -> RegionId.of(region), "regionId", RuleCode.INPUT_ID));
  }

  @Test
  void every_well_formed_region_is_accepted() {
    qt().withExamples(EXAMPLES).forAll(validRegions()).checkAssert(region ->
        assertThat(RegionId.of(region).value()).isEqualTo(region));
  }

  // ---------------------------------------------------------------------------------- sizes

  @Test
  void disk_sizes_outside_1_to_65536_gib_are_rejected_as_INPUT_VALUE() {
    Gen<Integer> sizes = oneOf(integers().between(Integer.MIN_VALUE, 0),
        integers().between(DiskSpec.MAX_SIZE_GIB + 1, Integer.MAX_VALUE));
    qt().withExamples(EXAMPLES).forAll(enumValues(DiskRole.class), sizes).checkAssert(
        (role, size) -> assertRejected(() -> DiskSpec.of(role, size), "disk.sizeGib",
            RuleCode.INPUT_VALUE));
  }

  @Test
  void a_disk_without_a_role_is_rejected_as_INPUT_VALUE() {
    assertRejected(() -> DiskSpec.of(null, 10), "disk.role", RuleCode.INPUT_VALUE);
  }

  @Test
  void negative_or_out_of_range_record_sizes_are_rejected_as_INPUT_VALUE() {
    Gen<Long> negative = longs().between(Long.MIN_VALUE, -1);
    Gen<Integer> badMinDisk = oneOf(integers().between(Integer.MIN_VALUE, 0),
        integers().between(DiskSpec.MAX_SIZE_GIB + 1, Integer.MAX_VALUE));
    Gen<Integer> badMinRam = oneOf(integers().between(Integer.MIN_VALUE, -1),
        integers().between(ImageRecord.MAX_MIN_RAM_MIB + 1, Integer.MAX_VALUE));
    qt().withExamples(EXAMPLES).forAll(negative, badMinDisk, badMinRam)
        .checkAssert((bytes, minDisk, minRam) -> {
          assertRejected(() -> validRecord().sizeBytes(bytes).build(), "sizeBytes",
              RuleCode.INPUT_VALUE);
          assertRejected(() -> validRecord().minDiskGib(minDisk).build(), "minDiskGib",
              RuleCode.INPUT_VALUE);
          assertRejected(() -> validRecord().minRamMib(minRam).build(), "minRamMib",
              RuleCode.INPUT_VALUE);
          assertRejected(() -> validFile().sizeBytes(bytes).build(), "file.sizeBytes",
              RuleCode.INPUT_VALUE);
          assertRejected(() -> validRecord().version(bytes).build(), "version",
              RuleCode.INPUT_VALUE);
        });
  }

  // ---------------------------------------------------------------------------------- enums

  private static final List<Class<? extends Enum<?>>> ENUMS = List.of(
      Architecture.class, BootMode.class, DiskRole.class, EventType.class, FileFormat.class,
      ImageClass.class, ImageSort.class, ImageSource.class, ImageStatus.class, ImageType.class,
      MembershipStatus.class, OsType.class, Platform.class, PriceUnit.class, ServerKind.class,
      TenantStatus.class, Visibility.class);

  @Test
  void unknown_names_of_every_enum_are_rejected_as_INPUT_VALUE_listing_the_constants() {
    qt().withExamples(EXAMPLES).forAll(pick(ENUMS), unknownConstantNames())
        .assuming((type, name) -> !namesAConstant(type, name))
        .checkAssert((type, name) -> {
          InputException e = assertRejected(() -> constantOf(type, name, "field"), "field",
              RuleCode.INPUT_VALUE);
          for (Enum<?> constant : type.getEnumConstants()) {
            assertThat(e.getMessage()).contains(constant.name());
          }
        });
  }

  @Test
  void every_enum_constant_is_read_from_its_name_in_any_case_and_padding() {
    qt().withExamples(EXAMPLES).forAll(pick(ENUMS), integers().between(0, 100),
        range(0, 3), integers().all()).checkAssert((type, index, padding, seed) -> {
          Enum<?>[] constants = type.getEnumConstants();
          Enum<?> constant = constants[index % constants.length];
          String pad = " ".repeat(padding);
          String name = pad + mixedCase(constant.name(), seed) + pad;
          assertThat((Object) constantOf(type, name, "field")).isSameAs(constant);
        });
  }

  @Test
  void unknown_file_formats_are_rejected_as_CREATE_IMPORT_FORMAT_listing_the_disk_formats() {
    qt().withExamples(EXAMPLES).forAll(unknownConstantNames())
        .assuming(name -> !namesAConstant(FileFormat.class, name))
        .checkAssert(name -> {
          InputException e = assertRejected(() -> FileFormat.parse(name, "format"), "format",
              RuleCode.CREATE_IMPORT_FORMAT);
          for (FileFormat format : FileFormat.diskFormats()) {
            assertThat(e.getMessage()).contains(format.name());
          }
        });
  }

  @Test
  void every_file_format_is_read_from_its_name_in_any_case() {
    qt().withExamples(EXAMPLES).forAll(enumValues(FileFormat.class), integers().all())
        .checkAssert((format, seed) ->
            assertThat(FileFormat.parse(mixedCase(format.name(), seed), "format"))
                .isSameAs(format));
  }

  // ----------------------------------------------------------------------------------- tags

  @Test
  void tag_keys_that_are_empty_too_long_or_controlled_are_rejected_as_INPUT_TAGS() {
    Gen<String> badKeys = oneOf(constant(""), texts(Inputs.TAG_KEY_MAX_LENGTH + 1, 200),
        inserted(texts(0, 20), controlCharacters()),
        inserted(texts(0, 20), deceptiveCharacters()));
    qt().withExamples(EXAMPLES).forAll(badKeys, tagValues()).checkAssert((key, value) -> {
      assertRejected(() -> Inputs.tags(Map.of(key, value), "tags"), "tags.key",
          RuleCode.INPUT_TAGS);
      assertRejected(() -> validRecord().putTags(key, value).build(), "tags.key",
          RuleCode.INPUT_TAGS);
    });
  }

  @Test
  void tag_values_that_are_too_long_controlled_or_absent_are_rejected_as_INPUT_TAGS() {
    Gen<String> badValues = oneOf(absent(), texts(Inputs.TAG_VALUE_MAX_LENGTH + 1, 200),
        inserted(texts(0, 20), controlCharacters()),
        inserted(texts(0, 20), deceptiveCharacters()));
    qt().withExamples(EXAMPLES).forAll(tagKeys(), badValues).checkAssert((key, value) -> {
      Map<String, String> tags = new HashMap<>();
      tags.put(key, value);
      assertRejected(() -> Inputs.tags(tags, "tags"), "tags[" + key + "]", RuleCode.INPUT_TAGS);
      // A listing filters by a tag value under the same rule.
      if (value != null) {
        assertRejected(() -> query().tagKey(key).tagValue(value).build(), "tagValue",
            RuleCode.INPUT_TAGS);
      }
    });
  }

  @Test
  void tags_within_the_lengths_are_accepted() {
    qt().withExamples(EXAMPLES).forAll(tagKeys(), tagValues()).checkAssert((key, value) ->
        assertThat(validRecord().putTags(key, value).build().tags()).containsEntry(key, value));
  }

  // ---------------------------------------------------------------------- required fields

  /** The required fields of a SYSTEM_DISK record, and what leaving each out breaks. */
  private static final List<Missing> MISSING = List.of(
      new Missing("id", RuleCode.INPUT_VALUE),
      new Missing("name", RuleCode.INPUT_NAME),
      new Missing("imageClass", RuleCode.INPUT_VALUE),
      new Missing("type", RuleCode.INPUT_VALUE),
      new Missing("source", RuleCode.INPUT_VALUE),
      new Missing("status", RuleCode.INPUT_VALUE),
      new Missing("region", RuleCode.INPUT_VALUE),
      new Missing("createdAt", RuleCode.INPUT_VALUE),
      new Missing("updatedAt", RuleCode.INPUT_VALUE),
      new Missing("minDiskGib", RuleCode.INPUT_VALUE),
      new Missing("version", RuleCode.INPUT_VALUE),
      new Missing("owner", RuleCode.CREATE_PUBLIC),
      new Missing("os", RuleCode.CREATE_SYSTEM_DISK),
      new Missing("disks", RuleCode.CREATE_SYSTEM_DISK),
      new Missing("serverKinds", RuleCode.USE_SERVER_KIND));

  private record Missing(String field, RuleCode code) {}

  @Test
  void a_record_without_a_required_field_is_rejected_naming_that_field() {
    qt().withExamples(EXAMPLES).forAll(pick(MISSING), validNames()).checkAssert(
        (missing, name) -> assertRejected(() -> recordWithout(missing.field(), name).build(),
            missing.field(), missing.code()));
  }

  @Test
  void explicitly_absent_parts_are_rejected_naming_the_field() {
    assertRejected(() -> validRecord().description(null).build(), "description",
        RuleCode.INPUT_DESCRIPTION);
    assertRejected(() -> Membership.builder().status(MembershipStatus.PENDING)
        .createdAt(CREATED).updatedAt(CREATED).build(), "member.tenant", RuleCode.INPUT_VALUE);
    assertRejected(() -> Membership.builder().tenant(TenantId.of("t1"))
        .status(MembershipStatus.PENDING).createdAt(CREATED)
        .updatedAt(CREATED.minusSeconds(1)).build(), "member.updatedAt", RuleCode.INPUT_VALUE);
    assertRejected(() -> MarketListing.paid(null, CREATED), "listing.price",
        RuleCode.INPUT_VALUE);
    assertRejected(() -> MarketListing.free(null), "listing.publishedAt", RuleCode.INPUT_VALUE);
    assertRejected(() -> TenantInfo.builder().region(RegionId.of("cn-north-4")).build(),
        "tenant.id", RuleCode.INPUT_VALUE);
    assertRejected(() -> ReplicaOrigin.of(null, RegionId.of("cn-north-4")), "origin.image",
        RuleCode.INPUT_VALUE);
    assertRejected(() -> Page.of(null, Optional.empty()), "items", RuleCode.INPUT_VALUE);
    assertRejected(() -> Page.of(Arrays.asList("a", null), Optional.empty()),
        "items[1]", RuleCode.INPUT_VALUE);
    assertRejected(() -> Page.of(List.of("a"), null), "nextCursor", RuleCode.INPUT_VALUE);
  }

  @Test
  void os_versions_with_deceptive_characters_are_rejected_as_INPUT_VALUE() {
    qt().withExamples(EXAMPLES).forAll(inserted(texts(0, 10), deceptiveCharacters()))
        .checkAssert(version -> assertRejected(() -> OsFacts.builder()
            .osType(OsType.LINUX).platform(Platform.UBUNTU).osVersion(version)
            .architecture(Architecture.X86_64).bootMode(BootMode.UEFI).build(),
            "os.osVersion", RuleCode.INPUT_VALUE));
  }

  @Test
  void name_prefixes_with_deceptive_characters_are_rejected_as_INPUT_NAME() {
    qt().withExamples(EXAMPLES).forAll(inserted(texts(0, 20), deceptiveCharacters()))
        .checkAssert(prefix -> assertRejected(() -> query().namePrefix(prefix).build(),
            "namePrefix", RuleCode.INPUT_NAME));
  }

  // ------------------------------------------------------------------------------- families

  @Test
  void family_names_outside_their_format_are_rejected_as_FAMILY_NAME() {
    qt().withExamples(EXAMPLES).forAll(invalidFamilies()).checkAssert(name -> {
      assertRejected(() -> Inputs.family(name, "family"), "family", RuleCode.FAMILY_NAME);
      assertRejected(() -> validRecord().family(name).build(), "family", RuleCode.FAMILY_NAME);
      assertRejected(() -> Family.platform(name), "family.name", RuleCode.FAMILY_NAME);
    });
  }

  @Test
  void family_names_in_their_format_are_accepted() {
    qt().withExamples(EXAMPLES).forAll(validFamilies()).checkAssert(name ->
        assertThat(validRecord().family(name).build().family()).contains(name));
  }

  // ---------------------------------------------------------------------------------- price

  @Test
  void prices_of_unbounded_magnitude_or_scale_are_rejected_as_MARKET_PRICE() {
    Gen<String> tooBig = oneOf(
        integers().between(13, 60).map(digits -> "9".repeat(digits)),
        integers().between(12, Integer.MAX_VALUE).map(exponent -> "1E+" + exponent),
        constant("1E+999999999"), constant("1E+2147483647"));
    Gen<String> tooFine = oneOf(
        integers().between(3, 60).map(decimals -> "0." + "0".repeat(decimals - 1) + "1"),
        integers().between(3, Integer.MAX_VALUE).map(exponent -> "1E-" + exponent),
        constant("0.000000001"));
    qt().withExamples(EXAMPLES).forAll(tooBig, tooFine, enumValues(PriceUnit.class))
        .checkAssert((big, fine, unit) -> {
          assertRejected(() -> Price.of(big, "USD", unit), "price.amount", RuleCode.MARKET_PRICE);
          assertRejected(() -> Price.of(fine, "USD", unit), "price.amount",
              RuleCode.MARKET_PRICE);
          assertRejected(() -> Price.of("1.5", "JPY", unit), "price.amount",
              RuleCode.MARKET_PRICE);
        });
  }

  @Test
  void prices_of_twelve_digits_and_the_minor_unit_are_accepted() {
    qt().withExamples(EXAMPLES).forAll(integers().between(1, 12), integers().between(0, 2))
        .checkAssert((digits, decimals) -> {
          String amount = "9".repeat(digits) + (decimals == 0 ? "" : "." + "5".repeat(decimals));
          assertThat(Price.of(amount, "USD", PriceUnit.PER_HOUR).amount())
              .isEqualByComparingTo(new java.math.BigDecimal(amount));
        });
  }

  @Test
  void prices_that_are_not_positive_numbers_in_an_iso_currency_are_rejected_as_MARKET_PRICE() {
    // Letters only, so that no generated text is accidentally a number such as "1." or "1e3".
    Gen<String> notNumbers = oneOf(constant(""), constant(" 1"), constant("1,5"),
        constant("12 USD"), constant("1.2.3"), constant("--1"), constant("1e"),
        strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 10));
    Gen<String> notPositive = oneOf(constant("0"), constant("0.00"), constant("-0.01"),
        integers().between(Integer.MIN_VALUE, 0).map(i -> String.valueOf(i)));
    Gen<String> notCurrencies = oneOf(constant(""), constant("usd"), constant("US"),
        constant("DOLLAR"), constant("ZZZ"), constant("XYZ1"));
    qt().withExamples(EXAMPLES).forAll(notNumbers, notPositive, notCurrencies,
        enumValues(PriceUnit.class)).checkAssert((text, amount, currency, unit) -> {
          assertRejected(() -> Price.of(text, "USD", unit), "price.amount",
              RuleCode.MARKET_PRICE);
          assertRejected(() -> Price.of(amount, "EUR", unit), "price.amount",
              RuleCode.MARKET_PRICE);
          assertRejected(() -> Price.of("9.99", currency, unit), "price.currency",
              RuleCode.MARKET_PRICE);
          assertRejected(() -> Price.of("9.99", "CNY", null), "price.unit",
              RuleCode.MARKET_PRICE);
        });
  }

  // ---------------------------------------------------------------------------------- pages

  @Test
  void page_sizes_outside_1_to_1000_and_foreign_cursors_are_rejected_as_INPUT_PAGE() {
    Gen<Integer> badSizes = oneOf(integers().between(Integer.MIN_VALUE, 0),
        integers().between(ImageQuery.MAX_PAGE_SIZE + 1, Integer.MAX_VALUE));
    Gen<String> badCursors = oneOf(constant(""), texts(1025, 2000));
    qt().withExamples(EXAMPLES).forAll(badSizes, badCursors).checkAssert((size, cursor) -> {
      assertRejected(() -> query().pageSize(size).build(), "pageSize", RuleCode.INPUT_PAGE);
      assertRejected(() -> query().cursor(cursor).build(), "cursor", RuleCode.INPUT_PAGE);
    });
  }

  @Test
  void a_query_for_deleted_images_is_rejected() {
    assertRejected(() -> query().addStatuses(ImageStatus.DELETED).build(), "statuses",
        RuleCode.LIFECYCLE_DELETED);
  }

  // -------------------------------------------------------------------------------- helpers

  /**
   * Asserts that the call throws an {@link InputException} naming the field and the rule, in
   * its accessors and in its message, and that the message shows a bounded part of the value.
   */
  static InputException assertRejected(Call call, String field, RuleCode code) {
    try {
      call.run();
    } catch (InputException e) {
      assertThat(e.field()).as("field of %s", e.getMessage()).isEqualTo(field);
      assertThat(e.code()).as("code of %s", e.getMessage()).isEqualTo(code);
      assertThat(e.getMessage()).contains(field).contains("[" + code.value() + "]");
      assertThat(e.value().length()).as("shown value").isLessThanOrEqualTo(100);
      return e;
    }
    return fail("expected an InputException on %s [%s]", field, code);
  }

  /** A call that is expected to throw. */
  @FunctionalInterface
  interface Call {
    Object run();
  }

  private static Gen<String> unknownConstantNames() {
    return oneOf(absent(), constant(""), constant("   "),
        strings().basicLatinAlphabet().ofLengthBetween(0, 20),
        strings().betweenCodePoints(0x20, 0x4FF).ofLengthBetween(1, 12));
  }

  private static boolean namesAConstant(Class<? extends Enum<?>> type, String name) {
    return name != null && Arrays.stream(type.getEnumConstants())
        .anyMatch(constant -> constant.name().equalsIgnoreCase(name.trim()));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object constantOf(Class<? extends Enum<?>> type, String name, String field) {
    return Inputs.constant((Class) type, name, field);
  }

  private static String mixedCase(String name, int seed) {
    StringBuilder mixed = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      mixed.append(((seed >>> (i % 31)) & 1) == 0
          ? Character.toLowerCase(c) : Character.toUpperCase(c));
    }
    return mixed.toString();
  }

  /** A valid private SYSTEM_DISK record's builder, for changing one part. */
  static ImageRecord.Builder validRecord() {
    return recordWithout("", "web server");
  }

  private static ImageRecord.Builder recordWithout(String field, String name) {
    ImageRecord.Builder record = ImageRecord.builder();
    Map<String, Consumer<ImageRecord.Builder>> parts = new java.util.LinkedHashMap<>();
    parts.put("id", b -> b.id(ImageId.of("image-1")));
    parts.put("name", b -> b.name(name));
    parts.put("imageClass", b -> b.imageClass(ImageClass.PRIVATE));
    parts.put("type", b -> b.type(ImageType.SYSTEM_DISK));
    parts.put("source", b -> b.source(ImageSource.SERVER));
    parts.put("status", b -> b.status(ImageStatus.ACTIVE));
    parts.put("region", b -> b.region(RegionId.of("cn-north-4")));
    parts.put("owner", b -> b.owner(TenantId.of("owner")));
    parts.put("os", b -> b.os(OsFacts.builder().osType(OsType.LINUX).platform(Platform.UBUNTU)
        .architecture(Architecture.X86_64).bootMode(BootMode.UEFI).build()));
    parts.put("disks", b -> b.addDisks(DiskSpec.of(DiskRole.SYSTEM, 40)));
    parts.put("minDiskGib", b -> b.minDiskGib(40));
    parts.put("serverKinds", b -> b.addServerKinds(ServerKind.ECS));
    parts.put("createdAt", b -> b.createdAt(CREATED));
    parts.put("updatedAt", b -> b.updatedAt(CREATED));
    parts.put("version", b -> b.version(1));
    parts.forEach((part, set) -> {
      if (!part.equals(field)) {
        set.accept(record);
      }
    });
    return record;
  }

  private static FileFacts.Builder validFile() {
    return FileFacts.builder().id(FileId.of("file-1")).owner(TenantId.of("owner"))
        .region(RegionId.of("cn-north-4")).format(FileFormat.QCOW2).sizeBytes(1024);
  }

  private static ImageQuery.Builder query() {
    return ImageQuery.builder().viewer(TenantId.of("viewer")).region(RegionId.of("cn-north-4"));
  }

  @Test
  void the_valid_base_record_is_valid() {
    assertThat(validRecord().build().name()).isEqualTo("web server");
    assertThat(Set.copyOf(MISSING.stream().map(Missing::field).toList())).hasSize(MISSING.size());
  }
}
