package dev.imago.spi;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * What {@link ImageFilter} and {@link ImageQuery} share: the reasons for visibility and the
 * membership statuses that count, the filters, the order and the page, with their checks.
 */
abstract class ListingAttributes {
  ListingAttributes() {}

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
   * Returns the start of the names listed, compared exactly, if any: up to 128 of the characters
   * a name holds (rule {@code INPUT_NAME}), so that it matches whole characters, in the same code
   * point order the NAME sort follows.
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
   * Returns the family filter: only images of this family are listed ({@link
   * Family#contains(ImageRecord)}).
   *
   * @return the family, if the listing is filtered by one
   */
  public abstract Optional<Family> family();

  /**
   * Tells whether images deprecated at the query's time are listed although the viewer does not
   * own them (rule {@code USE_DEPRECATED}). A viewer always sees its own deprecated images.
   *
   * @return {@code true} to list other tenants' and the platform's deprecated images too; {@code
   *     false} by default
   */
  @Value.Default
  public boolean includeDeprecated() {
    return false;
  }

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
    return ImageFilter.DEFAULT_PAGE_SIZE;
  }

  /**
   * Returns the cursor of the page to read: empty for the first page, else the {@link
   * Page#nextCursor()} of the previous page of the same query.
   *
   * @return the cursor
   */
  public abstract Optional<String> cursor();

  @Value.Check
  void checkFilter() {
    Inputs.presentElements(include(), "include");
    Inputs.presentElements(membership(), "membership");
    Inputs.presentElements(types(), "types");
    Inputs.presentElements(statuses(), "statuses");
    if (statuses().contains(ImageStatus.DELETED)) {
      throw new InputException("statuses", statuses(), RuleCode.LIFECYCLE_DELETED,
          "must not ask for DELETED images, which are never listed");
    }
    if (pageSize() < 1 || pageSize() > ImageFilter.MAX_PAGE_SIZE) {
      throw new InputException("pageSize", pageSize(), RuleCode.INPUT_PAGE,
          "must be from 1 to " + ImageFilter.MAX_PAGE_SIZE);
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
    namePrefix().ifPresent(prefix -> Inputs.namePrefix(prefix, "namePrefix"));
    cursor().ifPresent(cursor -> {
      if (cursor.isEmpty() || cursor.length() > 1024) {
        throw new InputException("cursor", cursor, RuleCode.INPUT_PAGE,
            "must be a cursor a listing with this filter returned");
      }
    });
  }
}
