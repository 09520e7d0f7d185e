package dev.imago.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.imago.core.Caller;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.TenantId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SequenceShrinkerTest {
  private static final Command SHARE = new Command.Share(Command.Actor.OWNER, 0,
      List.of(TenantId.of("bob")));
  private static final Command ACCEPT = new Command.Accept(
      Command.Actor.of(Caller.tenant(TenantId.of("bob"))), 0, Optional.empty());

  @Test
  void shrinking_keeps_only_the_commands_the_failure_needs() {
    List<Command> found = noise(40);
    found.add(7, SHARE);
    found.add(31, ACCEPT);

    SequenceShrinker.Shrunk shortest = new SequenceShrinker(
        SequenceShrinkerTest::failsWhenShareComesBeforeAccept, Duration.ofSeconds(10))
        .shrink(found, new AssertionError("found"));

    assertThat(shortest.commands()).containsExactly(SHARE, ACCEPT);
    assertThat(shortest.failure()).hasMessage("share, then accept");
  }

  @Test
  void commands_after_the_failing_step_are_dropped_first() {
    List<Command> found = new ArrayList<>(List.of(SHARE, ACCEPT));
    found.addAll(noise(5));
    AtomicInteger runs = new AtomicInteger();

    SequenceShrinker.Shrunk shortest = new SequenceShrinker(commands -> {
      runs.incrementAndGet();
      return failsWhenShareComesBeforeAccept(commands);
    }, Duration.ofSeconds(10)).shrink(found, new SequenceRun.Disagreement(2, "at step 2", null));

    assertThat(shortest.commands()).containsExactly(SHARE, ACCEPT);
    assertThat(runs.get()).as("runs: neither command alone fails").isEqualTo(2);
  }

  @Test
  void commands_that_matter_only_together_are_deleted_together_wherever_they_stand() {
    List<Command> noise = noise(3);
    Command first = noise.get(1);
    Command second = noise.get(2);
    // Like two creates a later slot counts past: deleting either one alone changes the story.
    List<Command> found = new ArrayList<>(noise);
    found.addAll(List.of(SHARE, ACCEPT));

    SequenceShrinker.Shrunk shortest = new SequenceShrinker(commands ->
        commands.contains(first) == commands.contains(second)
            ? failsWhenShareComesBeforeAccept(commands) : Optional.empty(),
        Duration.ofSeconds(10)).shrink(found, new AssertionError("found"));

    assertThat(shortest.commands()).containsExactly(SHARE, ACCEPT);
  }

  @Test
  void commands_are_made_plainer_when_that_lets_others_go() {
    Command detailed = new Command.Deprecate(Command.Actor.OWNER, 0,
        Optional.of(Duration.ofDays(1)), Optional.of(Duration.ofDays(1)), Optional.of(1));
    List<Command> found = noise(2);
    found.add(detailed);

    // Any deprecation fails; one that names a replacement needs the images before it.
    SequenceShrinker.Shrunk shortest = new SequenceShrinker(commands -> commands.stream()
        .filter(Command.Deprecate.class::isInstance).map(Command.Deprecate.class::cast)
        .anyMatch(deprecate -> deprecate.replacement().isEmpty() || commands.size() == 3)
            ? Optional.of(new AssertionError("deprecated")) : Optional.empty(),
        Duration.ofSeconds(10)).shrink(found, new AssertionError("found"));

    assertThat(shortest.commands()).containsExactly(new Command.Deprecate(Command.Actor.OWNER,
        0, Optional.of(Duration.ZERO), Optional.empty(), Optional.empty()));
  }

  @Test
  void a_sequence_that_no_longer_fails_is_kept_whole() {
    List<Command> found = noise(3);

    SequenceShrinker.Shrunk shortest = new SequenceShrinker(commands -> Optional.empty(),
        Duration.ofSeconds(10)).shrink(found, new AssertionError("flaky"));

    assertThat(shortest.commands()).isEqualTo(found);
    assertThat(shortest.failure()).hasMessage("flaky");
  }

  @Test
  void examples_come_from_the_system_property_when_it_is_set() {
    String before = System.getProperty(ImageServiceStatefulContract.EXAMPLES_PROPERTY);
    try {
      System.clearProperty(ImageServiceStatefulContract.EXAMPLES_PROPERTY);
      assertThat(ImageServiceStatefulContract.configuredExamples(300)).isEqualTo(300);
      System.setProperty(ImageServiceStatefulContract.EXAMPLES_PROPERTY, " 5000 ");
      assertThat(ImageServiceStatefulContract.configuredExamples(300)).isEqualTo(5000);
      for (String malformed : List.of("0", "-3", "many")) {
        System.setProperty(ImageServiceStatefulContract.EXAMPLES_PROPERTY, malformed);
        assertThatIllegalArgumentException()
            .isThrownBy(() -> ImageServiceStatefulContract.configuredExamples(300))
            .withMessageContaining(ImageServiceStatefulContract.EXAMPLES_PROPERTY)
            .withMessageContaining(malformed);
      }
    } finally {
      if (before == null) {
        System.clearProperty(ImageServiceStatefulContract.EXAMPLES_PROPERTY);
      } else {
        System.setProperty(ImageServiceStatefulContract.EXAMPLES_PROPERTY, before);
      }
    }
  }

  private static Optional<Throwable> failsWhenShareComesBeforeAccept(List<Command> commands) {
    int share = commands.indexOf(SHARE);
    return share >= 0 && commands.indexOf(ACCEPT) > share
        ? Optional.of(new AssertionError("share, then accept")) : Optional.empty();
  }

  private static List<Command> noise(int count) {
    List<Command> commands = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      commands.add(new Command.ReportProgress(i, ImageStatus.ACTIVE));
    }
    return commands;
  }
}
