package dev.imago.spi;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * Which images a tenant sees in its region, filtered, sorted and paged: the question behind
 * {@link ImageStore#listVisible(ImageQuery)}.
 *
 * <p>An image is listed when it is not DELETED, lies in the query's region, is visible to the
 * viewer for one of the reasons in {@link #include()} and passes every filter that is set ({@link
 * #matches(ImageRecord)}, the one definition every store follows). An image visible for two
 * reasons (a tenant's own market image) is listed once.
 */
@Value.Immutable
public abstract class ImageQuery implements WithImageQuery {
  /** The largest page (rule {@code INPUT_PAGE}). */
  public static final int MAX_PAGE_SIZE = 1000;
  /** The page size when none is given. */
  public static final int DEFAULT_PAGE_SIZE = 100;

  ImageQuery() {}

  /**
   * Returns a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@code ImageQuery}; {@code build()} checks it. */
  public static final class Builder extends ImmutableImageQuery.Builder {
    Builder() {}
  }

  /**
   * Returns the tenant that looks.
   *
   * @return the viewer
   */
  public abstract TenantId viewer();

  /**
   * Returns the region looked in.
   *
   * @return the region
   */
  public abstract RegionId region();

  /**
   * Returns the reasons for visibility that count; all four by default.
   *
   * @return the reasons
   */
  @Value.Default
  public Set<Visibility> include() {
    return EnumSet.allOf(Visibility.class);
  }

  /**
   * Returns the membership statuses that make a shared image visible; ACCEPTED by default
   * (rule {@code USE_NOT_VISIBLE}). A member asks for PENDING or REJECTED shares explicitly.
   *
   * @return the membership statuses
   */
  @Value.Default
  public Set<MembershipStatus> membership() {
    return EnumSet.of(MembershipStatus.ACCEPTED);
  }

  /**
   * Returns the types listed; empty for all.
   *
   * @return the types
   */
  public abstract Set<ImageType> types();

  /**
   * Returns the statuses listed; empty for every status but DELETED, which is never listed.
   *
   * @return the statuses
   */
  public abstract Set<ImageStatus> statuses();

  /**
   * Returns the OS type listed, if any.
   *
   * @return the OS type filter
   */
  public abstract Optional<OsType> osType();

  /**
   * Returns the platform listed, if any.
   *
   * @return the platform filter
   */
  public abstract Optional<Platform> platform();

  /**
   * Returns the start of the names listed, compared exactly, if any.
   *
   * @return the name prefix filter
   */
  public abstract Optional<String> namePrefix();

  /**
   * Returns the tag key an image must carry, if any.
   *
   * @return the tag key filter
   */
  public abstract Optional<String> tagKey();

  /**
   * Returns the value the tag {@link #tagKey()} must have, if any; only with a tag key.
   *
   * @return the tag value filter
   */
  public abstract Optional<String> tagValue();

  /**
   * Returns the order of the listing.
   *
   * @return the sort
   */
  @Value.Default
  public ImageSort sort() {
    return ImageSort.NEWEST_FIRST;
  }

  /**
   * Returns the largest number of images on one page, from 1 to 1000 (rule {@code INPUT_PAGE}).
   *
   * @return the page size
   */
  @Value.Default
  public int pageSize() {
    return DEFAULT_PAGE_SIZE;
  }

  /**
   * Returns the cursor of the page to read: empty for the first page, else the {@link
   * Page#nextCursor()} of the previous page of the same query.
   *
   * @return the cursor
   */
  public abstract Optional<String> cursor();

  /**
   * Tells whether the query lists an image: it is not DELETED, lies in the query's region, is
   * visible to the viewer for one of the reasons in {@link #include()} (OWN: the viewer owns it;
   * PUBLIC and MARKET: its class; SHARED: the viewer is a member with one of the statuses in
   * {@link #membership()}), and passes every filter that is set. Paging is not part of it.
   *
   * @param record an image
   * @return {@code true} when the query lists it
   * @throws InputException if the record is absent
   */
  public final boolean matches(ImageRecord record) {
    Inputs.present(record, "record");
    return record.status() != ImageStatus.DELETED
        && record.region().equals(region())
        && isVisible(record)
        && (types().isEmpty() || types().contains(record.type()))
        && (statuses().isEmpty() || statuses().contains(record.status()))
        && (osType().isEmpty() || record.os().map(OsFacts::osType).equals(osType()))
        && (platform().isEmpty() || record.os().map(OsFacts::platform).equals(platform()))
        && (namePrefix().isEmpty() || record.name().startsWith(namePrefix().get()))
        && (tagKey().isEmpty() || hasTag(record));
  }

  private boolean isVisible(ImageRecord record) {
    for (Visibility reason : include()) {
      boolean visible = switch (reason) {
        case OWN -> record.isOwnedBy(viewer());
        case PUBLIC -> record.imageClass() == ImageClass.PUBLIC;
        case MARKET -> record.imageClass() == ImageClass.MARKET;
        case SHARED -> record.member(viewer())
            .filter(member -> membership().contains(member.status())).isPresent();
      };
      if (visible) {
        return true;
      }
    }
    return false;
  }

  private boolean hasTag(ImageRecord record) {
    String value = record.tags().get(tagKey().get());
    return value != null && (tagValue().isEmpty() || tagValue().get().equals(value));
  }

  @Value.Check
  void check() {
    Inputs.present(viewer(), "viewer");
    Inputs.present(region(), "region");
    Inputs.presentElements(include(), "include");
    Inputs.presentElements(membership(), "membership");
    Inputs.presentElements(types(), "types");
    Inputs.presentElements(statuses(), "statuses");
    if (statuses().contains(ImageStatus.DELETED)) {
      throw new InputException("statuses", statuses(), RuleCode.LIFECYCLE_DELETED,
          "must not ask for DELETED images, which are never listed");
    }
    if (pageSize() < 1 || pageSize() > MAX_PAGE_SIZE) {
      throw new InputException("pageSize", pageSize(), RuleCode.INPUT_PAGE,
          "must be from 1 to " + MAX_PAGE_SIZE);
    }
    tagKey().ifPresent(key -> Inputs.tags(java.util.Map.of(key, ""), "tagKey"));
    tagValue().ifPresent(value -> {
      if (value.codePointCount(0, value.length()) > Inputs.TAG_VALUE_MAX_LENGTH) {
        throw new InputException("tagValue", value, RuleCode.INPUT_TAGS,
            "must be at most " + Inputs.TAG_VALUE_MAX_LENGTH + " characters");
      }
    });
    if (tagValue().isPresent() && tagKey().isEmpty()) {
      throw new InputException("tagValue", tagValue().get(), RuleCode.INPUT_TAGS,
          "needs a tagKey");
    }
    namePrefix().ifPresent(prefix -> {
      if (prefix.codePointCount(0, prefix.length()) > Inputs.NAME_MAX_LENGTH) {
        throw new InputException("namePrefix", prefix, RuleCode.INPUT_NAME,
            "must be at most " + Inputs.NAME_MAX_LENGTH + " characters");
      }
    });
    cursor().ifPresent(cursor -> {
      if (cursor.isEmpty() || cursor.length() > 1024) {
        throw new InputException("cursor", cursor, RuleCode.INPUT_PAGE,
            "must be a cursor this query returned");
      }
    });
  }
}
