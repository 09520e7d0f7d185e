package dev.imago.benchmarks;

import dev.imago.spi.ImageChange;
import dev.imago.spi.ImageQuery;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.ImageType;
import dev.imago.spi.Page;
import dev.imago.spi.TenantId;
import dev.imago.store.memory.InMemoryImageStore;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One listing population loaded twice, into Imago's memory store and into H2, with the pages to
 * ask for: a few viewers, each with its first page and a page deep in the middle of its listing.
 *
 * <p>Loading a million images with their 11 million memberships takes minutes, so the loaded data
 * of the last size asked for is kept for the next benchmark of the same size, which JMH runs in
 * the same JVM (the listing benchmark does not fork).
 */
final class ListingData {
  private static final int VIEWERS = 16;
  private static ListingData current;

  final Population population;
  final InMemoryImageStore store = new InMemoryImageStore();
  final H2Listing h2;
  final List<TenantId> viewers = new ArrayList<>();

  private ListingData(Population population) throws SQLException {
    this.population = population;
    this.h2 = new H2Listing("listing" + population.images());
    try (H2Listing.Loader loader = h2.new Loader()) {
      population.forEachImage(image -> {
        store.save(ImageChange.of(image, 0, List.of()));
        try {
          loader.add(image);
        } catch (SQLException e) {
          throw new IllegalStateException("H2 refused image " + image.id(), e);
        }
      });
    }
    for (int i = 0; i < VIEWERS; i++) {
      // Spread over the tenants, alternately of each region.
      viewers.add(Population.tenantId(i * 2 * (population.tenants() / (2 * VIEWERS)) + i % 2));
    }
  }

  /**
   * Returns the data of a listing population of {@code images} images, loading it unless it is
   * the one loaded last.
   *
   * @param images how many images
   * @return the loaded data
   */
  static synchronized ListingData of(int images) throws SQLException {
    if (current == null || current.population.images() != images) {
      if (current != null) {
        current.h2.close();
        // Let the old size go before the new one is loaded: both may not fit in the heap.
        current = null;
      }
      current = new ListingData(Population.forListing(images));
    }
    return current;
  }

  /** The query of a viewer's first page, with or without the filters. */
  ImageQuery firstPage(TenantId viewer, boolean filtered) {
    ImageQuery.Builder query = ImageQuery.builder().viewer(viewer)
        .region(Population.regionOf(Population.tenantIndex(viewer)))
        .pageSize(H2Listing.PAGE_SIZE);
    if (filtered) {
      query.addTypes(ImageType.SYSTEM_DISK).addStatuses(ImageStatus.ACTIVE);
    }
    return query.build();
  }

  /**
   * Returns the query of a viewer's page: the first, or the one that starts in the middle of all
   * the viewer sees, found by reading the listing through.
   *
   * @param viewer the viewer
   * @param page which page
   * @return the query, with the cursor of a deep page
   */
  Prepared prepare(TenantId viewer, ListingPage page) {
    ImageQuery first = firstPage(viewer, page.filtered);
    if (!page.deep) {
      return new Prepared(viewer, first, null);
    }
    List<Page<ImageRecord>> pages = new ArrayList<>();
    Page<ImageRecord> current = store.listVisible(first);
    pages.add(current);
    while (current.nextCursor().isPresent()) {
      current = store.listVisible(ImageQuery.builder().from(first)
          .cursor(current.nextCursor()).build());
      pages.add(current);
    }
    Page<ImageRecord> before = pages.get(Math.max(0, pages.size() / 2 - 1));
    if (before.nextCursor().isEmpty()) {
      throw new IllegalStateException(viewer + " sees too few images for a deep page");
    }
    ImageRecord last = before.items().get(before.items().size() - 1);
    return new Prepared(viewer,
        ImageQuery.builder().from(first).cursor(before.nextCursor()).build(),
        new H2Listing.After(last.createdAt(), last.id().value()));
  }

  /**
   * Asserts that H2 answers every viewer's page with the same images as the memory store, and
   * that its plan reads every branch from its index.
   *
   * @param page which page
   * @param statement H2's prepared query of that page
   */
  void assertSameAnswers(ListingPage page, PreparedStatement statement) throws SQLException {
    String plan = h2.plan(page);
    for (String index : List.of("IMAGES_BY_OWNER", "IMAGES_BY_CLASS", "MEMBERS_BY_MEMBER")) {
      if (!plan.contains(index)) {
        throw new IllegalStateException("H2 does not use " + index + ":\n" + plan);
      }
    }
    if (plan.contains("tableScan")) {
      throw new IllegalStateException("H2 scans a table:\n" + plan);
    }
    for (TenantId viewer : viewers) {
      Prepared prepared = prepare(viewer, page);
      Page<ImageRecord> expected = store.listVisible(prepared.query());
      List<H2Listing.Row> rows = H2Listing.page(statement, viewer.value(),
          prepared.query().region().value(), prepared.after());
      List<String> expectedIds = expected.items().stream().map(image -> image.id().value())
          .toList();
      List<String> actualIds = rows.stream().limit(H2Listing.PAGE_SIZE).map(H2Listing.Row::id)
          .toList();
      boolean expectedMore = expected.nextCursor().isPresent();
      if (!expectedIds.equals(actualIds) || expectedMore != rows.size() > H2Listing.PAGE_SIZE) {
        throw new IllegalStateException("H2 and the memory store list different " + page
            + " pages for " + viewer + ": " + expectedIds + " and " + actualIds);
      }
      if (expectedIds.isEmpty()) {
        throw new IllegalStateException(viewer + " sees nothing on its " + page + " page");
      }
    }
  }

  /**
   * A viewer's page, as each side asks for it.
   *
   * @param viewer the viewer
   * @param query the memory store's query
   * @param after where H2's deep page starts, or {@code null} for a first page
   */
  record Prepared(TenantId viewer, ImageQuery query, H2Listing.After after) {}
}
