package dev.imago.benchmarks;

import dev.imago.spi.ImageQuery;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ListingKey;
import dev.imago.spi.Page;
import dev.imago.spi.PageCursor;
import dev.imago.spi.TenantId;
import dev.imago.store.jdbc.internal.ListingSql;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A listing population, retiring ({@link Population#withRetirements()}), loaded into PostgreSQL ({@link
 * PgListing}) with the pages to ask for: the viewers of {@link ListingData}, each with its first
 * page and a page in the middle of its listing, as Imago asks for them (a query with a cursor)
 * and as Glance does (a marker). The queries judge no deprecation (they have no time), so that
 * they list what Glance's query lists: every image the viewer sees.
 *
 * <p>Loading a million images takes minutes: the data of each size stays in the database, in a
 * schema of its own, for the next benchmark of that size in this JVM.
 */
final class PgListingData {
  private static final int VIEWERS = 16;
  private static final Map<Integer, PgListingData> LOADED = new HashMap<>();

  final PgListing pg;
  final List<TenantId> viewers = new ArrayList<>();

  private PgListingData(PgListing pg) {
    this.pg = pg;
    int tenants = pg.population.tenants();
    for (int i = 0; i < VIEWERS; i++) {
      viewers.add(Population.tenantId(i * 2 * (tenants / (2 * VIEWERS)) + i % 2));
    }
  }

  static synchronized PgListingData of(int images) throws SQLException, IOException {
    PgListingData data = LOADED.get(images);
    if (data == null) {
      data = new PgListingData(PgListing.load(Population.forListing(images).withRetirements()));
      LOADED.put(images, data);
    }
    return data;
  }

  /** A viewer's page as each side asks for it. */
  record Prepared(TenantId viewer, ImageQuery query, PgListing.Marker marker) {}

  /** The default listing of a viewer: everything it sees, newest first, a page of 100. */
  ImageQuery firstPage(TenantId viewer) {
    return ImageQuery.builder().viewer(viewer)
        .region(Population.regionOf(Population.tenantIndex(viewer)))
        .pageSize(PgListing.PAGE_SIZE).build();
  }

  /** A viewer's first page, or the page that starts in the middle of its listing. */
  Prepared prepare(TenantId viewer, boolean deep) {
    ImageQuery first = firstPage(viewer);
    if (!deep) {
      return new Prepared(viewer, first, null);
    }
    List<Page<ImageRecord>> pages = new ArrayList<>();
    Page<ImageRecord> page = pg.store.listVisible(first);
    pages.add(page);
    while (page.nextCursor().isPresent()) {
      page = pg.store.listVisible(ImageQuery.builder().from(first).cursor(page.nextCursor())
          .build());
      pages.add(page);
    }
    Page<ImageRecord> before = pages.get(Math.max(0, pages.size() / 2 - 1));
    if (before.nextCursor().isEmpty()) {
      throw new IllegalStateException(viewer + " sees too few images for a deep page");
    }
    ImageRecord last = before.items().get(before.items().size() - 1);
    return new Prepared(viewer, ImageQuery.builder().from(first).cursor(before.nextCursor())
        .build(), new PgListing.Marker(last.createdAt(), last.id().value()));
  }

  /**
   * Asserts that Imago's store and Glance's query list every viewer's page alike (the same ids,
   * and whether another page follows).
   */
  void assertSameAnswers(boolean deep) throws SQLException {
    try (Connection connection = pg.pool.getConnection()) {
      for (TenantId viewer : viewers) {
        Prepared prepared = prepare(viewer, deep);
        Page<ImageRecord> imago = pg.store.listVisible(prepared.query());
        List<String> glance;
        try (PreparedStatement statement = connection.prepareStatement(
            PgListing.glanceSql(pg.glanceSchemaOf(viewer), deep))) {
          glance = PgListing.glancePage(statement, viewer, prepared.marker());
        }
        List<String> imagoIds = imago.items().stream().map(image -> image.id().value()).toList();
        List<String> glanceIds = glance.stream().limit(PgListing.PAGE_SIZE).toList();
        if (!imagoIds.equals(glanceIds)
            || imago.nextCursor().isPresent() != glance.size() > PgListing.PAGE_SIZE) {
          throw new IllegalStateException("Imago and Glance list different " + (deep ? "deep"
              : "first") + " pages for " + viewer + ": " + imagoIds + " and " + glanceIds);
        }
        if (imagoIds.isEmpty()) {
          throw new IllegalStateException(viewer + " sees nothing");
        }
      }
    }
  }

  /**
   * Writes EXPLAIN (ANALYZE, BUFFERS) of the first viewer's page, both ways, to a file.
   *
   * @param deep which page
   * @param file where
   */
  void explain(boolean deep, Path file) throws SQLException {
    Prepared prepared = prepare(viewers.get(0), deep);
    StringBuilder text = new StringBuilder();
    String explain = "EXPLAIN (ANALYZE, BUFFERS) ";
    try (Connection connection = pg.pool.getConnection()) {
      ListingKey after = PageCursor.decode(prepared.query()).orElse(null);
      // Twice, and the second plan is kept: the first run warms the cache as a benchmark does.
      for (int run = 0; run < 2; run++) {
        text.setLength(0);
        text.append("-- Imago, ").append(pg.population.images()).append(" images, ")
            .append(deep ? "deep" : "first").append(" page of ").append(prepared.viewer())
            .append('\n');
        try (PreparedStatement statement =
            ListingSql.prepare(connection, prepared.query(), after, explain)) {
          lines(statement, text);
        }
        text.append("\n-- Glance-shaped\n");
        try (PreparedStatement statement = connection.prepareStatement(
            explain + PgListing.glanceSql(pg.glanceSchemaOf(prepared.viewer()), deep))) {
          PgListing.bindGlance(statement, prepared.viewer(), prepared.marker());
          lines(statement, text);
        }
      }
    }
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes EXPLAIN (ANALYZE, BUFFERS) of an Imago query to a file, the second of two runs.
   *
   * @param title what the query is
   * @param query the query, with its cursor if any
   * @param file where
   */
  void explain(String title, ImageQuery query, Path file) throws SQLException {
    StringBuilder text = new StringBuilder();
    try (Connection connection = pg.pool.getConnection()) {
      ListingKey after = PageCursor.decode(query).orElse(null);
      for (int run = 0; run < 2; run++) {
        text.setLength(0);
        text.append("-- Imago, ").append(pg.population.images()).append(" images, ")
            .append(title).append('\n');
        try (PreparedStatement statement =
            ListingSql.prepare(connection, query, after, "EXPLAIN (ANALYZE, BUFFERS) ")) {
          lines(statement, text);
        }
      }
    }
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void lines(PreparedStatement statement, StringBuilder text)
      throws SQLException {
    try (ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        text.append(rows.getString(1)).append('\n');
      }
    }
  }
}
