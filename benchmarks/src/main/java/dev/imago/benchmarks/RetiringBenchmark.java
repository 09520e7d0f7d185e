package dev.imago.benchmarks;

import dev.imago.core.Caller;
import dev.imago.core.ImageService;
import dev.imago.core.Imago;
import dev.imago.spi.Deprecation;
import dev.imago.spi.Family;
import dev.imago.spi.ImageChange;
import dev.imago.spi.ImageClass;
import dev.imago.spi.ImageFilter;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageStatus;
import dev.imago.store.memory.InMemoryImageStore;
import dev.imago.store.memory.InMemorySourceDirectory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Retiring images on the memory store, through {@code ImageService} as a host calls it: the
 * first page of a viewer's listing as it is (PLAIN, the baseline of the same run), the same page
 * judged at a time when a tenth of the images are deprecated and hidden from other tenants
 * (DEPRECATED_HIDDEN), and resolving a family to its latest image, a tenant's own family
 * (LATEST_OWN) and a platform family of thousands of public images (LATEST_PUBLIC).
 *
 * <p>The listing population of {@link Population#forListing}, retiring ({@link
 * Population#withRetirements()}: every private image is in one of four families of its owner, every
 * public image in one of eight platform families, and one image in ten is deprecated); the
 * viewers are the owners of the first sixteen active images of the population, each resolving
 * that image's family. Not forked, for the reason {@link ListingBenchmark} gives; the JIT and the
 * collector settle after a million images are loaded, hence the long warm-up.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(0)
public class RetiringBenchmark {
  private static final int VIEWERS = 16;
  private static final int PAGE_SIZE = 100;
  private static Loaded loaded;

  @Param({"10000", "1000000"})
  public int images;

  @Param({"PLAIN", "DEPRECATED_HIDDEN", "LATEST_OWN", "LATEST_PUBLIC"})
  public String variant;

  private Loaded data;
  private ImageFilter filter;
  private int next;

  /**
   * The population retired as described above, in a store and a service over it, and viewers
   * that own an active image in a family, with that family.
   */
  record Loaded(int images, ImageService service, List<Caller> viewers, List<Family> families) {}

  /** Loads the population once per size and checks every viewer gets an answer. */
  @Setup
  public void setUp() {
    data = load(images);
    filter = ImageFilter.builder().pageSize(PAGE_SIZE)
        .includeDeprecated(variant.equals("PLAIN")).build();
    for (int i = 0; i < VIEWERS; i++) {
      if (call() == null) {
        throw new IllegalStateException(variant + " answers nothing for a viewer");
      }
    }
  }

  private static synchronized Loaded load(int images) {
    if (loaded != null && loaded.images() == images) {
      return loaded;
    }
    loaded = null;
    Population population = Population.forListing(images).withRetirements();
    InMemoryImageStore store = new InMemoryImageStore();
    List<Family> families = new ArrayList<>();
    population.forEachImage(image -> {
      store.save(ImageChange.of(image, 0, List.of()));
      offerViewer(image, families);
    });
    ImageService service = Imago.builder()
        .store(store)
        .tenants(population.directory())
        .sources(new InMemorySourceDirectory())
        .clock(Clock.fixed(population.judgedAt(), ZoneOffset.UTC))
        .build();
    loaded = new Loaded(images, service, viewers(families), families);
    return loaded;
  }

  /**
   * Takes the owner of an image as the next viewer, with the image's family, while fewer than
   * sixteen are chosen and the image is a usable version of a family its owner has not yet had
   * chosen: viewers spread over the population, each with a family it can resolve.
   *
   * @param image an image of a retiring population, in id order
   * @param families the families chosen so far, one per viewer
   */
  static void offerViewer(ImageRecord image, List<Family> families) {
    if (families.size() < VIEWERS && image.owner().isPresent()
        && image.status() == ImageStatus.ACTIVE && image.deprecation().isEmpty()
        && families.stream().noneMatch(family -> family.owner().equals(image.owner()))) {
      families.add(Family.of(image.owner().get(), image.family().orElseThrow()));
    }
  }

  /** The owners of the families, in order: the viewers. */
  static List<Caller> viewers(List<Family> families) {
    return families.stream().map(family -> Caller.tenant(family.owner().orElseThrow())).toList();
  }

  @Benchmark
  public Object call() {
    int which = next++ & (VIEWERS - 1);
    Caller viewer = data.viewers().get(which);
    return switch (variant) {
      case "LATEST_OWN" -> data.service().latestInFamily(viewer, data.families().get(which))
          .orElse(null);
      case "LATEST_PUBLIC" -> data.service().latestInFamily(viewer,
          Family.platform("os-" + (next & 7))).orElse(null);
      default -> data.service().listVisible(viewer, filter);
    };
  }
}
