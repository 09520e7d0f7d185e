package dev.imago.benchmarks;

import dev.imago.spi.ImageClass;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.Membership;
import dev.imago.spi.TenantId;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The listing peer: H2 in memory, holding the same images in indexed tables, answering a page
 * with the query an expert writes for it. Each reason an image is visible (owned, PUBLIC, MARKET,
 * shared and accepted) is one branch that reads its index in the listing order and stops after a
 * page; a UNION ALL merges the branches and keeps the newest page. Member rows carry the image's
 * region, creation time, type and status, so the shared branch is read in order from its index
 * too, filters included, without a join until the page is known.
 */
final class H2Listing implements AutoCloseable {
  static final int PAGE_SIZE = 100;
  private static final String COLUMNS =
      "i.id, i.name, i.image_class, i.type, i.status, i.owner, i.created_at";
  private static final String FILTER = " AND i.type = 'SYSTEM_DISK' AND i.status = 'ACTIVE'";
  private static final String MEMBER_FILTER =
      " AND m.image_type = 'SYSTEM_DISK' AND m.image_status = 'ACTIVE'";
  private static final int BATCH = 10_000;

  /** One listed image, as the query returns it. */
  record Row(String id, String name, String imageClass, String type, String status,
      String owner, Instant createdAt) {}

  /** Where a deep page starts: after this image, in NEWEST_FIRST order. */
  record After(Instant createdAt, String id) {}

  private final Connection connection;

  H2Listing(String name) throws SQLException {
    connection = DriverManager.getConnection("jdbc:h2:mem:" + name);
    try (Statement ddl = connection.createStatement()) {
      ddl.execute("CREATE TABLE images (id VARCHAR(64) PRIMARY KEY, name VARCHAR(512) NOT NULL,"
          + " image_class VARCHAR(8) NOT NULL, type VARCHAR(12) NOT NULL,"
          + " status VARCHAR(12) NOT NULL, region VARCHAR(64) NOT NULL, owner VARCHAR(64),"
          + " created_at TIMESTAMP(9) WITH TIME ZONE NOT NULL)");
      ddl.execute("CREATE TABLE members (image_id VARCHAR(64) NOT NULL,"
          + " member VARCHAR(64) NOT NULL, status VARCHAR(8) NOT NULL,"
          + " region VARCHAR(64) NOT NULL, created_at TIMESTAMP(9) WITH TIME ZONE NOT NULL,"
          + " image_type VARCHAR(12) NOT NULL, image_status VARCHAR(12) NOT NULL,"
          + " PRIMARY KEY (image_id, member))");
    }
    connection.setAutoCommit(false);
  }

  /** Receives images to insert, in batches. */
  final class Loader implements AutoCloseable {
    private final PreparedStatement images = connection.prepareStatement(
        "INSERT INTO images VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    private final PreparedStatement members = connection.prepareStatement(
        "INSERT INTO members VALUES (?, ?, ?, ?, ?, ?, ?)");
    private int pending;

    Loader() throws SQLException {}

    void add(ImageRecord image) throws SQLException {
      images.setString(1, image.id().value());
      images.setString(2, image.name());
      images.setString(3, image.imageClass().name());
      images.setString(4, image.type().name());
      images.setString(5, image.status().name());
      images.setString(6, image.region().value());
      images.setString(7, image.owner().map(TenantId::value).orElse(null));
      images.setObject(8, image.createdAt());
      images.addBatch();
      for (Membership membership : image.members().values()) {
        members.setString(1, image.id().value());
        members.setString(2, membership.tenant().value());
        members.setString(3, membership.status().name());
        members.setString(4, image.region().value());
        members.setObject(5, image.createdAt());
        members.setString(6, image.type().name());
        members.setString(7, image.status().name());
        members.addBatch();
        pending++;
      }
      if (++pending >= BATCH) {
        flush();
      }
    }

    private void flush() throws SQLException {
      images.executeBatch();
      members.executeBatch();
      connection.commit();
      pending = 0;
    }

    /** Inserts what is left, then builds the indexes, on full tables, as a bulk load does. */
    @Override
    public void close() throws SQLException {
      flush();
      images.close();
      members.close();
      try (Statement ddl = connection.createStatement()) {
        ddl.execute("CREATE INDEX images_by_owner"
            + " ON images (owner, region, created_at DESC, id DESC)");
        ddl.execute("CREATE INDEX images_by_class"
            + " ON images (region, image_class, created_at DESC, id DESC)");
        ddl.execute("CREATE INDEX members_by_member"
            + " ON members (member, region, status, created_at DESC, image_id DESC)");
        ddl.execute("ANALYZE");
      }
      connection.commit();
    }
  }

  /**
   * Prepares the query of one kind of page; the statement is the caller's to close.
   *
   * @param page which page
   * @return the statement: its parameters are the viewer, the region and, for a deep page, the
   *     creation time and the id of the image it starts after
   */
  PreparedStatement prepare(ListingPage page) throws SQLException {
    return connection.prepareStatement(sql(page));
  }

  /**
   * Reads one page.
   *
   * @param query a statement from {@link #prepare(ListingPage)}
   * @param viewer the viewer
   * @param region the viewer's region
   * @param after where a deep page starts, or {@code null} for the first page
   * @return up to a page of rows, and one more when another page follows
   */
  static List<Row> page(PreparedStatement query, String viewer, String region, After after)
      throws SQLException {
    query.setString(1, viewer);
    query.setString(2, region);
    if (after != null) {
      query.setObject(3, after.createdAt());
      query.setString(4, after.id());
    }
    List<Row> rows = new ArrayList<>(PAGE_SIZE + 1);
    try (ResultSet result = query.executeQuery()) {
      while (result.next()) {
        rows.add(new Row(result.getString(1), result.getString(2), result.getString(3),
            result.getString(4), result.getString(5), result.getString(6),
            result.getObject(7, Instant.class)));
      }
    }
    return rows;
  }

  /**
   * Returns H2's plan of a page's query.
   *
   * @param page which page
   * @return the plan, as EXPLAIN prints it
   */
  String plan(ListingPage page) throws SQLException {
    try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + sql(page))) {
      explain.setString(1, "tenant-00000");
      explain.setString(2, Population.NORTH.value());
      if (page.deep) {
        explain.setObject(3, Population.EPOCH);
        explain.setString(4, "img-00000000");
      }
      try (ResultSet plan = explain.executeQuery()) {
        plan.next();
        return plan.getString(1);
      }
    }
  }

  private static String sql(ListingPage page) {
    String limit = " FETCH FIRST " + (PAGE_SIZE + 1) + " ROWS ONLY";
    String filter = page.filtered ? FILTER : "";
    String afterImage = page.deep
        ? " AND i.created_at <= ?3 AND (i.created_at < ?3 OR i.id < ?4)" : "";
    String afterMember = page.deep
        ? " AND m.created_at <= ?3 AND (m.created_at < ?3 OR m.image_id < ?4)" : "";
    // Each branch orders by all its index's columns, the fixed ones too: only then does H2 read
    // the index in order and stop after a page, instead of sorting every row of the branch.
    String own = "SELECT " + COLUMNS + " FROM images i WHERE i.owner = ?1 AND i.region = ?2"
        + filter + afterImage
        + " ORDER BY i.owner, i.region, i.created_at DESC, i.id DESC" + limit;
    String byClass = " ORDER BY i.region, i.image_class, i.created_at DESC, i.id DESC" + limit;
    String published = "SELECT " + COLUMNS + " FROM images i WHERE i.region = ?2"
        + " AND i.image_class = '" + ImageClass.PUBLIC + "'" + filter + afterImage + byClass;
    // The viewer's own MARKET images are listed once, by the owned branch.
    String market = "SELECT " + COLUMNS + " FROM images i WHERE i.region = ?2"
        + " AND i.image_class = '" + ImageClass.MARKET + "'"
        + " AND (i.owner IS NULL OR i.owner <> ?1)" + filter + afterImage + byClass;
    // H2 stops reading an index after a page only in a query without a join: the shared branch
    // takes a page of member rows first, then joins the images of that page alone.
    String sharedPage = "SELECT m.image_id FROM members m"
        + " WHERE m.member = ?1 AND m.region = ?2 AND m.status = 'ACCEPTED'"
        + (page.filtered ? MEMBER_FILTER : "") + afterMember
        + " ORDER BY m.member, m.region, m.status, m.created_at DESC, m.image_id DESC" + limit;
    String shared = "SELECT " + COLUMNS + " FROM (" + sharedPage + ") s"
        + " JOIN images i ON i.id = s.image_id";
    return "SELECT * FROM ((" + own + ") UNION ALL (" + published + ") UNION ALL (" + market
        + ") UNION ALL (" + shared + ")) ORDER BY created_at DESC, id DESC" + limit;
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
