package dev.imago.testkit;

import dev.imago.spi.Architecture;
import dev.imago.spi.BootMode;
import dev.imago.spi.ImageId;
import dev.imago.spi.Inputs;
import dev.imago.spi.MarketListing;
import dev.imago.spi.Membership;
import dev.imago.spi.MembershipStatus;
import dev.imago.spi.OsFacts;
import dev.imago.spi.OsType;
import dev.imago.spi.Platform;
import dev.imago.spi.Price;
import dev.imago.spi.PriceUnit;
import dev.imago.spi.RegionId;
import dev.imago.spi.TenantId;
import dev.imago.spi.TenantInfo;
import dev.imago.spi.TenantStatus;
import dev.imago.spi.VaultId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * QuickTheories generators of Imago's values, valid and invalid, for property tests of stores,
 * directories and hosts.
 *
 * <pre>{@code
 * qt().forAll(ImageGenerators.images().withRegions(Generate.constant(region)))
 *     .checkAssert(image -> ...);
 * qt().forAll(ImageGenerators.invalidNames())
 *     .checkAssert(name -> assertThatThrownBy(() -> Inputs.name(name, "name")) ...);
 * }</pre>
 *
 * <p>Every valid value passes every check of its type, so building it never throws. Times have
 * whole microseconds, the precision most databases keep. Generators shrink toward short, simple
 * values.
 */
public final class ImageGenerators {
  private static final String ALPHANUMERIC =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final String ID_CHARACTERS = ALPHANUMERIC + "._-";
  private static final String LOWER_ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final String FORBIDDEN_NAME_SYMBOLS = "/\\@#$%&*!?<>|:;,'\"()[]{}+=~`^";

  private static final Gen<Integer> NAME_LETTERS = Generate.frequency(List.of(
      Pair.of(12, codePointsOf(ALPHANUMERIC)),
      Pair.of(4, Generate.range(0x4E00, 0x9FA5)), // CJK unified ideographs
      Pair.of(1, Generate.range(0x03B1, 0x03C9)), // Greek small letters
      Pair.of(1, Generate.range(0x0430, 0x044F)), // Cyrillic small letters
      Pair.of(1, Generate.range(0x0660, 0x0669)), // Arabic-Indic digits
      Pair.of(1, Generate.range(0x20000, 0x2A6D6)))); // CJK extension B, outside the BMP
  private static final Gen<Integer> NAME_CHARACTERS = Generate.frequency(List.of(
      Pair.of(8, NAME_LETTERS), Pair.of(2, codePointsOf(" _-."))));
  private static final Gen<Integer> NAME_LENGTHS = Generate.frequency(List.of(
      Pair.of(4, Generate.range(1, 16)), Pair.of(1, Generate.range(1, Inputs.NAME_MAX_LENGTH))));
  // 2020-01-01 to 2030-01-01.
  private static final Gen<Long> EPOCH_SECONDS = Generate.longRange(1_577_836_800L, 1_893_456_000L);

  private ImageGenerators() {}

  /**
   * Returns valid image ids.
   *
   * @return the generator
   */
  public static Gen<ImageId> imageIds() {
    return idStrings().map(ImageId::of);
  }

  /**
   * Returns valid tenant ids.
   *
   * @return the generator
   */
  public static Gen<TenantId> tenantIds() {
    return idStrings().map(TenantId::of);
  }

  /**
   * Returns valid region ids: lower case groups joined by '-', such as {@code cn-north-4}.
   *
   * @return the generator
   */
  public static Gen<RegionId> regionIds() {
    Gen<String> first = textOf("abcdefghijklmnopqrstuvwxyz", Generate.constant(1))
        .zip(textOf(LOWER_ALPHANUMERIC, Generate.range(1, 5)), String::concat);
    Gen<String> group = textOf(LOWER_ALPHANUMERIC, Generate.range(1, 5));
    Gen<Integer> groups = Generate.range(0, 2);
    return in -> {
      StringBuilder region = new StringBuilder(first.generate(in));
      for (int i = groups.generate(in); i > 0; i--) {
        region.append('-').append(group.generate(in));
      }
      return RegionId.of(region.toString());
    };
  }

  /**
   * Returns strings that break the id format (rule {@code INPUT_ID}): empty, too long, starting
   * with a symbol, or holding a space, a slash or a non-ASCII letter.
   *
   * @return the generator
   */
  public static Gen<String> malformedIds() {
    Gen<String> valid = idStrings();
    return anyOf(List.of(
        Generate.constant(""),
        textOf(ID_CHARACTERS, Generate.range(Inputs.ID_MAX_LENGTH + 1, 100))
            .map(tail -> "x" + tail),
        valid.zip(Generate.pick(List.of(".", "_", "-")), (id, symbol) -> symbol + id),
        insertedInto(valid, Generate.pick(List.of(" ", "/", "é", "\t", "中")))));
  }

  /**
   * Returns strings that break the region id format (rule {@code INPUT_ID}): upper case, too
   * short or too long, starting with a digit or '-', or with empty or foreign groups.
   *
   * @return the generator
   */
  public static Gen<String> malformedRegionIds() {
    Gen<String> valid = regionIds().map(RegionId::value);
    return anyOf(List.of(
        Generate.pick(List.of("", "a", "1a", "-ab", "ab-", "ab--cd", "ab_cd", "ab cd")),
        valid.map(region -> region.toUpperCase(Locale.ROOT)),
        valid.map(region -> region + "-" + "x".repeat(32))));
  }

  /**
   * Returns valid image names (rule {@code INPUT_NAME}): 1 to 128 letters of several scripts
   * (CJK and characters outside the BMP included), digits, spaces, '_', '-' and '.', never
   * starting or ending with a space.
   *
   * @return the generator
   */
  public static Gen<String> names() {
    return in -> {
      int length = NAME_LENGTHS.generate(in);
      StringBuilder name = new StringBuilder();
      for (int i = 0; i < length; i++) {
        boolean atEdge = i == 0 || i == length - 1;
        name.appendCodePoint((atEdge ? NAME_LETTERS : NAME_CHARACTERS).generate(in));
      }
      return name.toString();
    };
  }

  /**
   * Returns names that are empty or only spaces.
   *
   * @return the generator
   */
  public static Gen<String> blankNames() {
    return Generate.range(0, 5).map(" "::repeat);
  }

  /**
   * Returns names longer than 128 characters.
   *
   * @return the generator
   */
  public static Gen<String> tooLongNames() {
    return textOf(ALPHANUMERIC, Generate.range(Inputs.NAME_MAX_LENGTH + 1, 300));
  }

  /**
   * Returns otherwise valid names holding a control character.
   *
   * @return the generator
   */
  public static Gen<String> namesWithControlCharacters() {
    Gen<String> controls = anyOf(List.of(Generate.range(0x00, 0x1F), Generate.range(0x7F, 0x9F)))
        .map(Character::toString);
    return insertedInto(names(), controls);
  }

  /**
   * Returns otherwise valid names that start or end with a space.
   *
   * @return the generator
   */
  public static Gen<String> namesWithLeadingOrTrailingSpace() {
    return names().zip(Generate.booleans(),
        (name, leading) -> leading ? " " + name : name + " ");
  }

  /**
   * Returns otherwise valid names holding a symbol the rule does not allow, such as '/', '@' or
   * an emoji.
   *
   * @return the generator
   */
  public static Gen<String> namesWithForbiddenSymbols() {
    Gen<String> symbols = anyOf(List.of(
        codePointsOf(FORBIDDEN_NAME_SYMBOLS).map(Character::toString),
        Generate.range(0x1F600, 0x1F64F).map(Character::toString)));
    return insertedInto(names(), symbols);
  }

  /**
   * Returns names that break rule {@code INPUT_NAME} in any of the ways above.
   *
   * @return the generator
   */
  public static Gen<String> invalidNames() {
    return anyOf(List.of(blankNames(), tooLongNames(), namesWithControlCharacters(),
        namesWithLeadingOrTrailingSpace(), namesWithForbiddenSymbols()));
  }

  /**
   * Returns instants from 2020 to 2030, in whole microseconds.
   *
   * @return the generator
   */
  public static Gen<Instant> instants() {
    return EPOCH_SECONDS.zip(Generate.range(0, 999_999),
        (seconds, micros) -> Instant.ofEpochSecond(seconds, micros * 1_000L));
  }

  /**
   * Returns valid tags (rule {@code INPUT_TAGS}): up to 10, keys of 1 to 36 and values of 0 to
   * 43 characters.
   *
   * @return the generator
   */
  public static Gen<Map<String, String>> tags() {
    Gen<String> keys = textOf(ID_CHARACTERS, Generate.range(1, Inputs.TAG_KEY_MAX_LENGTH));
    Gen<String> values = textOf(ID_CHARACTERS + " :/", Generate.range(0, 43));
    Gen<Integer> counts = Generate.range(0, 10);
    return in -> {
      Map<String, String> tags = new LinkedHashMap<>();
      for (int i = counts.generate(in); i > 0; i--) {
        tags.put(keys.generate(in), values.generate(in));
      }
      return tags;
    };
  }

  /**
   * Returns operating system facts.
   *
   * @return the generator
   */
  public static Gen<OsFacts> osFacts() {
    Gen<String> versions = textOf(LOWER_ALPHANUMERIC + ".", Generate.range(0, 32));
    return in -> OsFacts.builder()
        .osType(Generate.enumValues(OsType.class).generate(in))
        .platform(Generate.enumValues(Platform.class).generate(in))
        .osVersion(versions.generate(in))
        .architecture(Generate.enumValues(Architecture.class).generate(in))
        .bootMode(Generate.enumValues(BootMode.class).generate(in))
        .build();
  }

  /**
   * Returns valid prices (rule {@code MARKET_PRICE}): positive amounts with as many decimals as
   * the currency's minor unit, in one of a few ISO 4217 currencies, per hour or one-off.
   *
   * @return the generator
   */
  public static Gen<Price> prices() {
    Gen<String> currencies = Generate.pick(List.of("USD", "EUR", "CNY", "JPY", "GBP", "KWD"));
    Gen<Long> units = Generate.longRange(1, 10_000_000);
    return currencies.zip(units, Generate.enumValues(PriceUnit.class), (currency, minor, unit) ->
        Price.of(BigDecimal.valueOf(minor, java.util.Currency.getInstance(currency)
            .getDefaultFractionDigits()).toPlainString(), currency, unit));
  }

  /**
   * Returns market listings, free or paid.
   *
   * @return the generator
   */
  public static Gen<MarketListing> marketListings() {
    return prices().toOptionals(40).zip(instants(), (price, publishedAt) ->
        price.map(paid -> MarketListing.paid(paid, publishedAt))
            .orElseGet(() -> MarketListing.free(publishedAt)));
  }

  /**
   * Returns memberships of the given tenants, in any status, with or without a vault.
   *
   * @param tenants the members
   * @return the generator
   */
  public static Gen<Membership> memberships(Gen<TenantId> tenants) {
    Gen<VaultId> vaults = idStrings().map(VaultId::of);
    return in -> {
      Instant createdAt = instants().generate(in);
      return Membership.builder()
          .tenant(tenants.generate(in))
          .status(Generate.enumValues(MembershipStatus.class).generate(in))
          .vault(vaults.toOptionals(50).generate(in))
          .createdAt(createdAt)
          .updatedAt(createdAt.plusSeconds(Generate.range(0, 86_400).generate(in)))
          .build();
    };
  }

  /**
   * Returns tenants of the given ids and regions, ACTIVE or SUSPENDED, sellers or not.
   *
   * @param ids the tenants' ids
   * @param regions the tenants' regions
   * @return the generator
   */
  public static Gen<TenantInfo> tenants(Gen<TenantId> ids, Gen<RegionId> regions) {
    Gen<String> words = textOf(ALPHANUMERIC, Generate.range(1, 8));
    return in -> TenantInfo.builder()
        .id(ids.generate(in))
        .region(regions.generate(in))
        .status(Generate.enumValues(TenantStatus.class).generate(in))
        .seller(Generate.booleans().generate(in))
        .putAttributes("org", words.generate(in))
        .build();
  }

  /**
   * Returns valid image records of every class, type, source and status, each respecting every
   * invariant of {@link dev.imago.spi.ImageRecord}; narrow them with the {@code with...} methods
   * of the returned generator.
   *
   * @return the generator
   */
  public static ImageRecordGen images() {
    return new ImageRecordGen();
  }

  /** Valid id text: an ASCII letter or digit, then up to 20 letters, digits, '.', '_', '-'. */
  static Gen<String> idStrings() {
    return textOf(ALPHANUMERIC, Generate.constant(1))
        .zip(textOf(ID_CHARACTERS, Generate.range(0, 20)), String::concat);
  }

  /** Strings of characters drawn from an alphabet, of lengths drawn from a generator. */
  static Gen<String> textOf(String alphabet, Gen<Integer> lengths) {
    Gen<Integer> characters = codePointsOf(alphabet);
    return in -> {
      StringBuilder text = new StringBuilder();
      for (int i = lengths.generate(in); i > 0; i--) {
        text.appendCodePoint(characters.generate(in));
      }
      return text.toString();
    };
  }

  private static Gen<Integer> codePointsOf(String alphabet) {
    return Generate.pick(alphabet.codePoints().boxed().toList());
  }

  /** Picks one of the generators, each as often, shrinking toward the first. */
  static <T> Gen<T> anyOf(List<Gen<T>> choices) {
    return Generate.frequency(choices.stream().map(choice -> Pair.of(1, choice)).toList());
  }

  private static Gen<String> insertedInto(Gen<String> texts, Gen<String> insertions) {
    return in -> {
      String text = texts.generate(in);
      int[] codePoints = text.codePoints().toArray();
      int at = Generate.range(0, codePoints.length).generate(in);
      int offset = text.offsetByCodePoints(0, at);
      return text.substring(0, offset) + insertions.generate(in) + text.substring(offset);
    };
  }
}
