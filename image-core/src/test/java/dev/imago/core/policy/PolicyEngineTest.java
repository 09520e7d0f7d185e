package dev.imago.core.policy;

import static dev.imago.core.policy.DecisionAssertions.assertAllowed;
import static dev.imago.core.policy.DecisionAssertions.assertDenied;
import static dev.imago.core.policy.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.imago.core.ImagePolicyException;
import dev.imago.core.internal.Image;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.ImageType;
import dev.imago.spi.RuleCode;
import dev.imago.spi.ServerKind;
import dev.imago.spi.TenantId;
import dev.imago.spi.TenantInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** How the engine collects violations, and how hosts add rules and change limits. */
class PolicyEngineTest {
  private static final RuleCode ORG_SHARE_ONLY = RuleCode.of("ORG_SHARE_ONLY");

  /** A host's rule: images are shared only within the owner's organisation. */
  private static final class SharingStaysInTheOrganisation implements Rule {
    @Override
    public RuleCode code() {
      return ORG_SHARE_ONLY;
    }

    @Override
    public Set<ActionKind> actions() {
      return Set.of(ActionKind.SHARE);
    }

    @Override
    public void check(Context context, Consumer<Violation> violations) {
      String organisation = context.callerTenant()
          .map(tenant -> tenant.attributes().get("org")).orElse(null);
      List<TenantId> recipients = ((Action.Share) context.action()).recipients();
      for (int i = 0; i < recipients.size(); i++) {
        TenantInfo recipient = context.tenants().get(recipients.get(i));
        if (recipient != null
            && !Objects.equals(organisation, recipient.attributes().get("org"))) {
          violations.accept(Violation.of(ORG_SHARE_ONLY, Category.FORBIDDEN,
              "tenant " + recipient.id() + " is outside the organisation",
              "recipients[" + i + "]"));
        }
      }
    }
  }

  private static final PolicyEngine WITH_ORGANISATIONS =
      PolicyEngine.builder().addRule(new SharingStaysInTheOrganisation()).build();

  private static TenantInfo inOrganisation(TenantInfo tenant, String organisation) {
    return TenantInfo.builder().from(tenant).putAttributes("org", organisation).build();
  }

  /** OWNER and FRIEND work for acme, STRANGER for another company. */
  private static Context.Builder sharingInOrganisations(
      ImageRecord image, TenantId recipient) {
    return context(owner(), new Action.Share(image.id(), List.of(recipient)), image)
        .callerTenant(inOrganisation(OWNER_INFO, "acme"))
        .putTenants(FRIEND, inOrganisation(FRIEND_INFO, "acme"))
        .putTenants(STRANGER, inOrganisation(STRANGER_INFO, "globex"));
  }

  // Every violation, not the first

  @Test
  void use_that_breaks_several_rules_reports_each_of_them() {
    ImageRecord image = systemDiskImage().withStatus(ImageStatus.DEACTIVATED);
    UseRequest request = serverRequest().region(OTHER_REGION).serverKind(ServerKind.BMS)
        .diskGib(20).build();

    Decision decision = decide(context(owner(), new Action.Use(image.id(), request), image));

    assertDenied(decision, RuleCode.USE_NOT_ACTIVE, RuleCode.USE_REGION,
        RuleCode.USE_SERVER_KIND, RuleCode.USE_FLAVOR);
    assertThat(decision.isNotFound()).isFalse();
  }

  @Test
  void create_that_breaks_several_rules_reports_each_of_them() {
    ImageSpec spec = spec(ImageType.DATA_DISK, SourceRef.server(SERVER.id())).os(UBUNTU).build();

    assertDenied(decide(context(owner(), new Action.Create(spec)).server(SERVER)
        .ownedImages(100)),
        RuleCode.CREATE_DATA_DISK, RuleCode.CREATE_QUOTA);
  }

  @Test
  void create_from_another_tenants_server_is_refused_and_nothing_else_is_said() {
    ImageSpec spec = spec(ImageType.DATA_DISK, SourceRef.server(SERVER.id())).os(UBUNTU).build();

    assertDenied(decide(context(stranger(), new Action.Create(spec)).server(SERVER)
        .ownedImages(100)), RuleCode.CREATE_SOURCE_ACCESS);
  }

  @Test
  void built_in_rules_asked_one_by_one_report_what_the_engine_reports() {
    ImageRecord image = systemDiskImage().withStatus(ImageStatus.DEACTIVATED);
    UseRequest request = serverRequest().region(OTHER_REGION).serverKind(ServerKind.BMS)
        .diskGib(20).build();
    ImageSpec spec = spec(ImageType.DATA_DISK, SourceRef.server(SERVER.id())).os(UBUNTU).build();
    List<Context> contexts = List.of(
        context(owner(), new Action.Use(image.id(), request), image).build(),
        context(owner(), new Action.Create(spec)).server(SERVER).ownedImages(100).build());

    for (Context context : contexts) {
      List<Violation> reported = new ArrayList<>();
      for (Rule rule : PolicyEngine.builtInRules()) {
        if (rule.actions().contains(context.action().kind())) {
          rule.check(context, reported::add);
        }
      }

      assertThat(reported).isNotEmpty()
          .isEqualTo(PolicyEngine.standard().evaluate(context).violations());
    }
  }

  @Test
  void rules_about_an_image_asked_without_one_report_nothing() {
    UseRequest request = serverRequest().region(OTHER_REGION).diskGib(20).build();
    Context context = context(friend(), new Action.Use(ImageId.of("image-missing"), request))
        .build();
    List<Violation> reported = new ArrayList<>();

    for (Rule rule : PolicyEngine.builtInRules()) {
      if (rule.actions().contains(ActionKind.USE)
          && !rule.code().equals(RuleCode.USE_NOT_VISIBLE)) {
        rule.check(context, reported::add);
      }
    }

    assertThat(reported).isEmpty();
    assertThat(PolicyEngine.standard().evaluate(context).isNotFound()).isTrue();
  }

  // Host rules

  @Test
  void host_rule_denies_with_its_own_code() {
    Decision decision = WITH_ORGANISATIONS.evaluate(
        sharingInOrganisations(systemDiskImage(), STRANGER).build());

    assertDenied(decision, ORG_SHARE_ONLY);
    assertThat(decision.violations()).singleElement().satisfies(violation -> {
      assertThat(violation.category()).isEqualTo(Category.FORBIDDEN);
      assertThat(violation.fields()).containsExactly("recipients[0]");
    });
  }

  @Test
  void host_rule_allows_what_it_does_not_forbid() {
    assertAllowed(WITH_ORGANISATIONS.evaluate(
        sharingInOrganisations(systemDiskImage(), FRIEND).build()));
  }

  @Test
  void standard_engine_knows_nothing_of_the_host_rule() {
    assertAllowed(PolicyEngine.standard().evaluate(
        sharingInOrganisations(systemDiskImage(), STRANGER).build()));
  }

  @Test
  void host_rule_violations_appear_beside_built_in_ones() {
    Decision decision = WITH_ORGANISATIONS.evaluate(
        sharingInOrganisations(systemDiskImage().withEncryptionKey(KEY), STRANGER).build());

    assertDenied(decision, RuleCode.SHARE_ENCRYPTED, ORG_SHARE_ONLY);
  }

  @Test
  void host_rule_runs_only_for_its_actions() {
    ImageRecord image = systemDiskImage();
    Rule failsIfAsked = new Rule() {
      @Override
      public RuleCode code() {
        return RuleCode.of("ORG_NEVER_ASKED");
      }

      @Override
      public Set<ActionKind> actions() {
        return Set.of(ActionKind.SHARE);
      }

      @Override
      public void check(Context context, Consumer<Violation> violations) {
        throw new AssertionError("asked about " + context.action());
      }
    };

    assertAllowed(PolicyEngine.builder().addRule(failsIfAsked).build()
        .evaluate(context(owner(), new Action.Read(image.id()), image).build()));
  }

  @Test
  void host_rule_is_listed_after_the_built_in_rules() {
    assertThat(WITH_ORGANISATIONS.rules())
        .startsWith(PolicyEngine.builtInRules().toArray(Rule[]::new))
        .last().extracting(Rule::code).isEqualTo(ORG_SHARE_ONLY);
  }

  @Test
  void host_rule_denial_through_the_aggregate_carries_the_host_code() {
    ImagePolicyException error = catchThrowableOfType(ImagePolicyException.class,
        () -> new Image(WITH_ORGANISATIONS).execute(
            sharingInOrganisations(systemDiskImage(), STRANGER).build(),
            () -> ImageId.of("unused")));

    assertThat(error.decision().codes()).containsExactly(ORG_SHARE_ONLY);
  }

  @Test
  void host_rule_that_answers_not_found_hides_every_other_violation() {
    Rule hidesEverything = new Rule() {
      @Override
      public RuleCode code() {
        return RuleCode.of("ORG_HIDDEN");
      }

      @Override
      public Set<ActionKind> actions() {
        return Set.of(ActionKind.SHARE);
      }

      @Override
      public void check(Context context, Consumer<Violation> violations) {
        violations.accept(Violation.of(code(), Category.NOT_FOUND, "no such image", "imageId"));
      }
    };
    ImageRecord image = systemDiskImage().withEncryptionKey(KEY);

    Decision decision = PolicyEngine.builder().addRule(hidesEverything).build().evaluate(
        context(owner(), new Action.Share(image.id(), List.of(FAR_AWAY)), image).build());

    assertDenied(decision, RuleCode.of("ORG_HIDDEN"));
    assertThat(decision.isNotFound()).isTrue();
  }

  // Host settings

  @Test
  void host_lowers_the_private_image_quota_through_settings() {
    ImageSpec spec = spec(ImageType.SYSTEM_DISK, SourceRef.server(SERVER.id())).build();
    PolicySettings settings = PolicySettings.builder().maxPrivateImagesPerRegion(5).build();

    assertAllowed(decide(context(owner(), new Action.Create(spec)).server(SERVER)
        .ownedImages(5)));
    assertDenied(decide(context(owner(), new Action.Create(spec)).server(SERVER)
        .ownedImages(5).settings(settings)), RuleCode.CREATE_QUOTA);
    assertAllowed(decide(context(owner(), new Action.Create(spec)).server(SERVER)
        .ownedImages(4).settings(settings)));
  }
}
