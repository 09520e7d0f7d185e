package dev.imago.examples;

import static dev.imago.examples.DemoCloud.ACME;
import static dev.imago.examples.DemoCloud.ACME_SERVER;
import static dev.imago.examples.DemoCloud.GLOBEX;
import static dev.imago.examples.DemoCloud.NORTH;

import dev.imago.core.Caller;
import dev.imago.core.ImagePolicyException;
import dev.imago.core.ImageService;
import dev.imago.core.Imago;
import dev.imago.core.UsePlan;
import dev.imago.core.policy.ImageSpec;
import dev.imago.core.policy.Notice;
import dev.imago.core.policy.SourceRef;
import dev.imago.core.policy.UseRequest;
import dev.imago.core.policy.UseTarget;
import dev.imago.spi.Deprecation;
import dev.imago.spi.Family;
import dev.imago.spi.ImageFilter;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.ImageType;
import dev.imago.spi.ServerKind;
import dev.imago.store.memory.InMemoryImageStore;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Retiring an image as the best clouds do: ACME keeps its web images in a family, so a launch
 * template that asks for "latest" gets the newest; it deprecates the old version in favour of the
 * new one, which warns whoever still uses it and drops it from the member's listing, and from its
 * obsolete time the old version creates nothing new. The schedule takes effect on the clock
 * alone: the example moves the clock, nothing else.
 */
public final class RetirementExample {
  private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");

  private RetirementExample() {}

  /**
   * Runs the example and prints it.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    run(System.out);
  }

  private static void run(PrintStream out) {
    DemoCloud cloud = new DemoCloud();
    MovingClock clock = new MovingClock(START);
    ImageService images = Imago.builder()
        .store(new InMemoryImageStore())
        .tenants(cloud.tenants)
        .sources(cloud.sources)
        .clock(clock)
        .idGenerator(new ReadableIds())
        .build();
    Caller acme = Caller.tenant(ACME);
    Caller globex = Caller.tenant(GLOBEX);
    Family web = Family.of(ACME, "web");

    ImageRecord v1 = webImage(images, acme, "web v1");
    clock.advance(Duration.ofDays(1));
    images.share(acme, v1.id(), List.of(GLOBEX));
    images.accept(globex, v1.id());
    out.println(GLOBEX + " resolves " + web + " to " + latest(images, globex, web));

    ImageRecord v2 = webImage(images, acme, "web v2");
    images.share(acme, v2.id(), List.of(GLOBEX));
    images.accept(globex, v2.id());
    out.println(ACME + " builds web v2; " + GLOBEX + " now resolves " + web + " to "
        + latest(images, globex, web));

    Instant deprecatedAt = clock.instant().plus(Duration.ofDays(7));
    Instant obsoleteAt = deprecatedAt.plus(Duration.ofDays(30));
    images.deprecate(acme, v1.id(), Deprecation.builder().deprecatedAt(deprecatedAt)
        .obsoleteAt(obsoleteAt).replacement(v2.id()).build());
    out.println(ACME + " deprecates web v1 from " + deprecatedAt + ", obsolete from "
        + obsoleteAt + ", in favour of " + v2.id());

    UseRequest server = UseRequest.builder().target(UseTarget.SERVER).region(NORTH)
        .serverKind(ServerKind.ECS).diskGib(40).ramMib(4096).build();
    out.println("before " + deprecatedAt + ", " + GLOBEX + " lists " + names(images, globex));

    clock.set(deprecatedAt);
    out.println("at " + deprecatedAt + ", " + GLOBEX + " lists " + names(images, globex)
        + " and, asking for deprecated images too, " + names(images, globex,
        ImageFilter.builder().includeDeprecated(true).build()));
    UsePlan plan = images.authorizeUse(globex, v1.id(), server);
    for (Notice notice : plan.notices()) {
      out.println("   launching from web v1 is allowed, with a notice: " + notice);
    }

    clock.set(obsoleteAt);
    out.println("at " + obsoleteAt + ", " + GLOBEX + " asks to launch from web v1 again:");
    try {
      images.authorizeUse(globex, v1.id(), server);
    } catch (ImagePolicyException refusal) {
      DemoCloud.printRefusal(out, refusal);
    }
    out.println(GLOBEX + " resolves " + web + " to " + latest(images, globex, web));
  }

  private static ImageRecord webImage(ImageService images, Caller owner, String name) {
    ImageRecord image = images.createImage(owner, ImageSpec.builder().name(name)
        .type(ImageType.SYSTEM_DISK).source(SourceRef.server(ACME_SERVER)).family("web").build());
    return images.reportProgress(image.id(), ImageStatus.ACTIVE);
  }

  private static String latest(ImageService images, Caller caller, Family family) {
    return images.latestInFamily(caller, family)
        .map(image -> image.name() + " [" + image.id() + "]").orElse("nothing");
  }

  private static String names(ImageService images, Caller caller) {
    return names(images, caller, ImageFilter.all());
  }

  private static String names(ImageService images, Caller caller, ImageFilter filter) {
    return images.listVisible(caller, filter).items().stream().map(ImageRecord::name)
        .collect(Collectors.joining(", ", "[", "]"));
  }

  /** The host's clock, which this example moves. */
  private static final class MovingClock extends Clock {
    private Instant now;

    MovingClock(Instant start) {
      this.now = start;
    }

    void advance(Duration step) {
      now = now.plus(step);
    }

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
