package dev.imago.examples;

import static dev.imago.examples.DemoCloud.ACME;
import static dev.imago.examples.DemoCloud.ACME_SERVER;
import static dev.imago.examples.DemoCloud.ACME_SOUTH;
import static dev.imago.examples.DemoCloud.DEBIAN;
import static dev.imago.examples.DemoCloud.DEBIAN_FILE;
import static dev.imago.examples.DemoCloud.GLOBEX;
import static dev.imago.examples.DemoCloud.INITECH;
import static dev.imago.examples.DemoCloud.NORTH;
import static dev.imago.examples.DemoCloud.SOUTH;
import static dev.imago.examples.DemoCloud.UBUNTU;
import static dev.imago.examples.DemoCloud.UBUNTU_FILE;

import dev.imago.core.Caller;
import dev.imago.core.ImageNotFoundException;
import dev.imago.core.ImagePolicyException;
import dev.imago.core.ImageService;
import dev.imago.core.Imago;
import dev.imago.core.UsePlan;
import dev.imago.core.policy.ImageSpec;
import dev.imago.core.policy.SourceRef;
import dev.imago.core.policy.UseRequest;
import dev.imago.core.policy.UseTarget;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageFilter;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.ImageType;
import dev.imago.spi.KeyId;
import dev.imago.spi.OsFacts;
import dev.imago.spi.ServerKind;
import dev.imago.spi.TenantId;
import dev.imago.spi.Visibility;
import dev.imago.store.memory.InMemoryImageStore;
import java.io.PrintStream;
import java.util.EnumSet;
import java.util.List;

/**
 * The whole story on the embedded in-memory store: public images listed; a private system-disk
 * image made from a server; shared with a tenant of the same region, accepted and used to plan a
 * server; a share to another region denied, then done after replication; an encrypted image's
 * share denied; revoke and delete. Each step prints what happened, and each denial every rule it
 * broke.
 */
public final class QuickStart {
  private static final Caller OPERATOR = Caller.operator();
  private static final Caller ACME_USER = Caller.tenant(ACME);
  private static final Caller GLOBEX_USER = Caller.tenant(GLOBEX);

  private final PrintStream out;
  private final ImageService images;

  private QuickStart(PrintStream out) {
    this.out = out;
    DemoCloud cloud = new DemoCloud();
    this.images = Imago.builder()
        .store(new InMemoryImageStore())
        .tenants(cloud.tenants)
        .sources(cloud.sources)
        .idGenerator(new ReadableIds())
        .build();
  }

  /**
   * Runs the story and prints it.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    new QuickStart(System.out).run();
  }

  private void run() {
    out.println("Imago quick start: region " + NORTH + " with tenants " + ACME + " and " + GLOBEX
        + "; " + INITECH + " lives in " + SOUTH + ".");

    step("1. The operator registers public images; " + ACME + " lists what it can see");
    registerPublic("Ubuntu 22.04", UBUNTU, UBUNTU_FILE);
    registerPublic("Debian 12", DEBIAN, DEBIAN_FILE);
    for (ImageRecord image : images.listVisible(ACME_USER, ImageFilter.all()).items()) {
      out.println("   " + describe(image));
    }

    step("2. " + ACME + " makes a private system-disk image from its server " + ACME_SERVER);
    ImageRecord queued = images.createImage(ACME_USER, ImageSpec.builder()
        .name("web-server").type(ImageType.SYSTEM_DISK)
        .source(SourceRef.server(ACME_SERVER)).build());
    ImageRecord web = activate(queued);
    out.println("   " + describe(web) + ", min disk " + web.minDiskGib() + " GiB, OS "
        + web.os().orElseThrow().platform() + " " + web.os().orElseThrow().osVersion());
    out.println("   the image pipeline moved it " + queued.status() + " -> SAVING -> "
        + web.status());

    step("3. " + ACME + " shares web-server with " + GLOBEX + "; " + GLOBEX + " accepts");
    out.println("   added " + images.share(ACME_USER, web.id(), List.of(GLOBEX)).added()
        + " as PENDING");
    out.println("   " + GLOBEX + " is now "
        + images.accept(GLOBEX_USER, web.id()).status());

    step("4. " + GLOBEX + " plans a server from the shared image");
    UsePlan plan = images.authorizeUse(GLOBEX_USER, web.id(), serverIn(NORTH));
    out.println("   plan: " + plan.target() + " with disks " + plan.disks()
        + (plan.charges().isEmpty() ? ", no charges" : ", charges " + plan.charges()));

    step("5. " + ACME + " shares web-server with " + INITECH + " in " + SOUTH);
    try {
      images.share(ACME_USER, web.id(), List.of(INITECH));
    } catch (ImagePolicyException refusal) {
      DemoCloud.printRefusal(out, refusal);
    }

    step("6. " + ACME + " replicates web-server to " + SOUTH + " and shares the replica there");
    ImageRecord replica = activate(images.replicate(ACME_USER, web.id(), SOUTH));
    out.println("   replica " + replica.id() + " is owned by " + ACME_SOUTH + ", copied from "
        + replica.origin().orElseThrow().image() + " in " + NORTH);
    out.println("   added " + images.share(Caller.tenant(ACME_SOUTH), replica.id(),
        List.of(INITECH)).added() + " as PENDING");

    step("7. " + ACME + " makes an encrypted image and shares it with " + GLOBEX);
    ImageRecord secret = activate(images.createImage(ACME_USER, ImageSpec.builder()
        .name("payments").type(ImageType.SYSTEM_DISK).source(SourceRef.server(ACME_SERVER))
        .encryptionKey(KeyId.of("kms-payments")).build()));
    try {
      images.share(ACME_USER, secret.id(), List.of(GLOBEX));
    } catch (ImagePolicyException refusal) {
      DemoCloud.printRefusal(out, refusal);
    }

    step("8. " + ACME + " revokes " + GLOBEX + "; " + GLOBEX + " tries again");
    images.revoke(ACME_USER, web.id(), GLOBEX);
    tryToUse(GLOBEX_USER, web.id());

    step("9. " + ACME + " deletes web-server");
    images.delete(ACME_USER, web.id());
    tryToUse(ACME_USER, web.id());
    out.println("   images shared with " + GLOBEX + ": " + images.listSharedWithMe(GLOBEX_USER,
        EnumSet.allOf(dev.imago.spi.MembershipStatus.class), 100).items().size());
    out.println("   " + ACME + " now sees " + images.listVisible(ACME_USER, ImageFilter.builder()
        .include(EnumSet.of(Visibility.OWN)).build()).items().size()
        + " image(s) of its own");
    out.println("Done: " + images.events(0, 1000).size() + " events were recorded.");
  }

  private void registerPublic(String name, OsFacts os, dev.imago.spi.FileId file) {
    activate(images.registerPublicImage(OPERATOR, ImageSpec.builder()
        .name(name).type(ImageType.SYSTEM_DISK).source(SourceRef.file(file)).os(os)
        .minDiskGib(10).build(), NORTH));
  }

  /** The host's image pipeline reports progress until the image is ACTIVE. */
  private ImageRecord activate(ImageRecord queued) {
    images.reportProgress(queued.id(), ImageStatus.SAVING);
    return images.reportProgress(queued.id(), ImageStatus.ACTIVE);
  }

  private void tryToUse(Caller caller, ImageId image) {
    try {
      images.authorizeUse(caller, image, serverIn(NORTH));
      out.println("   " + caller + " may still use " + image);
    } catch (ImageNotFoundException notFound) {
      out.println("   " + caller + " is told: " + notFound.getMessage());
    }
  }

  private void step(String title) {
    out.println();
    out.println(title);
  }

  private static UseRequest serverIn(dev.imago.spi.RegionId region) {
    return UseRequest.builder().target(UseTarget.SERVER).region(region)
        .serverKind(ServerKind.ECS).diskGib(40).ramMib(4096).build();
  }

  private static String describe(ImageRecord image) {
    TenantId owner = image.owner().orElse(null);
    return image.name() + " [" + image.id() + "] " + image.imageClass() + " " + image.type() + " "
        + image.status() + (owner == null ? "" : ", owned by " + owner);
  }
}
