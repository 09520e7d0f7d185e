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
import dev.imago.core.policy.Charge;
import dev.imago.core.policy.ImageSpec;
import dev.imago.core.policy.SourceRef;
import dev.imago.core.policy.UseRequest;
import dev.imago.core.policy.UseTarget;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.ImageType;
import dev.imago.spi.Price;
import dev.imago.spi.PriceUnit;
import dev.imago.spi.ServerKind;
import dev.imago.store.memory.InMemoryImageStore;
import java.io.PrintStream;

/**
 * A seller publishes a paid image; a buyer's use is denied until it accepts the price, and the
 * plan lists the image fee and the server fee.
 */
public final class MarketplaceExample {
  private MarketplaceExample() {}

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
    ImageService images = Imago.builder()
        .store(new InMemoryImageStore())
        .tenants(cloud.tenants)
        .sources(cloud.sources)
        .idGenerator(new ReadableIds())
        .build();
    Caller seller = Caller.tenant(ACME);
    Caller buyer = Caller.tenant(GLOBEX);

    ImageRecord stack = images.createImage(seller, ImageSpec.builder().name("LAMP stack")
        .type(ImageType.SYSTEM_DISK).source(SourceRef.server(ACME_SERVER)).build());
    images.reportProgress(stack.id(), ImageStatus.ACTIVE);
    Price imageFee = Price.of("0.12", "USD", PriceUnit.PER_HOUR);
    ImageRecord listed = images.publish(seller, stack.id(), imageFee);
    out.println(ACME + " publishes " + listed.name() + " [" + listed.id() + "] as "
        + listed.imageClass() + " at " + imageFee);

    UseRequest request = UseRequest.builder()
        .target(UseTarget.SERVER).region(NORTH).serverKind(ServerKind.ECS)
        .diskGib(40).ramMib(4096)
        .serverFee(Price.of("0.08", "USD", PriceUnit.PER_HOUR))
        .build();
    out.println(GLOBEX + " asks to launch a server from it without accepting the price:");
    try {
      images.authorizeUse(buyer, listed.id(), request);
    } catch (ImagePolicyException refusal) {
      DemoCloud.printRefusal(out, refusal);
      for (Charge charge : refusal.decision().charges()) {
        out.println("     charge: " + charge);
      }
    }

    out.println(GLOBEX + " accepts the price:");
    UsePlan plan = images.authorizeUse(buyer, listed.id(),
        UseRequest.builder().from(request).acceptsPrice(true).build());
    out.println("   plan: " + plan.target() + " with disks " + plan.disks());
    for (Charge charge : plan.charges()) {
      out.println("   charge: " + charge);
    }

    images.withdraw(seller, listed.id());
    out.println(ACME + " withdraws the listing; servers already running keep going, and "
        + GLOBEX + "'s next launch is told:");
    try {
      images.authorizeUse(buyer, listed.id(), request);
    } catch (RuntimeException notFound) {
      out.println("   " + notFound.getMessage());
    }
  }
}
