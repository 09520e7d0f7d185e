package dev.imago.store.jdbc.internal;

import dev.imago.spi.ImageQuery;
import dev.imago.spi.ListingKey;
import dev.imago.spi.ImageSort;
import dev.imago.spi.MembershipStatus;
import dev.imago.spi.Visibility;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The statement of one page of a listing. The visible set is a {@code UNION ALL} of branches, one
 * for each reason of visibility the query includes (own, public, market, and shared for each
 * membership status), each read from its own index in the listing's order, after the cursor by a
 * row-value comparison the index answers, filtered, and cut at one more than a page. The branches
 * never overlap, so nothing needs removing: a viewer's own market image is left out of the
 * market branch when the own branch is read, shared images are PRIVATE images of others, and
 * PUBLIC images have no owner. The page is the first rows of the merged branches; only those are
 * joined to their full rows.
 *
 * <p>Deprecated images (rule {@code USE_DEPRECATED}): unless the query includes them, every branch
 * but the viewer's own leaves out the images whose deprecation time is at or before the query's
 * {@link ImageQuery#asOf() time}, exactly as {@link ImageQuery#matches} does; the market branch,
 * which holds the viewer's own market images when the query leaves out the own branch, keeps
 * those. A query without a time hides nothing.
 *
 * <p>Every value of the query is a bind parameter. The only constants in the text are the schema's
 * own ({@code 'PUBLIC'}, {@code 'MARKET'}, {@code 'DELETED'}, {@code 'RECYCLED'}), written out so
 * that the planner matches the partial indexes. A listing of a recycle bin is one branch, the
 * viewer's own RECYCLED images; a family filter is a condition on every branch, which the family
 * index answers.
 */
public final class ListingSql {
  private final StringBuilder sql = new StringBuilder(2048);
  private final List<Param> params = new ArrayList<>();
  private final ImageQuery query;
  private final @Nullable ListingKey after;
  private final boolean byName;
  private final String direction;
  private final String comparison;

  private ListingSql(ImageQuery query, @Nullable ListingKey after) {
    this.query = query;
    this.after = after;
    this.byName = query.sort() == ImageSort.NAME;
    boolean descending = query.sort() == ImageSort.NEWEST_FIRST;
    this.direction = descending ? " DESC" : "";
    this.comparison = descending ? " < " : " > ";
  }

  /**
   * Prepares the statement of a page: it returns up to one row more than the page size, each a
   * whole record (see {@link RecordRow#COLUMNS}), in the listing's order.
   *
   * @param connection the connection
   * @param query the query
   * @param after where the page starts, or {@code null} for the first page
   * @return the statement, or {@code null} when the query includes no reason of visibility and
   *     lists nothing
   * @throws SQLException if the statement cannot be prepared
   */
  public static @Nullable PreparedStatement prepare(Connection connection, ImageQuery query,
      @Nullable ListingKey after) throws SQLException {
    return prepare(connection, query, after, "");
  }

  /**
   * Prepares the statement of a page behind a prefix, such as {@code EXPLAIN (ANALYZE, BUFFERS)},
   * with its parameters bound.
   *
   * @param connection the connection
   * @param query the query
   * @param after where the page starts, or {@code null}
   * @param prefix the text before the statement
   * @return the statement, or {@code null} when the query lists nothing
   * @throws SQLException if the statement cannot be prepared
   */
  public static @Nullable PreparedStatement prepare(Connection connection, ImageQuery query,
      @Nullable ListingKey after, String prefix) throws SQLException {
    ListingSql listing = new ListingSql(query, after);
    if (!listing.build()) {
      return null;
    }
    PreparedStatement statement = connection.prepareStatement(prefix + listing.sql);
    int index = 1;
    for (Param param : listing.params) {
      param.bind(connection, statement, index++);
    }
    return statement;
  }

  private boolean build() {
    List<Runnable> branches = new ArrayList<>();
    boolean own = query.include().contains(Visibility.OWN);
    if (query.recycleBin()) {
      // The viewer's own recycle bin, whatever the reasons of visibility say.
      branches.add(this::recycleBinBranch);
    } else if (own) {
      branches.add(() -> imageBranch("i.owner = ?", true, false, false));
    }
    if (!query.recycleBin() && query.include().contains(Visibility.PUBLIC)) {
      branches.add(() -> imageBranch("i.image_class = 'PUBLIC'", false, false, false));
    }
    if (!query.recycleBin() && query.include().contains(Visibility.MARKET)) {
      // The viewer's own market images are the own branch's, if it is read.
      branches.add(() -> imageBranch("i.image_class = 'MARKET'", false, own, !own));
    }
    if (!query.recycleBin() && query.include().contains(Visibility.SHARED)) {
      for (MembershipStatus status : MembershipStatus.values()) {
        if (query.membership().contains(status)) {
          branches.add(() -> memberBranch(status));
        }
      }
    }
    if (branches.isEmpty()) {
      return false;
    }
    sql.append("SELECT ").append(RecordRow.columns("i")).append(" FROM (SELECT * FROM (");
    for (int b = 0; b < branches.size(); b++) {
      sql.append(b == 0 ? "(" : " UNION ALL (");
      branches.get(b).run();
      sql.append(')');
    }
    sql.append(") u ORDER BY ").append(order("u", "id")).append(" LIMIT ?) k");
    limit();
    sql.append(" JOIN imago_images i ON i.id = k.id ORDER BY ").append(order("k", "id"));
    return true;
  }

  /**
   * A branch on {@code imago_images} alone.
   *
   * @param visibility the condition of the branch's reason of visibility
   * @param byViewer whether the condition binds the viewer: the own branch, which hides nothing
   *     deprecated
   * @param excludingOwn whether to leave out the viewer's own images
   * @param holdsOwn whether a branch other than the own one may list the viewer's own images
   *     (the market branch of a query without the own branch), which it never hides
   */
  private void imageBranch(String visibility, boolean byViewer, boolean excludingOwn,
      boolean holdsOwn) {
    sql.append("SELECT i.id, i.created_s, i.created_ns, i.name FROM imago_images i WHERE ")
        .append(visibility);
    if (byViewer) {
      text(query.viewer().value());
    }
    sql.append(" AND i.region = ?");
    text(query.region().value());
    // Images in use only: the partial indexes leave DELETED out, and a RECYCLED image is listed
    // in its owner's recycle bin alone. A RECYCLED image is PRIVATE (the record's own rule), so
    // the public and market branches hold none: saying so there would read every row from the
    // table instead of the index alone, except for a family, whose index the planner matches
    // only when the condition is stated.
    sql.append(" AND i.status <> 'DELETED'");
    if (byViewer || query.family().isPresent()) {
      sql.append(" AND i.status <> 'RECYCLED'");
    }
    if (excludingOwn) {
      sql.append(" AND i.owner <> ?");
      text(query.viewer().value());
    }
    if (!byViewer) {
      notDeprecated(holdsOwn);
    }
    position("i", "id");
    filters();
    sql.append(" ORDER BY ").append(order("i", "id")).append(" LIMIT ?");
    limit();
  }

  private void recycleBinBranch() {
    sql.append("SELECT i.id, i.created_s, i.created_ns, i.name FROM imago_images i"
        + " WHERE i.owner = ? AND i.region = ? AND i.status = 'RECYCLED'");
    text(query.viewer().value());
    text(query.region().value());
    position("i", "id");
    filters();
    sql.append(" ORDER BY ").append(order("i", "id")).append(" LIMIT ?");
    limit();
  }

  private void memberBranch(MembershipStatus status) {
    sql.append("SELECT m.image_id AS id, m.created_s, m.created_ns, m.name FROM imago_members m"
        + " JOIN imago_images i ON i.id = m.image_id WHERE m.tenant = ?");
    text(query.viewer().value());
    sql.append(" AND m.region = ?");
    text(query.region().value());
    sql.append(" AND m.status = ?");
    text(status.name());
    // Implied by the record's own rule (an image out of use has no members); stated for safety.
    sql.append(" AND i.status <> 'DELETED' AND i.status <> 'RECYCLED'");
    // A member is never the image's owner (rule SHARE_RECIPIENT).
    notDeprecated(false);
    position("m", "image_id");
    filters();
    sql.append(" ORDER BY ").append(order("m", "image_id")).append(" LIMIT ?");
    limit();
  }

  /**
   * Leaves out the images deprecated at the query's time, unless the query includes them: those
   * whose deprecation time is set and not after it, to the nanosecond.
   *
   * @param keepViewers whether the branch may hold the viewer's own images, which are never left
   *     out
   */
  private void notDeprecated(boolean keepViewers) {
    if (query.includeDeprecated() || query.asOf().isEmpty()) {
      return;
    }
    long second = query.asOf().get().getEpochSecond();
    int nano = query.asOf().get().getNano();
    sql.append(" AND (i.deprecated_s IS NULL OR (i.deprecated_s, i.deprecated_ns) > (?, ?)");
    params.add((connection, statement, index) -> statement.setLong(index, second));
    params.add((connection, statement, index) -> statement.setInt(index, nano));
    if (keepViewers) {
      sql.append(" OR i.owner = ?");
      text(query.viewer().value());
    }
    sql.append(')');
  }

  /** The row-value comparison that starts the branch after the cursor, in index order. */
  private void position(String alias, String id) {
    if (byName && query.namePrefix().isPresent()) {
      // Names with the prefix are not before it: the index scan starts there.
      sql.append(" AND ").append(alias).append(".name >= ?");
      text(query.namePrefix().get());
    }
    if (after == null) {
      return;
    }
    if (byName) {
      sql.append(" AND (").append(alias).append(".name, ").append(alias).append('.').append(id)
          .append(')').append(comparison).append("(?, ?)");
      text(after.name());
    } else {
      sql.append(" AND (").append(alias).append(".created_s, ").append(alias)
          .append(".created_ns, ").append(alias).append('.').append(id).append(')')
          .append(comparison).append("(?, ?, ?)");
      long second = after.createdAt().getEpochSecond();
      int nano = after.createdAt().getNano();
      params.add((connection, statement, index) -> statement.setLong(index, second));
      params.add((connection, statement, index) -> statement.setInt(index, nano));
    }
    text(after.id().value());
  }

  /** The filters other than visibility, on the image's row. */
  private void filters() {
    if (!query.types().isEmpty()) {
      sql.append(" AND i.image_type = ANY (?)");
      texts(query.types().stream().map(Enum::name).toArray(String[]::new));
    }
    if (!query.statuses().isEmpty()) {
      sql.append(" AND i.status = ANY (?)");
      texts(query.statuses().stream().map(Enum::name).toArray(String[]::new));
    }
    query.osType().ifPresent(type -> {
      sql.append(" AND i.os_type = ?");
      text(type.name());
    });
    query.platform().ifPresent(platform -> {
      sql.append(" AND i.os_platform = ?");
      text(platform.name());
    });
    query.namePrefix().ifPresent(prefix -> {
      // A byte prefix in UTF-8 is a code point prefix; starts_with knows no wildcards.
      sql.append(" AND starts_with(i.name, ?)");
      text(prefix);
    });
    query.family().ifPresent(family -> {
      // A family is its owner's: the platform's holds PUBLIC images only.
      sql.append(" AND i.family = ?");
      text(family.name());
      if (family.owner().isPresent()) {
        sql.append(" AND i.owner = ?");
        text(family.owner().get().value());
      } else {
        sql.append(" AND i.owner IS NULL AND i.image_class = 'PUBLIC'");
      }
    });
    query.tagKey().ifPresent(key -> {
      if (query.tagValue().isPresent()) {
        sql.append(" AND i.tag_values[array_position(i.tag_keys, ?::text)] = ?");
        text(key);
        text(query.tagValue().get());
      } else {
        sql.append(" AND array_position(i.tag_keys, ?::text) IS NOT NULL");
        text(key);
      }
    });
  }

  private String order(String alias, String id) {
    String prefix = alias + ".";
    if (byName) {
      return prefix + "name" + direction + ", " + prefix + id + direction;
    }
    return prefix + "created_s" + direction + ", " + prefix + "created_ns" + direction + ", "
        + prefix + id + direction;
  }

  private void limit() {
    int rows = query.pageSize() + 1;
    params.add((connection, statement, index) -> statement.setInt(index, rows));
  }

  private void text(String value) {
    params.add((connection, statement, index) -> statement.setString(index, value));
  }

  private void texts(String[] values) {
    params.add((connection, statement, index) ->
        statement.setArray(index, connection.createArrayOf("text", values)));
  }

  /** One bind parameter. */
  @FunctionalInterface
  private interface Param {
    void bind(Connection connection, PreparedStatement statement, int index) throws SQLException;
  }
}
