package dev.imago.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Shrinks a failing command sequence by deleting commands, the way delta debugging does: first
 * everything after the failing step, then halves, quarters... down to single commands, then runs
 * of two or three neighbours wherever they start, keeping each deletion after which the sequence
 * still fails; when nothing more can go, it tries plainer commands ({@link Command#plainer}),
 * such as a deprecation without its replacement, which may let more go. QuickTheories' own
 * shrinking simplifies
 * the random draws behind a sequence; deleting is what makes a stateful failure short. Any
 * subsequence is a valid test, because commands name images by slot and owners by role.
 */
final class SequenceShrinker {
  private final Function<List<Command>, Optional<Throwable>> failureOf;
  private final long deadline;

  /**
   * Creates a shrinker.
   *
   * @param failureOf runs a sequence on a fresh store and returns how it failed, if it did
   * @param budget how long shrinking may take; the shortest sequence found by then is kept
   */
  SequenceShrinker(Function<List<Command>, Optional<Throwable>> failureOf, Duration budget) {
    this.failureOf = failureOf;
    this.deadline = System.nanoTime() + budget.toNanos();
  }

  /**
   * The shortest failing sequence found, with its failure.
   *
   * @param commands the sequence
   * @param failure how it failed
   */
  record Shrunk(List<Command> commands, Throwable failure) {}

  /**
   * Shrinks a sequence that failed.
   *
   * @param commands the failing sequence
   * @param failure how it failed
   * @return the shortest failing sequence found, with its failure
   */
  Shrunk shrink(List<Command> commands, Throwable failure) {
    Shrunk shortest = new Shrunk(afterwardsDropped(commands, failure), failure);
    int chunk = Math.max(1, shortest.commands().size() / 2);
    while (!outOfTime()) {
      boolean deleted = false;
      for (int start = 0; start < shortest.commands().size() && !outOfTime(); ) {
        List<Command> candidate = without(shortest.commands(), start, chunk);
        Optional<Throwable> again =
            candidate.isEmpty() ? Optional.empty() : failureOf.apply(candidate);
        if (again.isPresent()) {
          shortest = new Shrunk(afterwardsDropped(candidate, again.get()), again.get());
          deleted = true;
        } else {
          start += chunk;
        }
      }
      if (!deleted && chunk == 1) {
        Shrunk shorter = withoutNeighbours(shortest);
        if (shorter == shortest) {
          shorter = plainer(shortest);
        }
        if (shorter == shortest) {
          break;
        }
        shortest = shorter;
        continue;
      }
      if (!deleted) {
        chunk = Math.max(1, chunk / 2);
      }
    }
    return shortest;
  }

  /**
   * Tries deleting each run of two or three neighbouring commands, wherever it starts: commands
   * that only go together, such as two creates that a later slot counts past, are deleted
   * together, and the halving tries runs only where their length divides their start.
   */
  private Shrunk withoutNeighbours(Shrunk shortest) {
    List<Command> commands = shortest.commands();
    for (int length = 2; length <= 3; length++) {
      for (int start = 0; start + length <= commands.size() && !outOfTime(); start++) {
        List<Command> candidate = without(commands, start, length);
        Optional<Throwable> again =
            candidate.isEmpty() ? Optional.empty() : failureOf.apply(candidate);
        if (again.isPresent()) {
          return new Shrunk(afterwardsDropped(candidate, again.get()), again.get());
        }
      }
    }
    return shortest;
  }

  /** Tries each command's plainer versions in its place, and keeps the first that still fails. */
  private Shrunk plainer(Shrunk shortest) {
    List<Command> commands = shortest.commands();
    for (int i = 0; i < commands.size() && !outOfTime(); i++) {
      for (Command plainer : commands.get(i).plainer()) {
        List<Command> candidate = new ArrayList<>(commands);
        candidate.set(i, plainer);
        Optional<Throwable> again = failureOf.apply(candidate);
        if (again.isPresent()) {
          return new Shrunk(afterwardsDropped(candidate, again.get()), again.get());
        }
      }
    }
    return shortest;
  }

  /** The commands after the step where the run failed never matter. */
  private static List<Command> afterwardsDropped(List<Command> commands, Throwable failure) {
    if (failure instanceof SequenceRun.Disagreement disagreement
        && disagreement.step() < commands.size()) {
      return List.copyOf(commands.subList(0, disagreement.step()));
    }
    return commands;
  }

  private static List<Command> without(List<Command> commands, int start, int length) {
    List<Command> rest = new ArrayList<>(commands.subList(0, start));
    rest.addAll(commands.subList(Math.min(commands.size(), start + length), commands.size()));
    return rest;
  }

  private boolean outOfTime() {
    return System.nanoTime() > deadline;
  }
}
