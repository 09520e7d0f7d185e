package dev.imago.testkit;

import dev.imago.spi.Family;
import dev.imago.spi.ImageClass;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageQuery;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageSort;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.ImageType;
import dev.imago.spi.MembershipStatus;
import dev.imago.spi.OsFacts;
import dev.imago.spi.OsType;
import dev.imago.spi.Platform;
import dev.imago.spi.RegionId;
import dev.imago.spi.TenantId;
import dev.imago.spi.Visibility;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

/**
 * What a listing must return, computed the slow, obvious way over every record, and random
 * scenarios to compare a store with it.
 */
final class ListingModel {
  private static final List<TenantId> TENANTS = List.of(Samples.ALICE, Samples.BOB, Samples.CAROL);
  private static final List<RegionId> REGIONS = List.of(Samples.REGION, Samples.OTHER_REGION);
  // Shared prefixes, case differences, CJK, and U+FF21 against U+20000, whose UTF-16 order is
  // the reverse of their code point order.
  private static final List<String> NAMES = List.of("alpha", "alpha 2", "Alpha", "alphabet",
      "beta", "b", "镜像", "镜像 二", "\uFF21x", "\uD840\uDC00x");
  private static final List<String> PREFIXES =
      List.of("a", "alpha", "alpha ", "b", "镜像", "\uFF21");
  private static final List<String> FAMILY_NAMES = List.of("web", "db");
  private static final List<Instant> TIMES = List.of(
      Samples.T0, Samples.T0, Samples.T0.plusSeconds(1), Samples.T0.plusMillis(1500));
  private static final List<Map<String, String>> TAGS = List.of(Map.of(), Map.of("env", "prod"),
      Map.of("env", "dev"), Map.of("env", "prod", "team", "web"), Map.of("team", ""));

  private static final Gen<Boolean> OFTEN_SET = Generate.pick(List.of(false, true));
  private static final Gen<Boolean> RARELY_SET = Generate.pick(List.of(false, false, false, true));

  private ListingModel() {}

  /** Every record the query lists, in the query's order, ignoring its page size and cursor. */
  static List<ImageRecord> expected(Collection<ImageRecord> records, ImageQuery query) {
    return records.stream()
        .filter(record -> record.status() != ImageStatus.DELETED)
        .filter(record -> record.region().equals(query.region()))
        .filter(record -> isVisible(record, query))
        .filter(record -> !isHiddenAsDeprecated(record, query))
        .filter(record -> isOfTheFamily(record, query))
        .filter(record -> passesFilters(record, query))
        .sorted(order(query.sort()))
        .toList();
  }

  /**
   * The order of a sort: creation time or name (in code point order), ties broken by id;
   * NEWEST_FIRST is the exact reverse of OLDEST_FIRST.
   */
  static Comparator<ImageRecord> order(ImageSort sort) {
    Comparator<ImageRecord> byId = Comparator.comparing(record -> record.id().value());
    Comparator<ImageRecord> oldestFirst =
        Comparator.comparing(ImageRecord::createdAt).thenComparing(byId);
    return switch (sort) {
      case OLDEST_FIRST -> oldestFirst;
      case NEWEST_FIRST -> oldestFirst.reversed();
      case NAME -> Comparator.<ImageRecord, int[]>comparing(
          record -> record.name().codePoints().toArray(), Arrays::compare).thenComparing(byId);
    };
  }

  private static boolean isVisible(ImageRecord record, ImageQuery query) {
    Set<Visibility> reasons = query.include();
    return reasons.contains(Visibility.OWN) && record.isOwnedBy(query.viewer())
        || reasons.contains(Visibility.PUBLIC) && record.imageClass() == ImageClass.PUBLIC
        || reasons.contains(Visibility.MARKET) && record.imageClass() == ImageClass.MARKET
        || reasons.contains(Visibility.SHARED) && record.member(query.viewer())
            .filter(membership -> query.membership().contains(membership.status()))
            .isPresent();
  }

  // USE_DEPRECATED: from its deprecation time, on, an image leaves the listings of everyone but
  // its owner, unless the query asks for deprecated images.
  private static boolean isHiddenAsDeprecated(ImageRecord record, ImageQuery query) {
    if (query.includeDeprecated() || query.asOf().isEmpty() || record.deprecation().isEmpty()
        || record.isOwnedBy(query.viewer())) {
      return false;
    }
    return !record.deprecation().get().deprecatedAt().isAfter(query.asOf().get());
  }

  // A family is its owner's (the platform's: PUBLIC images): the same name of another owner is
  // another family.
  private static boolean isOfTheFamily(ImageRecord record, ImageQuery query) {
    if (query.family().isEmpty()) {
      return true;
    }
    Family family = query.family().get();
    return record.family().equals(Optional.of(family.name()))
        && record.owner().equals(family.owner())
        && (family.owner().isPresent() || record.imageClass() == ImageClass.PUBLIC);
  }

  private static boolean passesFilters(ImageRecord record, ImageQuery query) {
    Optional<OsType> osType = record.os().map(OsFacts::osType);
    Optional<Platform> platform = record.os().map(OsFacts::platform);
    Optional<String> tag = query.tagKey().map(record.tags()::get);
    return (query.types().isEmpty() || query.types().contains(record.type()))
        && (query.statuses().isEmpty() || query.statuses().contains(record.status()))
        && (query.osType().isEmpty() || query.osType().equals(osType))
        && (query.platform().isEmpty() || query.platform().equals(platform))
        && (query.namePrefix().isEmpty() || record.name().startsWith(query.namePrefix().get()))
        && (query.tagKey().isEmpty() || tag.isPresent())
        && (query.tagValue().isEmpty() || query.tagValue().equals(tag));
  }

  /** Images saved, some of them changed once, and a query to ask. */
  record Scenario(List<ImageRecord> created, List<ImageRecord> changed, ImageQuery query) {
    /** The records as they stand after every save. */
    List<ImageRecord> current() {
      List<ImageRecord> current = new ArrayList<>(created);
      for (ImageRecord change : changed) {
        current.replaceAll(record -> record.id().equals(change.id()) ? change : record);
      }
      return current;
    }

    // Only what a listing depends on, one image a line: a whole record is twenty fields long.
    @Override
    public String toString() {
      StringBuilder text = new StringBuilder("\n").append(query).append("\ncreated:");
      created.forEach(record -> text.append("\n  ").append(brief(record)));
      text.append("\nthen changed:");
      changed.forEach(record -> text.append("\n  ").append(brief(record)));
      return text.append('\n').toString();
    }

    private static String brief(ImageRecord record) {
      StringBuilder members = new StringBuilder();
      record.members().values().forEach(member ->
          members.append(' ').append(member.tenant()).append(':').append(member.status()));
      return String.join(" ", record.id().value(), record.imageClass().name(),
          record.type().name(), record.status().name(), record.region().value(),
          "owner=" + record.owner().map(TenantId::value).orElse("-"),
          "members=[" + members.toString().trim() + "]",
          "name=\"" + record.name() + "\"",
          "created=" + record.createdAt(),
          "os=" + record.os().map(os -> os.osType() + "/" + os.platform()).orElse("-"),
          "tags=" + record.tags());
    }
  }

  /**
   * Up to 40 images of three tenants in two regions, with colliding names, times and tags; a
   * third of them changed to another random shape (class, members, status, name...); and a
   * query with random reasons, filters, sort and page size.
   */
  static Gen<Scenario> scenarios() {
    ImageRecordGen shapes = ImageGenerators.images()
        .withTenants(Generate.pick(TENANTS))
        .withRegions(Generate.pick(REGIONS))
        .withNames(Generate.pick(NAMES))
        .withTimes(Generate.pick(TIMES))
        .withTags(Generate.pick(TAGS));
    Gen<Integer> counts = Generate.range(0, 40);
    Gen<Integer> dice = Generate.range(1, 3);
    return in -> {
      List<ImageRecord> created = new ArrayList<>();
      List<ImageRecord> changed = new ArrayList<>();
      for (int i = counts.generate(in); i > 0; i--) {
        Gen<ImageRecord> shapesOfOne = shapes.withIds(Generate.constant(ImageId.of("img-" + i)));
        created.add(shapesOfOne.generate(in).withVersion(1));
        if (dice.generate(in) == 1) {
          changed.add(shapesOfOne.generate(in).withVersion(2));
        }
      }
      return new Scenario(created, changed, query(in));
    };
  }

  // Each reason and filter is left at its default most of the time, so listings are rich enough
  // to page through; set, it draws from values the scenario's images use.
  private static ImageQuery query(RandomnessSource in) {
    Optional<String> tagKey = Generate.pick(List.of("env", "team")).toOptionals(75).generate(in);
    Optional<String> tagValue = tagKey.isEmpty() ? Optional.empty()
        : Generate.pick(List.of("prod", "dev", "")).toOptionals(50).generate(in);
    ImageQuery.Builder query = ImageQuery.builder()
        .viewer(Generate.pick(TENANTS).generate(in))
        .region(Generate.pick(REGIONS).generate(in))
        .osType(Generate.enumValues(OsType.class).toOptionals(85).generate(in))
        .platform(Generate.pick(List.of(Platform.UBUNTU, Platform.WINDOWS)).toOptionals(90)
            .generate(in))
        .namePrefix(Generate.pick(PREFIXES).toOptionals(75).generate(in))
        .tagKey(tagKey)
        .tagValue(tagValue)
        .sort(Generate.enumValues(ImageSort.class).generate(in))
        .pageSize(Generate.range(1, 5).generate(in))
        .asOf(Generate.pick(TIMES).toOptionals(60).generate(in))
        .includeDeprecated(RARELY_SET.generate(in))
        .family(Generate.pick(FAMILY_NAMES).zip(Generate.pick(TENANTS).toOptionals(70),
            (name, owner) -> owner.map(tenant -> Family.of(tenant, name))
                .orElseGet(() -> Family.platform(name)))
            .toOptionals(80).generate(in));
    if (OFTEN_SET.generate(in)) {
      query.include(subsetOf(Visibility.class, in));
    }
    if (OFTEN_SET.generate(in)) {
      query.membership(subsetOf(MembershipStatus.class, in));
    }
    if (RARELY_SET.generate(in)) {
      query.types(subsetOf(ImageType.class, in));
    }
    if (RARELY_SET.generate(in)) {
      query.statuses(subsetOf(ImageStatus.class, in).stream()
          .filter(status -> status != ImageStatus.DELETED).toList());
    }
    return query.build();
  }

  private static <E extends Enum<E>> Set<E> subsetOf(Class<E> type, RandomnessSource in) {
    Set<E> subset = EnumSet.noneOf(type);
    for (E value : type.getEnumConstants()) {
      if (Generate.booleans().generate(in)) {
        subset.add(value);
      }
    }
    return subset;
  }
}
