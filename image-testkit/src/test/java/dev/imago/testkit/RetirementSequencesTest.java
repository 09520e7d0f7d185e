package dev.imago.testkit;

import static dev.imago.testkit.ServiceWorld.ALICE;
import static dev.imago.testkit.ServiceWorld.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imago.core.Caller;
import dev.imago.core.policy.ImageSpec;
import dev.imago.core.policy.SourceRef;
import dev.imago.core.policy.UseRequest;
import dev.imago.core.policy.UseTarget;
import dev.imago.spi.Family;
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
 * by step, whatever the generators happen to draw: every deprecation, family and recycle-bin
 * rule the model decides is reached, and the outcomes are the ones RULES.md gives.
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

  @Test
  void a_family_resolves_to_its_newest_usable_version_for_its_owner_and_its_members() {
    Family web = Family.of(ALICE, "web");
    List<String> outcomes = run(
        create(ALICE, "web"), active(),
        new Command.Share(Command.Actor.OWNER, 0, List.of(BOB)),
        new Command.Accept(BOB_ACTS, 0, Optional.empty()),
        new Command.ResolveLatest(BOB, web),
        create(ALICE, "web"),
        new Command.ResolveLatest(ALICE, web),
        active(),
        new Command.ResolveLatest(ALICE, web),
        new Command.ResolveLatest(BOB, web),
        new Command.SetFamily(MANAGER, 0, "web", true),
        new Command.ResolveLatest(ALICE, web),
        new Command.SetFamily(MANAGER, 0, "Web_1", false),
        new Command.LeaveFamily(MANAGER, 1),
        new Command.ResolveLatest(ALICE, web),
        new Command.ResolveLatest(ServiceWorld.ERIN, web));

    assertThat(outcomes.get(4)).as("bob, who accepted the share").startsWith("allowed: img-1 ");
    assertThat(outcomes.get(6)).as("the newer version is not ACTIVE yet")
        .startsWith("allowed: img-1 ");
    assertThat(outcomes.get(8)).startsWith("allowed: img-2 ");
    assertThat(outcomes.get(9)).as("bob is no member of the newer version")
        .startsWith("allowed: img-1 ");
    assertThat(outcomes.get(10)).isEqualTo("allowed: family web (excluded from latest)");
    assertThat(outcomes.get(11)).startsWith("allowed: img-1 ");
    assertThat(outcomes.get(12)).isEqualTo("invalid input (FAMILY_NAME)");
    assertThat(outcomes.subList(13, 16)).containsExactly("allowed: family -", "allowed: none",
        "allowed: none");
  }

  @Test
  void a_deleted_image_waits_in_the_bin_until_its_purge_time_and_is_then_purged() {
    List<String> outcomes = runWithRecycleBin(
        create(ALICE, "web"), active(),
        new Command.Share(Command.Actor.OWNER, 0, List.of(BOB)),
        new Command.Accept(BOB_ACTS, 0, Optional.empty()),
        new Command.Delete(Command.Actor.OWNER, 0),
        new Command.Use(BOB_ACTS, 0, SERVER),
        new Command.Share(Command.Actor.OWNER, 0, List.of(BOB)),
        new Command.Restore(Command.Actor.of(Caller.operator()), 0),
        new Command.Restore(BOB_ACTS, 0),
        new Command.Restore(Command.Actor.OWNER, 0),
        new Command.Delete(Command.Actor.OWNER, 0),
        new Command.TimeReaches(0, Command.Milestone.PURGE, true),
        new Command.PurgeExpired(10),
        new Command.TimeReaches(0, Command.Milestone.PURGE, true),
        new Command.Restore(Command.Actor.OWNER, 0),
        new Command.Delete(Command.Actor.OWNER, 0),
        new Command.TimeReaches(0, Command.Milestone.PURGE, false),
        new Command.Restore(Command.Actor.OWNER, 0),
        new Command.PurgeExpired(10),
        new Command.PurgeExpired(10));

    assertThat(outcomes.get(4)).isEqualTo("allowed");
    assertThat(outcomes.get(5)).as("bob, once a member").isEqualTo("not found");
    assertThat(outcomes.get(6)).isEqualTo("denied [RECYCLE_RETENTION]");
    assertThat(outcomes.subList(7, 10)).containsExactly("denied [RECYCLE_RESTORE]",
        "not found", "allowed: ACTIVE");
    assertThat(outcomes.subList(12, 15)).as("a nanosecond before the purge time")
        .containsExactly("allowed: purged 0", "allowed", "allowed: ACTIVE");
    assertThat(outcomes.subList(17, 20)).as("at the purge time exactly")
        .containsExactly("denied [RECYCLE_RESTORE]", "allowed: purged 1", "allowed: purged 0");
  }

  @Test
  void a_restore_needs_room_in_the_quota_and_brings_back_the_status_the_image_had() {
    List<String> outcomes = runWithRecycleBin(
        create(ALICE, "web"),
        new Command.Delete(Command.Actor.OWNER, 0),
        create(ALICE, "web"), create(ALICE, "web"), create(ALICE, "web"),
        new Command.Restore(Command.Actor.OWNER, 3),
        new Command.Delete(Command.Actor.OWNER, 0),
        new Command.Restore(Command.Actor.OWNER, 3),
        new Command.Restore(Command.Actor.OWNER, 3));

    assertThat(outcomes.get(5)).isEqualTo("denied [CREATE_QUOTA]");
    assertThat(outcomes.get(7)).as("the image was QUEUED when deleted")
        .isEqualTo("allowed: QUEUED");
    assertThat(outcomes.get(8)).as("an image in use")
        .isEqualTo("denied [CREATE_QUOTA, RECYCLE_RESTORE]");
  }

  /** Runs the commands on a service over a simple store; the model agrees at every step. */
  private static List<String> run(Command... commands) {
    return outcomes(new SequenceRun(new ScanningImageStore()), commands);
  }

  /** Runs the commands as {@link #run} does, on a service whose deletes go to a recycle bin. */
  private static List<String> runWithRecycleBin(Command... commands) {
    return outcomes(new SequenceRun(new ScanningImageStore(),
        Optional.of(CommandGenerators.RETENTION)), commands);
  }

  private static List<String> outcomes(SequenceRun run, Command... commands) {
    run.run(List.of(commands));
    return run.trace().stream().map(line -> line.substring(line.indexOf(" -> ") + 4)).toList();
  }

  private static Command create(TenantId creator) {
    return new Command.Create(creator, ImageSpec.builder().name("web").type(ImageType.SYSTEM_DISK)
        .source(SourceRef.server(ServerId.of("srv-" + creator))).build());
  }

  private static Command create(TenantId creator, String family) {
    return new Command.Create(creator, ImageSpec.builder().name("web").type(ImageType.SYSTEM_DISK)
        .source(SourceRef.server(ServerId.of("srv-" + creator))).family(family).build());
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
