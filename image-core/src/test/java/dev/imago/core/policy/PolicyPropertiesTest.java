package dev.imago.core.policy;

import static dev.imago.core.policy.PolicyGenerators.IMAGE_ACTIONS;
import static dev.imago.core.policy.PolicyGenerators.creations;
import static dev.imago.core.policy.PolicyGenerators.imageClasses;
import static dev.imago.core.policy.PolicyGenerators.scenarios;
import static dev.imago.core.policy.PolicyGenerators.weighted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.Generate.constant;
import static org.quicktheories.generators.Generate.enumValues;
import static org.quicktheories.generators.Generate.pick;

import dev.imago.core.Caller;
import dev.imago.core.ImageNotFoundException;
import dev.imago.core.ImagePolicyException;
import dev.imago.core.internal.Change;
import dev.imago.core.internal.Image;
import dev.imago.core.policy.PolicyGenerators.Role;
import dev.imago.core.policy.PolicyGenerators.Scenario;
import dev.imago.core.policy.internal.BuiltInRules;
import dev.imago.core.policy.internal.StatusTable;
import dev.imago.core.policy.internal.Verdicts;
import dev.imago.spi.ImageClass;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.Membership;
import dev.imago.spi.MembershipStatus;
import dev.imago.spi.RuleCode;
import dev.imago.spi.TenantId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Properties of the policy engine over generated worlds: who may see what, that a decision is
 * the sum of its rules, and that the status table is the only way an image's status moves.
 */
class PolicyPropertiesTest {
  private static final int EXAMPLES = 300;
  private static final PolicyEngine STANDARD = PolicyEngine.standard();
  /** Each built-in rule as an engine of its own, in evaluation order. */
  private static final Map<Rule, PolicyEngine> ALONE = new LinkedHashMap<>();

  static {
    PolicyEngine.builtInRules().forEach(rule -> ALONE.put(rule, PolicyEngine.of(List.of(rule))));
  }

  /** The actions a member that has not accepted may take: read the image and answer the share. */
  private static final Set<ActionKind> ANSWERING =
      EnumSet.of(ActionKind.READ, ActionKind.ACCEPT, ActionKind.REJECT);

  @Test
  void no_decision_lets_a_tenant_see_or_use_another_tenants_private_image_unless_an_accepted_member() {
    Gen<Scenario> scenarios = scenarios(
        weighted(9, constant(ImageClass.PRIVATE), 1, imageClasses()),
        weighted(8, pick(List.of(Role.STRANGER, Role.MEMBER)), 2, enumValues(Role.class)),
        weighted(2, pick(List.of(ActionKind.READ, ActionKind.USE)), 3, pick(IMAGE_ACTIONS)));
    AtomicInteger hidden = new AtomicInteger();
    AtomicInteger allowed = new AtomicInteger();

    qt().withExamples(EXAMPLES).forAll(scenarios).checkAssert(scenario -> {
      Context context = scenario.context();
      ImageRecord image = scenario.image();
      Decision decision = STANDARD.evaluate(context);
      if (context.caller().isOperator() || image.imageClass() != ImageClass.PRIVATE) {
        return;
      }
      TenantId tenant = context.caller().tenant().orElseThrow();
      ActionKind kind = context.action().kind();
      boolean owner = image.isOwnedBy(tenant);
      Optional<MembershipStatus> membership = image.member(tenant).map(Membership::status);
      boolean accepted = membership.equals(Optional.of(MembershipStatus.ACCEPTED));

      if (!owner && membership.isEmpty()) {
        hidden.incrementAndGet();
        assertThat(decision.isNotFound()).as("%s", decision).isTrue();
        assertThat(decision.violations()).hasSize(1);
        assertThat(decision.charges()).isEmpty();
        // The answer is the very one for an id that never existed, deleted or not: nothing leaks.
        assertThat(decision).isEqualTo(STANDARD.evaluate(
            context.withImage(Optional.empty())));
        assertThatThrownBy(() -> new Image(STANDARD).execute(context, () -> ImageId.of("x")))
            .isInstanceOf(ImageNotFoundException.class);
      }
      if (!owner && membership.isPresent() && !accepted && !ANSWERING.contains(kind)) {
        // It sees the image, so it is told the truth: denied, with the way out for a use.
        assertThat(decision.isAllowed() || decision.isNotFound()).as("%s by a %s member: %s",
            kind, membership.get(), decision).isFalse();
        if (kind == ActionKind.USE) {
          assertThat(decision.codes()).contains(RuleCode.USE_NOT_VISIBLE);
        }
      }
      if (decision.isAllowed()) {
        allowed.incrementAndGet();
        assertThat(owner || accepted || (membership.isPresent() && ANSWERING.contains(kind)))
            .as("allowed %s by %s", kind, tenant).isTrue();
        if (kind == ActionKind.USE) {
          assertThat(owner || accepted).as("allowed use by %s", tenant).isTrue();
        }
      }
    });
    assertThat(hidden.get()).as("strangers asked").isGreaterThan(EXAMPLES / 5);
    assertThat(allowed.get()).as("allowed decisions").isGreaterThan(EXAMPLES / 60);
  }

  @Test
  void a_denied_decision_lists_exactly_the_rules_that_alone_deny_the_action() {
    Gen<ActionKind> kinds = weighted(3, pick(List.of(ActionKind.SHARE, ActionKind.USE,
        ActionKind.PUBLISH, ActionKind.REPLICATE, ActionKind.DELETE, ActionKind.CHANGE_STATUS)),
        1, pick(IMAGE_ACTIONS));
    Gen<Role> roles = weighted(3, pick(List.of(Role.OWNER, Role.OPERATOR)),
        1, enumValues(Role.class));
    Gen<Scenario> scenarios = weighted(3, scenarios(imageClasses(), roles, kinds), 1, creations());
    AtomicInteger decisions = new AtomicInteger();
    AtomicInteger denied = new AtomicInteger();
    AtomicInteger severalRules = new AtomicInteger();

    qt().withExamples(EXAMPLES).forAll(scenarios)
        .assuming(scenario -> !STANDARD.evaluate(scenario.context()).isNotFound())
        .checkAssert(scenario -> {
          Context context = scenario.context();
          Decision decision = STANDARD.evaluate(context);
          Set<RuleCode> denying = new LinkedHashSet<>();
          List<Violation> violations = new ArrayList<>();
          List<Violation> refusals = new ArrayList<>();
          ALONE.forEach((rule, engine) -> {
            Decision alone = engine.evaluate(context);
            if (!alone.isAllowed()) {
              denying.add(rule.code());
              violations.addAll(alone.violations());
            }
            if (!rule.actions().contains(context.action().kind())) {
              return;
            }
            BuiltInRules.check(rule, context, context.image().orElse(null), new Verdicts() {
              @Override
              public void refuse(Violation refusal) {
                refusals.add(refusal);
              }

              @Override
              public void accept(Violation violation) {}
            });
          });

          if (!refusals.isEmpty()) {
            // The caller may not act: the first refusal is all it hears.
            assertThat(decision.violations()).containsExactly(refusals.get(0));
            return;
          }
          assertThat(decision.codes()).isEqualTo(denying);
          assertThat(decision.violations()).isEqualTo(violations);
          assertThat(decision.isAllowed()).isEqualTo(denying.isEmpty());
          decisions.incrementAndGet();
          if (!decision.isAllowed()) {
            denied.incrementAndGet();
          }
          if (denying.size() > 1) {
            severalRules.incrementAndGet();
          }
        });
    assertThat(denied.get()).as("denials").isGreaterThan(decisions.get() / 2);
    assertThat(severalRules.get()).as("denials by several rules")
        .isGreaterThan(decisions.get() / 5);
  }

  @Test
  void status_moves_outside_the_table_are_always_rejected() {
    List<ImageStatus[]> pairs = new ArrayList<>();
    // A recycled image leaves the bin by being restored or purged, never by a status change
    // (RetireRulesTest and RecycleBinTest hold those).
    for (ImageStatus from : ImageStatus.values()) {
      for (ImageStatus to : ImageStatus.values()) {
        if (from != ImageStatus.RECYCLED) {
          pairs.add(new ImageStatus[] {from, to});
        }
      }
    }
    Gen<ImageStatus[]> moves = pick(pairs).describedAs(pair -> pair[0] + " -> " + pair[1]);
    Gen<Scenario> scenarios = scenarios(imageClasses(), enumValues(Role.class),
        constant(ActionKind.CHANGE_STATUS));
    PolicyEngine table = ALONE.entrySet().stream()
        .filter(entry -> entry.getKey().code().equals(RuleCode.LIFECYCLE_TRANSITION))
        .map(Map.Entry::getValue).findFirst().orElseThrow();
    Image aggregate = new Image(STANDARD);
    Set<String> seenOutside = new LinkedHashSet<>();
    Set<String> seenInside = new LinkedHashSet<>();

    qt().withExamples(EXAMPLES).forAll(moves, scenarios).checkAssert((move, generated) -> {
      ImageStatus from = move[0];
      ImageStatus to = move[1];
      ImageRecord image = ImageRecord.builder().from(generated.image())
          .status(from)
          .recycling(Optional.empty())
          .members(from == ImageStatus.DELETED ? Map.of() : generated.image().members())
          .build();
      Context context = generated.context().withImage(image)
          .withAction(new Action.ChangeStatus(image.id(), to));
      Decision decision = STANDARD.evaluate(context);

      assertThat(StatusTable.allows(from, to)).as("the table on %s -> %s", from, to)
          .isEqualTo(inCatalogue(from, to));
      if (!inCatalogue(from, to) || to == ImageStatus.DELETED || to == ImageStatus.RECYCLED) {
        seenOutside.add(from + "->" + to);
        assertThat(decision.isAllowed()).as("%s -> %s: %s", from, to, decision).isFalse();
        assertThat(table.evaluate(context).codes()).containsExactly(RuleCode.LIFECYCLE_TRANSITION);
        boolean manages = image.imageClass() == ImageClass.PUBLIC
            ? context.caller().isOperator()
            : context.caller().isOperator() || context.caller().tenant()
                .filter(image::isOwnedBy).isPresent();
        if (!decision.isNotFound() && manages) {
          assertThat(decision.codes()).contains(RuleCode.LIFECYCLE_TRANSITION);
        }
        assertThatThrownBy(() -> aggregate.execute(context, () -> ImageId.of("x")))
            .isInstanceOfAny(ImagePolicyException.class, ImageNotFoundException.class);
        return;
      }
      seenInside.add(from + "->" + to);
      Context byOperator = context
          .withCaller(Caller.operator()).withCallerTenant(Optional.empty());
      assertThat(STANDARD.evaluate(byOperator).isAllowed())
          .as("%s -> %s by the operator: %s", from, to, STANDARD.evaluate(byOperator)).isTrue();
      Change change = aggregate.execute(byOperator, () -> ImageId.of("x"));
      assertThat(change.record().orElseThrow().status()).isEqualTo(to);
    });
    // Every pair of the table was tried, on either side of it.
    assertThat(seenOutside.size() + seenInside.size()).isGreaterThan(30);
  }

  /**
   * The status moves of RULES.md (LIFECYCLE_TRANSITION), written out again here so that the
   * property checks the code's table, not the table against itself.
   */
  private static boolean inCatalogue(ImageStatus from, ImageStatus to) {
    return switch (from) {
      case QUEUED -> to == ImageStatus.SAVING || to == ImageStatus.ACTIVE
          || to == ImageStatus.RECYCLED || to == ImageStatus.DELETED;
      case SAVING -> to == ImageStatus.ACTIVE || to == ImageStatus.KILLED
          || to == ImageStatus.RECYCLED || to == ImageStatus.DELETED;
      case ACTIVE -> to == ImageStatus.DEACTIVATED || to == ImageStatus.RECYCLED
          || to == ImageStatus.DELETED;
      case DEACTIVATED -> to == ImageStatus.ACTIVE || to == ImageStatus.RECYCLED
          || to == ImageStatus.DELETED;
      case KILLED -> to == ImageStatus.RECYCLED || to == ImageStatus.DELETED;
      // RECYCLE_RESTORE brings an image back with the status it had; RECYCLE_RETENTION purges.
      case RECYCLED -> to != ImageStatus.RECYCLED;
      case DELETED -> false;
    };
  }

  @Test
  void a_move_to_deleted_is_made_by_deleting_from_every_status_but_deleted() {
    Gen<Scenario> scenarios = scenarios(imageClasses(), constant(Role.OWNER),
        constant(ActionKind.DELETE));
    Image aggregate = new Image(STANDARD);
    qt().withExamples(100).forAll(enumValues(ImageStatus.class), scenarios)
        .assuming((from, scenario) -> from != ImageStatus.DELETED && from != ImageStatus.RECYCLED)
        .checkAssert((from, scenario) -> {
          ImageRecord image = ImageRecord.builder().from(scenario.image())
              .status(from).recycling(Optional.empty()).deletionProtected(false).build();
          assertThat(inCatalogue(from, ImageStatus.DELETED)).isTrue();
          Context context = scenario.context().withImage(image);
          if (image.imageClass() == ImageClass.PUBLIC) {
            context = context
                .withCaller(Caller.operator()).withCallerTenant(Optional.empty());
          }
          assertThat(STANDARD.evaluate(context).isAllowed()).as("%s", scenario).isTrue();
          assertThat(aggregate.execute(context, () -> ImageId.of("x")).record().orElseThrow()
              .status()).isEqualTo(ImageStatus.DELETED);
        });
  }
}
