package dev.imago.spi;

import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Which images a tenant sees in its region, filtered, sorted and paged: the question behind
 * {@link ImageStore#listVisible(ImageQuery)}, an {@link ImageFilter} with the viewer and the
 * region.
 *
 * <p>An image is listed when it is not DELETED, lies in the query's region, is visible to the
 * viewer for one of the reasons in {@link #include()} and passes every filter that is set ({@link
 * #matches(ImageRecord)}, the one definition every store follows). An image visible for two
 * reasons (a tenant's own market image) is listed once.
 */
@Value.Immutable
public abstract class ImageQuery extends ListingAttributes implements WithImageQuery {
  /** The largest page (rule {@code INPUT_PAGE}). */
  public static final int MAX_PAGE_SIZE = ImageFilter.MAX_PAGE_SIZE;
  /** The page size when none is given. */
  public static final int DEFAULT_PAGE_SIZE = ImageFilter.DEFAULT_PAGE_SIZE;

  ImageQuery() {}

  /**
   * Returns a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the query of a viewer in its region with the given filter.
   *
   * @param viewer the tenant that looks
   * @param region the tenant's region
   * @param filter what to list and how
   * @return the query
   * @throws InputException if an argument is absent
   */
  public static ImageQuery of(TenantId viewer, RegionId region, ImageFilter filter) {
    // The filter's attributes are the query's, but for the viewer and region.
    ListingAttributes attributes = Inputs.present(filter, "filter");
    return builder().from(attributes).viewer(viewer).region(region).build();
  }

  /**
   * Returns the query of a viewer in its region with the given filter, judging deprecation at a
   * moment (see {@link #asOf()}).
   *
   * @param viewer the tenant that looks
   * @param region the tenant's region
   * @param filter what to list and how
   * @param asOf the moment deprecation is judged at, normally now
   * @return the query
   * @throws InputException if an argument is absent
   */
  public static ImageQuery of(TenantId viewer, RegionId region, ImageFilter filter,
      Instant asOf) {
    ListingAttributes attributes = Inputs.present(filter, "filter");
    return builder().from(attributes).viewer(viewer).region(region)
        .asOf(Inputs.present(asOf, "asOf")).build();
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
   * Returns the moment the query judges deprecation at (rule {@code USE_DEPRECATED}): unless
   * {@link #includeDeprecated()}, an image the viewer does not own is left out from its
   * deprecation time on. {@code ImageService} sets it to its clock's time; a query without it
   * treats no image as deprecated. It is not part of a cursor's binding, so the pages of one walk
   * may be read at different times.
   *
   * @return the moment, if deprecation is judged
   */
  public abstract Optional<Instant> asOf();

  /**
   * Tells whether the query lists an image: it is not DELETED, lies in the query's region, is
   * visible to the viewer for one of the reasons in {@link #include()} (OWN: the viewer owns it;
   * PUBLIC and MARKET: its class; SHARED: the viewer is a member with one of the statuses in
   * {@link #membership()}), is not deprecated at {@link #asOf()} unless the viewer owns it or the
   * query includes deprecated images, and passes every filter that is set. Paging is not part of
   * it.
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
        && (includeDeprecated() || asOf().isEmpty() || !record.isDeprecatedAt(asOf().get())
            || record.isOwnedBy(viewer()))
        && (types().isEmpty() || types().contains(record.type()))
        && (statuses().isEmpty() || statuses().contains(record.status()))
        && (osType().isEmpty() || record.os().map(OsFacts::osType).equals(osType()))
        && (platform().isEmpty() || record.os().map(OsFacts::platform).equals(platform()))
        && (namePrefix().isEmpty() || record.name().startsWith(namePrefix().get()))
        && (tagKey().isEmpty() || hasTag(record))
        && (family().isEmpty() || family().get().contains(record));
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
  void checkQuery() {
    Inputs.present(viewer(), "viewer");
    Inputs.present(region(), "region");
  }
}
