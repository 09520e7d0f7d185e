package dev.imago.testkit;

import static dev.imago.testkit.ServiceWorld.ALICE;
import static dev.imago.testkit.ServiceWorld.BOB;
import static dev.imago.testkit.ServiceWorld.ERIN;

import dev.imago.core.Caller;
import dev.imago.core.ImageService;
import dev.imago.core.policy.ImageSpec;
import dev.imago.core.policy.SourceRef;
import dev.imago.spi.DiskId;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.ImageStore;
import dev.imago.spi.ImageType;
import dev.imago.spi.ServerId;
import dev.imago.spi.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

/**
 * One trial of the concurrent contract: alice's images are made ACTIVE and perhaps shared, one
 * command at a time; then two or three threads, started together, each run a few shares,
 * accepts, rejects, revokes or deletes on those images through one service over the store under
 * test. The trial passes when some order of all the commands, keeping each thread's own order,
 * run one at a time on the reference model, gives every command the result it had and leaves
 * every image as the store holds it. The orders are searched depth first, a branch dropped as
 * soon as a command's result differs: at most three threads of three commands make 1680 orders.
 */
final class ConcurrentTrial {
  private static final Instant NOW = ServiceWorld.T0.plusSeconds(3600);
  private static final long TIMEOUT_SECONDS = 30;

  private ConcurrentTrial() {}

  /**
   * What a trial runs.
   *
   * @param setup the commands run first, one at a time
   * @param threads the commands of each thread, in its order
   */
  record Scenario(List<Command> setup, List<List<Command>> threads) {
    @Override
    public String toString() {
      String newLine = System.lineSeparator();
      StringBuilder text = new StringBuilder(newLine).append("setup:");
      setup.forEach(command -> text.append(newLine).append("  ")
          .append(CommandGenerators.CommandSequence.describe(command)));
      for (int t = 0; t < threads.size(); t++) {
        text.append(newLine).append("thread ").append(t + 1).append(':');
        threads.get(t).forEach(command -> text.append(newLine).append("  ")
            .append(CommandGenerators.CommandSequence.describe(command)));
      }
      return text.toString();
    }
  }

  /**
   * Returns scenarios on one or two images of alice (a system-disk image, and a data-disk image
   * that takes one member only), with two or three threads of one to three commands.
   */
  static Gen<Scenario> scenarios() {
    Gen<Integer> images = Generate.range(1, 2);
    Gen<Integer> setupShares = Generate.range(0, 3);
    Gen<Integer> threadCounts = Generate.range(2, 3);
    Gen<Integer> lengths = Generate.range(1, 3);
    Gen<Integer> slots = Generate.range(0, 1);
    Gen<TenantId> members = Generate.pick(List.of(BOB, ERIN));
    Gen<Command> before = in -> Generate.booleans().generate(in)
        ? new Command.Share(Command.Actor.OWNER, slots.generate(in), List.of(members.generate(in)))
        : new Command.Accept(member(members.generate(in)), slots.generate(in), Optional.empty());
    Gen<Command> during = Generate.frequency(List.of(
        Pair.of(4, in -> new Command.Share(Command.Actor.OWNER, slots.generate(in),
            recipients(in, members))),
        Pair.of(3, in -> new Command.Accept(member(members.generate(in)), slots.generate(in),
            Optional.empty())),
        Pair.of(1, in -> new Command.Reject(member(members.generate(in)), slots.generate(in))),
        Pair.of(3, in -> new Command.Revoke(Command.Actor.OWNER, slots.generate(in),
            members.generate(in))),
        Pair.of(1, in -> new Command.Delete(Command.Actor.OWNER, slots.generate(in)))));
    return in -> {
      List<Command> setup = new ArrayList<>(activeImage(ImageType.SYSTEM_DISK,
          SourceRef.server(ServerId.of("srv-" + ALICE))));
      if (images.generate(in) == 2) {
        setup.addAll(activeImage(ImageType.DATA_DISK, SourceRef.disk(DiskId.of("evs-" + ALICE))));
      }
      for (int i = setupShares.generate(in); i > 0; i--) {
        setup.add(before.generate(in));
      }
      List<List<Command>> threads = new ArrayList<>();
      for (int t = threadCounts.generate(in); t > 0; t--) {
        List<Command> commands = new ArrayList<>();
        for (int i = lengths.generate(in); i > 0; i--) {
          commands.add(during.generate(in));
        }
        threads.add(commands);
      }
      return new Scenario(setup, threads);
    };
  }

  /**
   * Runs a scenario on a service over the store.
   *
   * @param store a new, empty store
   * @param scenario the scenario
   * @param pool at least three threads
   * @throws AssertionError when the setup disagrees with the model, or no order explains the
   *     results and the final state
   */
  static void check(ImageStore store, Scenario scenario, ExecutorService pool) {
    ServiceWorld.SteppingClock clock = new ServiceWorld.SteppingClock();
    clock.set(NOW);
    ImageService service = ServiceWorld.service(store, clock);
    ReferenceModel model = new ReferenceModel();
    List<String> setupLines = new ArrayList<>();
    for (Command command : scenario.setup()) {
      Step step = Step.resolve(command, model);
      Outcome expected = model.apply(command, step.caller(), step.image(), NOW);
      Outcome actual = command.runOn(service, step.caller(), step.image());
      setupLines.add(step.line() + " -> " + actual);
      if (!expected.equals(actual)) {
        throw new AssertionError("Setup, run one command at a time, disagrees with the reference"
            + " model (the sequential contract covers this):" + lines(setupLines)
            + System.lineSeparator() + "  expected: " + expected, actual.failure());
      }
    }
    List<List<Step>> threads = new ArrayList<>();
    for (List<Command> commands : scenario.threads()) {
      threads.add(commands.stream().map(command -> Step.resolve(command, model)).toList());
    }
    List<List<Outcome>> results = runTogether(service, threads, pool);
    Map<ImageId, Optional<ImageView>> stored = new LinkedHashMap<>();
    model.ids().forEach(id -> stored.put(id, store.load(id).map(ImageView::of)));

    Set<String> nearMisses = new LinkedHashSet<>();
    if (!explained(model, threads, results, new int[threads.size()], stored, nearMisses)) {
      throw new AssertionError(unexplained(setupLines, threads, results, stored, nearMisses),
          firstFailure(results));
    }
  }

  /** Whether some order of the remaining commands, from this model, explains everything. */
  private static boolean explained(ReferenceModel model, List<List<Step>> threads,
      List<List<Outcome>> results, int[] next, Map<ImageId, Optional<ImageView>> stored,
      Set<String> nearMisses) {
    boolean allDone = true;
    for (int t = 0; t < threads.size(); t++) {
      if (next[t] == threads.get(t).size()) {
        continue;
      }
      allDone = false;
      Step step = threads.get(t).get(next[t]);
      ReferenceModel tried = model.copy();
      Outcome predicted = tried.apply(step.command(), step.caller(), step.image(), NOW);
      if (!predicted.equals(results.get(t).get(next[t]))) {
        continue;
      }
      next[t]++;
      boolean found = explained(tried, threads, results, next, stored, nearMisses);
      next[t]--;
      if (found) {
        return true;
      }
    }
    if (!allDone) {
      return false;
    }
    Map<ImageId, Optional<ImageView>> predicted = new LinkedHashMap<>();
    model.ids().forEach(id -> predicted.put(id, model.view(id)));
    if (predicted.equals(stored)) {
      return true;
    }
    if (nearMisses.size() < 3) {
      nearMisses.add(describe(predicted));
    }
    return false;
  }

  private static List<List<Outcome>> runTogether(ImageService service, List<List<Step>> threads,
      ExecutorService pool) {
    CyclicBarrier start = new CyclicBarrier(threads.size());
    List<Callable<List<Outcome>>> tasks = new ArrayList<>();
    for (List<Step> steps : threads) {
      tasks.add(() -> {
        start.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<Outcome> outcomes = new ArrayList<>();
        for (Step step : steps) {
          outcomes.add(step.command().runOn(service, step.caller(), step.image()));
        }
        return outcomes;
      });
    }
    List<List<Outcome>> results = new ArrayList<>();
    try {
      for (Future<List<Outcome>> done : pool.invokeAll(tasks)) {
        results.add(done.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while the threads ran", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("the concurrent commands did not finish within "
          + TIMEOUT_SECONDS + " seconds, or a thread broke", e);
    }
    return results;
  }

  private static String unexplained(List<String> setupLines, List<List<Step>> threads,
      List<List<Outcome>> results, Map<ImageId, Optional<ImageView>> stored,
      Set<String> nearMisses) {
    String newLine = System.lineSeparator();
    StringBuilder text = new StringBuilder("No order of the concurrent commands, one at a time,"
        + " explains what they answered and what the store holds.")
        .append(newLine).append("Setup, one command at a time:").append(lines(setupLines));
    for (int t = 0; t < threads.size(); t++) {
      List<String> done = new ArrayList<>();
      for (int i = 0; i < threads.get(t).size(); i++) {
        done.add(threads.get(t).get(i).line() + " -> " + results.get(t).get(i));
      }
      text.append(newLine).append("Thread ").append(t + 1).append(", concurrently:")
          .append(lines(done));
    }
    text.append(newLine).append("The store holds:").append(describe(stored));
    if (nearMisses.isEmpty()) {
      text.append(newLine).append("No order gives every command the result it had.");
    } else {
      text.append(newLine).append("Orders that give every command its result leave instead:");
      nearMisses.forEach(state -> text.append(state).append(newLine).append("  or"));
      text.setLength(text.length() - ("  or".length() + newLine.length()));
    }
    return text.toString();
  }

  private static String describe(Map<ImageId, Optional<ImageView>> state) {
    List<String> lines = new ArrayList<>();
    state.forEach((id, view) -> lines.add(view.map(ImageView::toString).orElse(id + " absent")));
    return lines(lines);
  }

  private static String lines(List<String> lines) {
    StringBuilder text = new StringBuilder();
    lines.forEach(line -> text.append(System.lineSeparator()).append("  ").append(line));
    return text.toString();
  }

  private static Throwable firstFailure(List<List<Outcome>> results) {
    return results.stream().flatMap(List::stream).map(Outcome::failure)
        .filter(failure -> failure != null).findFirst().orElse(null);
  }

  private static List<Command> activeImage(ImageType type, SourceRef source) {
    ImageSpec spec = ImageSpec.builder().name(type == ImageType.DATA_DISK ? "data" : "web")
        .type(type).source(source).build();
    return List.of(new Command.Create(ALICE, spec),
        new Command.ReportProgress(0, ImageStatus.ACTIVE));
  }

  private static List<TenantId> recipients(RandomnessSource in,
      Gen<TenantId> members) {
    TenantId first = members.generate(in);
    if (Generate.booleans().generate(in)) {
      return List.of(first);
    }
    return List.of(first, first.equals(BOB) ? ERIN : BOB);
  }

  private static Command.Actor member(TenantId tenant) {
    return Command.Actor.of(Caller.tenant(tenant));
  }

  /** A command with its caller and image resolved before the threads start. */
  private record Step(Command command, Caller caller, ImageId image, String line) {
    static Step resolve(Command command, ReferenceModel model) {
      ImageId image = command instanceof Command.OnImage on ? model.resolve(on.slot()) : null;
      Caller caller = command.actor().resolve(model.ownerOf(image));
      Command running = command.at(NOW, model);
      return new Step(running, caller, image,
          running.describe(Command.name(caller), String.valueOf(image)));
    }
  }
}
