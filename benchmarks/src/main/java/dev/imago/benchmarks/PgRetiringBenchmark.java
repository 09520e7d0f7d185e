package dev.imago.benchmarks;

import dev.imago.core.Caller;
import dev.imago.core.ImageService;
import dev.imago.core.Imago;
import dev.imago.spi.Family;
import dev.imago.spi.ImageFilter;
import dev.imago.spi.ImageQuery;
import dev.imago.spi.ImageSort;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.TenantId;
import dev.imago.spi.Visibility;
import dev.imago.store.memory.InMemorySourceDirectory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Retiring images on PostgreSQL, the same calls as {@link RetiringBenchmark} makes on the memory
 * store, through {@code ImageService} over {@code JdbcImageStore} on the data {@link
 * PgListingBenchmark} lists (loaded once per size in this JVM): the first page of 100 of a
 * viewer's listing with deprecated images included (PLAIN, the baseline of the same run), the
 * same page with the tenth of the images deprecated left out of other tenants' listings
 * (DEPRECATED_HIDDEN), and resolving a family to its latest image, a tenant's own (LATEST_OWN) and
 * a platform family of thousands of public images (LATEST_PUBLIC). Sampled, for the median and
 * the tail. The plans of the hidden-deprecated page and of both families' queries (EXPLAIN
 * ANALYZE, BUFFERS) are written to {@code benchmarks/target/pg-explain-<images>-<variant>.txt}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(0)
public class PgRetiringBenchmark {
  private static final int PAGE_SIZE = 100;

  @Param({"10000", "1000000"})
  public int images;

  @Param({"PLAIN", "DEPRECATED_HIDDEN", "LATEST_OWN", "LATEST_PUBLIC"})
  public String variant;

  private ImageService service;
  private List<Caller> viewers;
  private List<Family> families;
  private ImageFilter filter;
  private int next;

  /** Loads or reuses the data, chooses the viewers, checks each gets an answer. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    PgListingData data = PgListingData.of(images);
    Population population = data.pg.population;
    families = new ArrayList<>();
    population.forEachImage(image -> RetiringBenchmark.offerViewer(image, families));
    viewers = RetiringBenchmark.viewers(families);
    service = Imago.builder()
        .store(data.pg.store)
        .tenants(population.directory())
        .sources(new InMemorySourceDirectory())
        .clock(Clock.fixed(population.judgedAt(), ZoneOffset.UTC))
        .build();
    filter = ImageFilter.builder().pageSize(PAGE_SIZE)
        .includeDeprecated(variant.equals("PLAIN")).build();
    for (int i = 0; i < viewers.size(); i++) {
      if (call() == null) {
        throw new IllegalStateException(variant + " answers nothing for a viewer");
      }
    }
    explain(data, population);
  }

  // The store's query of each variant, as the service asks it for the first viewer.
  private void explain(PgListingData data, Population population) throws Exception {
    TenantId viewer = viewers.get(0).tenant().orElseThrow();
    var region = Population.regionOf(Population.tenantIndex(viewer));
    ImageFilter latest = ImageFilter.builder().statuses(EnumSet.of(ImageStatus.ACTIVE))
        .sort(ImageSort.NEWEST_FIRST).pageSize(16).build();
    ImageFilter explained = switch (variant) {
      case "LATEST_OWN" -> latest.withFamily(families.get(0))
          .withInclude(EnumSet.of(Visibility.OWN));
      case "LATEST_PUBLIC" -> latest.withFamily(Family.platform("os-0"))
          .withInclude(EnumSet.of(Visibility.PUBLIC));
      default -> filter;
    };
    data.explain(variant + " of " + viewer, ImageQuery.of(viewer, region, explained,
        population.judgedAt()), Path.of("benchmarks", "target", "pg-explain-" + images + "-"
        + variant.toLowerCase(java.util.Locale.ROOT) + ".txt"));
  }

  @Benchmark
  public Object call() {
    int which = next++ & (viewers.size() - 1);
    Caller viewer = viewers.get(which);
    return switch (variant) {
      case "LATEST_OWN" -> service.latestInFamily(viewer, families.get(which)).orElse(null);
      case "LATEST_PUBLIC" -> service.latestInFamily(viewer, Family.platform("os-" + (next & 7)))
          .orElse(null);
      default -> service.listVisible(viewer, filter);
    };
  }
}
