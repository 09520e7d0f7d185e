package dev.imago.benchmarks;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * Listing a page of 100 images a viewer sees, newest first: Imago's memory store
 * ({@code listVisible}) against H2 in memory with the same images and the query an expert writes,
 * at 10k, 100k and 1M images, for the first page and a page deep in the middle of the listing,
 * with and without filters. Before measuring, both must answer every viewer's page alike and H2's
 * plan must read indexes only.
 *
 * <p>Not forked: loading a million images into both takes minutes, and JMH forks once per
 * parameter combination, so the benchmarks of one size share the data loaded in this JVM
 * ({@link ListingData}). Parameters are ordered so that each size is loaded once.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(0)
public class ListingBenchmark {
  @Param({"10000", "100000", "1000000"})
  public int images;

  @Param({"FIRST", "DEEP", "FIRST_FILTERED", "DEEP_FILTERED"})
  public ListingPage page;

  @Param({"IMAGO", "H2"})
  public String store;

  private ListingData data;
  private ListingData.Prepared[] pages;
  private PreparedStatement h2Query;
  private boolean imago;
  private int next;

  /** Loads or reuses the data, prepares every viewer's page and checks both stores agree. */
  @Setup
  public void setUp() throws SQLException {
    imago = store.equals("IMAGO");
    data = ListingData.of(images);
    pages = data.viewers.stream().map(viewer -> data.prepare(viewer, page))
        .toArray(ListingData.Prepared[]::new);
    h2Query = data.h2.prepare(page);
    data.assertSameAnswers(page, h2Query);
  }

  /** Closes H2's statement; the data stays for the next benchmark of the same size. */
  @TearDown
  public void tearDown() throws SQLException {
    h2Query.close();
  }

  @Benchmark
  public Object listPage() throws SQLException {
    ListingData.Prepared viewerPage = pages[next++ & (pages.length - 1)];
    if (imago) {
      return data.store.listVisible(viewerPage.query());
    }
    List<H2Listing.Row> rows = H2Listing.page(h2Query, viewerPage.viewer().value(),
        viewerPage.query().region().value(), viewerPage.after());
    return rows;
  }
}
