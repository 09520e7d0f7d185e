package dev.imago.testkit;

import static dev.imago.testkit.ServiceWorld.ALICE;
import static dev.imago.testkit.ServiceWorld.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imago.core.Caller;
import dev.imago.core.policy.ImageSpec;
import dev.imago.core.policy.SourceRef;
import dev.imago.core.policy.UseRequest;
import dev.imago.core.policy.UseTarget;
import dev.imago.spi.FileId;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.ImageType;
import dev.imago.spi.OsType;
import dev.imago.spi.Platform;
import dev.imago.spi.ServerId;
import dev.imago.spi.ServerKind;
import dev.imago.spi.TenantId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Fixed sequences of retirements that the service and the reference model must agree on, step
 * by step, whatever the generators happen to draw: every deprecation rule the model decides is
 * reached, and the outcomes are the ones RULES.md gives.
 */
class RetirementSequencesTest {
  private static final Duration DAY = Duration.ofDays(1);
  private static final Command.Actor MANAGER = Command.Actor.MANAGER;
  private static final Command.Actor BOB_ACTS = Command.Actor.of(Caller.tenant(BOB));
  private static final UseRequest SERVER = UseRequest.builder().target(UseTarget.SERVER)
      .region(ServiceWorld.NORTH).serverKind(ServerKind.ECS).diskGib(100).ramMib(8192).build();

  @Test
  void a_schedule_takes_effect_at_its_exact_instants_with_a_notice_then_a_refusal() {
    List<String> outcomes = run(
        create(ALICE), active(),
        new Command.Share(Command.Actor.OWNER, 0, List.of(BOB)),
        new Command.Accept(BOB_ACTS, 0, Optional.empty()),
        deprecate(0, Optional.of(DAY), Optional.of(DAY), Optional.empty()),
        new Command.TimeReaches(0, Command.Milestone.DEPRECATION, true),
        new Command.Use(BOB_ACTS, 0, SERVER),
        new Command.TimeReaches(0, Command.Milestone.DEPRECATION, false),
        new Command.Use(BOB_ACTS, 0, SERVER),
        new Command.TimeReaches(0, Command.Milestone.OBSOLESCENCE, false),
        new Command.Use(BOB_ACTS, 0, SERVER),
        new Command.Share(Command.Actor.OWNER, 0, List.of(ServiceWorld.ERIN)),
        new Command.CancelDeprecation(MANAGER, 0));

    assertThat(outcomes.get(4)).startsWith("allowed: schedule from 2026-01-02T00:00:02Z,"
        + " obsolete from 2026-01-03T00:00:02Z");
    assertThat(outcomes.get(6)).isEqualTo("allowed: 1 disks, charges []");
    assertThat(outcomes.get(8)).isEqualTo("allowed: 1 disks, charges [], notices [USE_DEPRECATED]");
    assertThat(outcomes.subList(10, 13)).containsExactly("denied [USE_OBSOLETE]",
        "denied [USE_OBSOLETE]", "denied [DEPRECATE_SCHEDULE]");
  }

  @Test
  void replacements_are_eligible_images_that_never_lead_back() {
    List<String> outcomes = run(
        create(ALICE), active(), create(ALICE), active(),
        deprecate(1, Optional.of(DAY), Optional.empty(), Optional.of(0)),
        deprecate(0, Optional.of(DAY), Optional.empty(), Optional.of(1)),
        deprecate(0, Optional.of(DAY), Optional.empty(),
            Optional.of(Command.Deprecate.NO_SUCH_IMAGE)),
        create(BOB), active(),
        deprecate(1, Optional.of(DAY), Optional.empty(), Optional.of(0)),
        new Command.Deprecate(BOB_ACTS, 1, Optional.of(DAY), Optional.empty(), Optional.empty()),
        deprecate(2, Optional.empty(), Optional.of(DAY.multipliedBy(30)), Optional.of(1)),
        deprecate(2, Optional.empty(), Optional.of(DAY.multipliedBy(30)), Optional.of(1)),
        new Command.Replicate(Command.Actor.OWNER, 2, ServiceWorld.EAST));

    assertThat(outcomes.get(4)).endsWith("replaced by img-2");
    assertThat(outcomes.subList(5, 7)).as("a cycle, and an id that never existed")
        .containsOnly("denied [DEPRECATE_REPLACEMENT]");
    assertThat(outcomes.get(9)).as("another tenant's private image")
        .isEqualTo("denied [DEPRECATE_REPLACEMENT]");
    assertThat(outcomes.get(10)).as("an image bob does not see").isEqualTo("not found");
    assertThat(outcomes.get(11)).as("a schedule that keeps its time changes its other parts")
        .startsWith("allowed: schedule from 2026-01-02T00:00:02Z, obsolete from");
    assertThat(outcomes.get(12)).as("the same schedule again").isEqualTo(outcomes.get(11));
    assertThat(outcomes.get(13)).isEqualTo("allowed: created img-4");
  }

  @Test
  void schedules_stay_within_their_leads_and_in_the_future() {
    Duration twoYears = DAY.multipliedBy(730);
    Duration tenYears = DAY.multipliedBy(3650);
    List<String> outcomes = run(
        publicImage(), active(),
        deprecate(0, Optional.of(twoYears.plusSeconds(1)), Optional.empty(), Optional.empty()),
        new Command.Deprecate(Command.Actor.OWNER, 0, Optional.of(twoYears), Optional.empty(),
            Optional.empty()),
        deprecate(0, Optional.of(twoYears), Optional.empty(), Optional.empty()),
        create(ALICE), active(),
        deprecate(0, Optional.of(tenYears.plusSeconds(1)), Optional.empty(), Optional.empty()),
        deprecate(0, Optional.of(Duration.ofSeconds(-1)), Optional.empty(), Optional.empty()),
        deprecate(0, Optional.of(tenYears), Optional.of(Duration.ofSeconds(-1)),
            Optional.empty()),
        deprecate(0, Optional.of(tenYears), Optional.empty(), Optional.empty()),
        new Command.TimePasses(twoYears));

    assertThat(outcomes.get(2)).isEqualTo("denied [DEPRECATE_SCHEDULE]");
    assertThat(outcomes.get(3)).as("alice, for a public image").isEqualTo("denied [CREATE_PUBLIC]");
    assertThat(outcomes.get(4)).startsWith("allowed: schedule from 2028-01-01");
    assertThat(outcomes.subList(7, 9)).containsOnly("denied [DEPRECATE_SCHEDULE]");
    assertThat(outcomes.get(9)).isEqualTo("invalid input (DEPRECATE_SCHEDULE)");
    assertThat(outcomes.get(10)).startsWith("allowed: schedule from 2035-12-30");
  }

  /** Runs the commands on a service over a simple store; the model agrees at every step. */
  private static List<String> run(Command... commands) {
    SequenceRun run = new SequenceRun(new ScanningImageStore());
    run.run(List.of(commands));
    return run.trace().stream().map(line -> line.substring(line.indexOf(" -> ") + 4)).toList();
  }

  private static Command create(TenantId creator) {
    return new Command.Create(creator, ImageSpec.builder().name("web").type(ImageType.SYSTEM_DISK)
        .source(SourceRef.server(ServerId.of("srv-" + creator))).build());
  }

  private static Command publicImage() {
    return new Command.RegisterPublic(ImageSpec.builder().name("gold")
        .type(ImageType.SYSTEM_DISK).source(SourceRef.file(FileId.of("gold-north")))
        .os(Samples.os(OsType.LINUX, Platform.UBUNTU)).build(), ServiceWorld.NORTH);
  }

  private static Command active() {
    return new Command.ReportProgress(0, ImageStatus.ACTIVE);
  }

  private static Command deprecate(int slot, Optional<Duration> in, Optional<Duration> obsolete,
      Optional<Integer> replacement) {
    return new Command.Deprecate(MANAGER, slot, in, obsolete, replacement);
  }
}
