package dev.imago.core.internal;

import static dev.imago.core.policy.PolicyGenerators.creations;
import static dev.imago.core.policy.PolicyGenerators.imageClasses;
import static dev.imago.core.policy.PolicyGenerators.scenarios;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.Generate.constant;
import static org.quicktheories.generators.Generate.frequency;
import static org.quicktheories.generators.Generate.pick;

import dev.imago.core.ImageNotFoundException;
import dev.imago.core.ImagePolicyException;
import dev.imago.core.policy.Action;
import dev.imago.core.policy.ActionKind;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.Decision;
import dev.imago.core.policy.PolicyEngine;
import dev.imago.core.policy.PolicyGenerators.Role;
import dev.imago.core.policy.PolicyGenerators.Scenario;
import dev.imago.spi.ImageClass;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageStatus;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;

/** Properties of the {@link Image} aggregate over generated contexts. */
class ImagePropertiesTest {
  private static final int EXAMPLES = 300;
  private static final PolicyEngine ENGINE = PolicyEngine.standard();
  private static final Set<ActionKind> CREATING =
      EnumSet.of(ActionKind.CREATE, ActionKind.REGISTER_PUBLIC, ActionKind.REPLICATE);
  private static final ImageId NEW_ID = ImageId.of("image-new");

  @Test
  void every_aggregate_command_yields_a_valid_record_or_throws_and_yields_nothing() {
    Image aggregate = new Image(ENGINE);
    AtomicInteger changed = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();

    // Any caller and action, plus the callers most commands are meant for, so that many are
    // allowed and change the record: owners managing, members answering, the image pipeline.
    Gen<Scenario> scenarios = frequency(List.of(
        Pair.of(3, scenarios()),
        Pair.of(3, scenarios(imageClasses(), constant(Role.OWNER), pick(List.of(
            ActionKind.SHARE, ActionKind.REVOKE, ActionKind.PROTECT, ActionKind.UNPROTECT,
            ActionKind.UPDATE_TAGS, ActionKind.DELETE, ActionKind.PUBLISH, ActionKind.WITHDRAW,
            ActionKind.REPLICATE, ActionKind.CHANGE_STATUS, ActionKind.DEPRECATE,
            ActionKind.CANCEL_DEPRECATION, ActionKind.SET_FAMILY, ActionKind.RESTORE)))),
        Pair.of(2, scenarios(constant(ImageClass.PRIVATE), constant(Role.OWNER), pick(List.of(
            ActionKind.SHARE, ActionKind.PUBLISH, ActionKind.REPLICATE)))),
        Pair.of(1, scenarios(constant(ImageClass.PRIVATE), constant(Role.MEMBER),
            pick(List.of(ActionKind.ACCEPT, ActionKind.REJECT)))),
        Pair.of(1, scenarios(imageClasses(), constant(Role.OPERATOR),
            constant(ActionKind.CHANGE_STATUS))),
        Pair.of(2, creations())));

    qt().withExamples(EXAMPLES).forAll(scenarios)
        .checkAssert(scenario -> {
          Context context = scenario.context();
          Optional<ImageRecord> before =
              context.image().map(image -> ImageRecord.builder().from(image).build());
          Decision decision = ENGINE.evaluate(context);
          Change change;
          try {
            change = aggregate.execute(context, () -> NEW_ID);
          } catch (ImageNotFoundException e) {
            assertThat(decision.isNotFound()).as("%s", decision).isTrue();
            assertThat(e.imageId()).isEqualTo(((Action.OnImage) context.action()).image());
            assertThat(context.image()).isEqualTo(before);
            refused.incrementAndGet();
            return;
          } catch (ImagePolicyException e) {
            assertThat(decision.isAllowed()).isFalse();
            assertThat(decision.isNotFound()).isFalse();
            assertThat(e.decision()).isEqualTo(decision);
            assertThat(context.image()).isEqualTo(before);
            refused.incrementAndGet();
            return;
          }
          assertThat(decision.isAllowed()).as("executed although %s", decision).isTrue();
          assertThat(context.image()).as("the input record").isEqualTo(before);
          if (change.record().isEmpty()) {
            assertThat(change.events()).isEmpty();
            return;
          }
          changed.incrementAndGet();
          ImageRecord next = change.record().get();
          ImageRecord.builder().from(next).build();
          assertThat(change.events()).isNotEmpty();
          ActionKind kind = context.action().kind();
          if (change.expectedVersion() == 0) {
            assertThat(kind).isIn(CREATING);
            assertThat(next.version()).isEqualTo(1);
            assertThat(next.id()).isEqualTo(NEW_ID);
            assertThat(next.status()).isEqualTo(ImageStatus.QUEUED);
            assertThat(next.members()).isEmpty();
          } else {
            ImageRecord old = before.orElseThrow();
            assertThat(kind).isNotIn(CREATING);
            assertThat(change.expectedVersion()).isEqualTo(old.version());
            assertThat(next.version()).isEqualTo(old.version() + 1);
            assertThat(next.id()).isEqualTo(old.id());
            assertThat(next.owner()).isEqualTo(old.owner());
            assertThat(next.region()).isEqualTo(old.region());
            assertThat(next.type()).isEqualTo(old.type());
            assertThat(next.source()).isEqualTo(old.source());
            assertThat(next.createdAt()).isEqualTo(old.createdAt());
            assertThat(next.updatedAt()).isAfterOrEqualTo(old.updatedAt());
            assertThat(next).isNotEqualTo(old);
          }
        });
    assertThat(changed.get()).as("changes").isGreaterThan(EXAMPLES / 10);
    assertThat(refused.get()).as("refusals").isGreaterThan(EXAMPLES / 10);
  }
}
