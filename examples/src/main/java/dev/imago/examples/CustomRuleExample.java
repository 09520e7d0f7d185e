package dev.imago.examples;

import static dev.imago.examples.DemoCloud.ACME;
import static dev.imago.examples.DemoCloud.ACME_SERVER;
import static dev.imago.examples.DemoCloud.GLOBEX;
import static dev.imago.examples.DemoCloud.NORTH;

import dev.imago.core.Caller;
import dev.imago.core.ImagePolicyException;
import dev.imago.core.ImageService;
import dev.imago.core.Imago;
import dev.imago.core.policy.Action;
import dev.imago.core.policy.ActionKind;
import dev.imago.core.policy.Category;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.ImageSpec;
import dev.imago.core.policy.PolicySettings;
import dev.imago.core.policy.Rule;
import dev.imago.core.policy.SourceRef;
import dev.imago.core.policy.Violation;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.ImageType;
import dev.imago.spi.RuleCode;
import dev.imago.spi.TenantId;
import dev.imago.spi.TenantInfo;
import dev.imago.store.memory.InMemoryImageStore;
import java.io.PrintStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A host's own rule, "images are shared only within the same organization", beside the
 * built-in ones, and a built-in limit changed through {@link PolicySettings}.
 */
public final class CustomRuleExample {
  private CustomRuleExample() {}

  /** Images are shared only with tenants of the owner's organization. */
  static final class SharesStayInTheOrganization implements Rule {
    static final RuleCode CODE = RuleCode.of("ORG_SHARE_ONLY");

    @Override
    public RuleCode code() {
      return CODE;
    }

    @Override
    public Set<ActionKind> actions() {
      return EnumSet.of(ActionKind.SHARE);
    }

    @Override
    public void check(Context context, Consumer<Violation> violations) {
      String ownOrganization = context.callerTenant()
          .map(tenant -> tenant.attributes().getOrDefault("organization", ""))
          .orElse("");
      List<TenantId> recipients = ((Action.Share) context.action()).recipients();
      for (int i = 0; i < recipients.size(); i++) {
        TenantInfo recipient = context.tenants().get(recipients.get(i));
        if (recipient != null
            && !ownOrganization.equals(recipient.attributes().get("organization"))) {
          violations.accept(Violation.of(CODE, Category.FORBIDDEN, "tenant " + recipient.id()
              + " belongs to another organization", "recipients[" + i + "]"));
        }
      }
    }
  }

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
    TenantId sister = TenantId.of("acme-labs-north");
    cloud.tenants.put(TenantInfo.builder().id(sister).region(NORTH)
        .putAttributes("organization", "acme-group").build(), "acme-labs");
    ImageService images = Imago.builder()
        .store(new InMemoryImageStore())
        .tenants(cloud.tenants)
        .sources(cloud.sources)
        .idGenerator(new ReadableIds())
        .settings(PolicySettings.builder().maxPrivateImagesPerRegion(2).build())
        .addRule(new SharesStayInTheOrganization())
        .build();
    Caller acme = Caller.tenant(ACME);

    ImageRecord golden = images.createImage(acme, spec("golden"));
    images.reportProgress(golden.id(), ImageStatus.ACTIVE);
    out.println(ACME + " shares " + golden.id() + " with " + sister + " (same organization): added "
        + images.share(acme, golden.id(), List.of(sister)).added());
    out.println(ACME + " shares " + golden.id() + " with " + GLOBEX + " (another organization):");
    try {
      images.share(acme, golden.id(), List.of(GLOBEX));
    } catch (ImagePolicyException refusal) {
      DemoCloud.printRefusal(out, refusal);
    }

    images.createImage(acme, spec("second"));
    out.println("The host lowered the private image quota to 2; " + ACME + " asks for a third:");
    try {
      images.createImage(acme, spec("third"));
    } catch (ImagePolicyException refusal) {
      DemoCloud.printRefusal(out, refusal);
    }
  }

  private static ImageSpec spec(String name) {
    return ImageSpec.builder().name(name).type(ImageType.SYSTEM_DISK)
        .source(SourceRef.server(ACME_SERVER)).build();
  }
}
