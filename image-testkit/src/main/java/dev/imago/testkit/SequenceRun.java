package dev.imago.testkit;

import dev.imago.core.Caller;
import dev.imago.core.ImageService;
import dev.imago.core.policy.Action;
import dev.imago.core.policy.UseRequest;
import dev.imago.core.policy.UseTarget;
import dev.imago.spi.Family;
import dev.imago.spi.ImageFilter;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageQuery;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageSort;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.ImageStore;
import dev.imago.spi.ImageType;
import dev.imago.spi.MembershipStatus;
import dev.imago.spi.OsType;
import dev.imago.spi.Page;
import dev.imago.spi.RegionId;
import dev.imago.spi.ServerKind;
import dev.imago.spi.StoredEvent;
import dev.imago.spi.TenantId;
import dev.imago.spi.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * Runs one sequence of commands on an image service over the store under test and, side by
 * side, on the reference model; after every step it compares what the two answer, and throws
 * {@link Disagreement} at the first difference.
 *
 * <p>Each command runs at its own time on the service's clock: the clock moves a second every
 * two commands, so that creation times tie now and then, and jumps forward where the sequence
 * says that time passes (see {@link Command.ClockMoves}), the next command running at that very
 * time. After each command, at its time, it compares the command's outcome, then for every
 * tenant and the operator and every image created so far: what {@code get} returns (or that it
 * is not found), what {@code listMembers} answers, and what {@code authorizeUse} decides for a
 * plain server in the tenant's region, notices included; for every tenant and region the
 * store's {@code countOwned}; for every tenant its whole listing, page after page, by the
 * default query and by four filtered queries, two of which include deprecated images, its
 * recycle bin, and the "latest" of every family any image has had.
 *
 * <p>It also holds four properties at every step, whatever the model says: a refused command
 * (denied, not found, invalid) leaves the store's state and event log as they were; an allowed
 * command that changes nothing the model holds (the same schedule or tags again, an answer
 * repeated) writes nothing either; nothing a tenant that is not the image's owner is told (a
 * record, a page, a decision, a message) names a tenant other than the owner and itself; and a
 * port failure, injected or the store's own, surfaces as {@code StoreException} and changes
 * nothing.
 */
final class SequenceRun {
  private final ImageStore store;
  private final ServiceWorld.SteppingClock clock = new ServiceWorld.SteppingClock();
  private final PortFaults faults = new PortFaults();
  private final AtomicLong ids = new AtomicLong();
  private final ImageService service;
  private final ReferenceModel model;
  private final List<String> trace = new ArrayList<>();
  private int step;
  private Instant now = ServiceWorld.T0;

  SequenceRun(ImageStore store) {
    this(store, Optional.empty());
  }

  /** A run whose tenants' deletes go to a recycle bin for the retention, if present. */
  SequenceRun(ImageStore store, Optional<Duration> retention) {
    this(store, retention, UnaryOperator.identity());
  }

  /** A run on a service changed by {@code decorate}: the testkit's tests break it on purpose. */
  SequenceRun(ImageStore store, UnaryOperator<ImageService> decorate) {
    this(store, Optional.empty(), decorate);
  }

  private SequenceRun(ImageStore store, Optional<Duration> retention,
      UnaryOperator<ImageService> decorate) {
    this.store = store;
    this.model = new ReferenceModel(retention);
    this.service = decorate.apply(ServiceWorld.service(store, clock, faults, ids, retention));
  }

  /**
   * Runs the commands in order.
   *
   * @param commands the sequence
   * @throws Disagreement at the first step where the service and the model differ
   */
  void run(List<Command> commands) {
    run(commands, List.of());
  }

  /**
   * Runs the commands in order, failing a port call during some of them.
   *
   * @param commands the sequence
   * @param faults for each step, the number of the port call that fails during it, from 1, or 0
   *     for none; steps past the list's end run without a fault
   * @throws Disagreement at the first step where the service and the model differ, or where a
   *     property does not hold
   */
  void run(List<Command> commands, List<Integer> faults) {
    boolean clockMoved = false;
    for (Command generated : commands) {
      step++;
      if (generated instanceof Command.ClockMoves moves) {
        now = moves.until(now, model);
      } else if (step % 2 == 0 && !clockMoved) {
        // Two commands a second, so that creation times tie now and then and ids order them;
        // a command right after time passed runs at that time, a schedule's edge exactly.
        now = now.plusSeconds(1);
      }
      clockMoved = generated instanceof Command.ClockMoves;
      clock.set(now);
      ImageId image = generated instanceof Command.OnImage on ? model.resolve(on.slot()) : null;
      // A family's "latest" may name the family's owner, as a read of the image it picks does.
      Optional<TenantId> owner = generated instanceof Command.ResolveLatest latest
          ? latest.family().owner() : model.ownerOf(image);
      Caller caller = generated.actor().resolve(owner);
      Command command = generated.at(now, model);
      String line = command.describe(Command.name(caller), String.valueOf(image));
      Snapshot before = snapshot(image);
      List<Optional<ImageView>> modelBefore = modelState();
      this.faults.arm(step <= faults.size() ? faults.get(step - 1) : 0);
      Outcome actual = command.runOn(service, caller, image);
      boolean injected = this.faults.fired();
      this.faults.disarm();
      trace.add(String.format("%3d. %s %s -> %s%s", step, now, line, actual,
          injected ? " (a port call failed)" : ""));
      if (injected || actual.isStoreFailure()) {
        hold(actual.isStoreFailure(), "a port failure surfaces as StoreException, not as "
            + actual);
        hold(snapshot(image).equals(before), "a command that failed with StoreException"
            + " leaves the store as it was");
        model.idsGiven(ids.get());
      } else {
        Outcome expected = model.apply(command, caller, image, now);
        model.idsGiven(ids.get());
        agree("the outcome of the command", expected, actual);
        if (actual.isRefusal()) {
          hold(snapshot(image).equals(before),
              "a refused command leaves the store's state and event log as they were");
        } else if (modelState().equals(modelBefore)) {
          hold(snapshot(image).equals(before), "a command that changes nothing the model holds"
              + " writes nothing: no new version, no event");
        }
      }
      holdTellsNoOtherTenant("what the command told " + Command.name(caller), caller, owner,
          actual.told());
      observe();
    }
  }

  /**
   * The steps run so far, one a line as a report shows them: number, time, the command as it
   * ran and the service's outcome.
   */
  List<String> trace() {
    return List.copyOf(trace);
  }

  /** What a command may change: the event log and the image it acts on. */
  private record Snapshot(List<StoredEvent> events, Optional<ImageRecord> image) {}

  /** Every image as the model holds it, deleted ones included. */
  private List<Optional<ImageView>> modelState() {
    return model.ids().stream().map(model::view).toList();
  }

  private Snapshot snapshot(ImageId image) {
    return new Snapshot(store.events(0, Integer.MAX_VALUE),
        image == null ? Optional.empty() : store.load(image));
  }

  private void observe() {
    List<ImageId> images = model.ids();
    for (Caller caller : ServiceWorld.observers()) {
      String who = Command.name(caller);
      for (ImageId image : images) {
        Outcome got = Outcome.of(() -> ImageView.of(service.get(caller, image)));
        Optional<TenantId> owner = model.ownerOf(image);
        holdTellsNoOtherTenant(who + "'s get of " + image, caller, owner, got.told());
        agree(who + "'s get of " + image, model.get(caller, image), got);
        if (caller.tenant().isPresent() && !owner.equals(caller.tenant())) {
          // What the policy tells a tenant that may not manage the image, when it names others.
          TenantId other = anotherTenant(caller.tenant().get(), owner);
          holdTellsNoOtherTenant(who + "'s share check of " + image, caller, owner, Outcome.of(
              () -> service.check(caller, new Action.Share(image, List.of(other)))).told());
          holdTellsNoOtherTenant(who + "'s revoke check of " + image, caller, owner, Outcome.of(
              () -> service.check(caller, new Action.Revoke(image, other))).told());
        }
        agree(who + "'s listMembers of " + image, model.listMembers(caller, image),
            Outcome.of(() -> ImageView.members(service.listMembers(caller, image).stream()
                .map(ImageView::member).toList())));
        if (!caller.isOperator()) {
          UseRequest probe = serverIn(ServiceWorld.regionOf(caller.tenant().orElseThrow()));
          agree(who + "'s use of " + image + " for a server",
              model.use(caller, image, probe, now),
              Outcome.of(() -> ImageView.plan(service.authorizeUse(caller, image, probe))));
        }
      }
    }
    List<TenantId> tenants = ServiceWorld.tenants();
    for (int i = 0; i < tenants.size(); i++) {
      TenantId tenant = tenants.get(i);
      for (RegionId region : ServiceWorld.REGIONS) {
        agree("store.countOwned(" + tenant + ", " + region + ")",
            Outcome.allowed(model.countOwned(tenant, region)),
            Outcome.of(() -> store.countOwned(tenant, region)));
      }
      // Small pages of different sizes, so that every listing is walked over several cursors.
      int pageSize = 1 + i % 3;
      ImageFilter everything = ImageFilter.builder().pageSize(pageSize).build();
      agreeOnListing(tenant, "default listing", everything);
      for (NamedFilter filtered : filtered(everything)) {
        agreeOnListing(tenant, "listing of " + filtered.name(), filtered.filter());
      }
      agreeOnListing(tenant, "recycle bin", everything.withRecycleBin(true));
      for (Family family : model.families()) {
        Command.ResolveLatest latest = new Command.ResolveLatest(tenant, family);
        Caller caller = latest.actor().resolve(family.owner());
        Outcome resolved = latest.runOn(service, caller, null);
        holdTellsNoOtherTenant(tenant + "'s latest of " + family, caller, family.owner(),
            resolved.told());
        agree(tenant + "'s latest of " + family, model.apply(latest, caller, null, now),
            resolved);
      }
    }
  }

  private void agreeOnListing(TenantId tenant, String what, ImageFilter filter) {
    ImageQuery query = ImageQuery.of(tenant, ServiceWorld.regionOf(tenant), filter, now);
    agree(tenant + "'s " + what + " (" + filter.pageSize() + " to a page)",
        Outcome.allowed(model.list(query)),
        Outcome.of(() -> walk(Caller.tenant(tenant), filter)));
  }

  /**
   * Four filtered listings, two of them including deprecated images. Every step looks at them
   * all, so that a failure does not depend on the step's number, and deleting commands shrinks
   * it.
   */
  private static List<NamedFilter> filtered(ImageFilter query) {
    return List.of(
        new NamedFilter("pending and rejected shares by name", query
            .withMembership(EnumSet.of(MembershipStatus.PENDING, MembershipStatus.REJECTED))
            .withSort(ImageSort.NAME)),
        new NamedFilter("active server images, deprecated ones included, oldest first", query
            .withTypes(EnumSet.of(ImageType.SYSTEM_DISK, ImageType.FULL_SERVER))
            .withStatuses(EnumSet.of(ImageStatus.ACTIVE))
            .withIncludeDeprecated(true)
            .withSort(ImageSort.OLDEST_FIRST)),
        new NamedFilter("own and shared images (any answer) tagged env=prod", query
            .withInclude(EnumSet.of(Visibility.OWN, Visibility.SHARED))
            .withMembership(EnumSet.allOf(MembershipStatus.class))
            .withTagKey("env")
            .withTagValue("prod")),
        new NamedFilter("public and market Linux images, deprecated ones included, newest"
            + " first", query
            .withInclude(EnumSet.of(Visibility.PUBLIC, Visibility.MARKET))
            .withOsType(OsType.LINUX)
            .withIncludeDeprecated(true)));
  }

  private record NamedFilter(String name, ImageFilter filter) {}

  /** Every page of a listing, through the service, each cursor followed once. */
  private List<ImageId> walk(Caller caller, ImageFilter query) {
    List<ImageId> listed = new ArrayList<>();
    Set<String> cursors = new HashSet<>();
    Page<ImageRecord> page = service.listVisible(caller, query);
    page.items().forEach(record -> listed.add(record.id()));
    holdListsNoOtherTenant(caller, page);
    while (page.nextCursor().isPresent()) {
      String cursor = page.nextCursor().get();
      // A page holds at least one image, but a full last page may lead to an empty one.
      if (!cursors.add(cursor) || cursors.size() > model.ids().size() + 1) {
        throw new IllegalStateException("the listing never ends: cursor " + cursor
            + " after " + listed);
      }
      page = service.listVisible(caller, query.withCursor(cursor));
      page.items().forEach(record -> listed.add(record.id()));
      holdListsNoOtherTenant(caller, page);
    }
    return listed;
  }

  private static UseRequest serverIn(RegionId region) {
    return UseRequest.builder().target(UseTarget.SERVER).region(region)
        .serverKind(ServerKind.ECS).diskGib(100).ramMib(8192).build();
  }

  private void holdListsNoOtherTenant(Caller caller, Page<ImageRecord> page) {
    for (ImageRecord record : page.items()) {
      holdTellsNoOtherTenant(Command.name(caller) + "'s listing of " + record.id(), caller,
          record.owner(), ImageView.of(record).toString());
    }
  }

  /**
   * Holds that a tenant that does not own the image is told no tenant but the owner and itself:
   * not the other members, their answers, nor whether a tenant it named exists.
   */
  private void holdTellsNoOtherTenant(String what, Caller caller, Optional<TenantId> owner,
      String told) {
    if (caller.isOperator() || owner.equals(caller.tenant())) {
      return;
    }
    for (TenantId tenant : ServiceWorld.knownIds()) {
      if (!caller.tenant().get().equals(tenant) && !owner.equals(Optional.of(tenant))
          && ServiceWorld.names(told, tenant)) {
        hold(false, what + " names tenant " + tenant + ", neither the owner nor the caller: "
            + told);
      }
    }
  }

  private static TenantId anotherTenant(TenantId caller, Optional<TenantId> owner) {
    return ServiceWorld.tenants().stream()
        .filter(tenant -> !tenant.equals(caller) && !owner.equals(Optional.of(tenant)))
        .findFirst().orElseThrow();
  }

  private void hold(boolean property, String what) {
    if (!property) {
      throw new Disagreement(step, String.join(System.lineSeparator(), trace)
          + System.lineSeparator() + "After step " + step + ", a property does not hold: "
          + what, null);
    }
  }

  private void agree(String what, Outcome expected, Outcome actual) {
    if (!expected.equals(actual)) {
      throw new Disagreement(step, String.join(System.lineSeparator(), trace)
          + System.lineSeparator() + "After step " + step + ", " + what
          + " disagrees with the reference model:" + System.lineSeparator()
          + "  expected: " + expected + System.lineSeparator()
          + "  actual:   " + actual, actual.failure());
    }
  }

  /** The service and the reference model answered differently. */
  static final class Disagreement extends AssertionError {
    private static final long serialVersionUID = 1L;

    private final int step;

    Disagreement(int step, String message, Throwable cause) {
      super(message, cause);
      this.step = step;
    }

    /** The number of the step after which they differed, from 1. */
    int step() {
      return step;
    }
  }
}
