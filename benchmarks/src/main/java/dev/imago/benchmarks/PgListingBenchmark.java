package dev.imago.benchmarks;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A page of 100 images a viewer sees, newest first, on PostgreSQL 17: Imago's {@code
 * JdbcImageStore.listVisible} (whole records, through a HikariCP pool) against the query shape
 * OpenStack Glance uses on its own schema and indexes, in the same database with the same
 * images, at 10k and 1M images, first page and a page deep in the middle. Sampled, so that JMH
 * reports the median and the tail. Before measuring, both must list every viewer's page alike;
 * the plans of both (EXPLAIN ANALYZE, BUFFERS) are written to {@code
 * benchmarks/target/pg-explain-<images>-<page>.txt}.
 *
 * <p>Not forked, like the memory listing benchmark: the benchmarks of one size share the data
 * loaded in this JVM.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(0)
public class PgListingBenchmark {
  @Param({"10000", "1000000"})
  public int images;

  @Param({"FIRST", "DEEP"})
  public String page;

  @Param({"IMAGO", "GLANCE"})
  public String store;

  private PgListingData data;
  private PgListingData.Prepared[] pages;
  private Connection glanceConnection;
  private PreparedStatement[] glanceQueries;
  private boolean imago;
  private int next;

  /** Loads or reuses the data, checks both sides agree, writes the plans. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    imago = store.equals("IMAGO");
    boolean deep = page.equals("DEEP");
    data = PgListingData.of(images);
    data.assertSameAnswers(deep);
    if (imago) {
      data.explain(deep, Path.of("benchmarks", "target",
          "pg-explain-" + images + "-" + page.toLowerCase(java.util.Locale.ROOT) + ".txt"));
    }
    pages = data.viewers.stream().map(viewer -> data.prepare(viewer, deep))
        .toArray(PgListingData.Prepared[]::new);
    glanceConnection = data.pg.pool.getConnection();
    glanceQueries = new PreparedStatement[pages.length];
    for (int v = 0; v < pages.length; v++) {
      glanceQueries[v] = glanceConnection.prepareStatement(
          PgListing.glanceSql(data.pg.glanceSchemaOf(pages[v].viewer()), deep));
    }
  }

  /** Closes Glance's statements; the data stays for the next benchmark of the same size. */
  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    for (PreparedStatement query : glanceQueries) {
      query.close();
    }
    glanceConnection.close();
  }

  @Benchmark
  public Object listPage() throws SQLException {
    int v = next++ & (pages.length - 1);
    PgListingData.Prepared viewerPage = pages[v];
    if (imago) {
      return data.pg.store.listVisible(viewerPage.query());
    }
    return PgListing.glancePage(glanceQueries[v], viewerPage.viewer(), viewerPage.marker());
  }
}
