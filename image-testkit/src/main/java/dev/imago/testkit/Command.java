package dev.imago.testkit;

import dev.imago.core.Caller;
import dev.imago.core.ImageService;
import dev.imago.core.ShareResult;
import dev.imago.core.policy.ImageSpec;
import dev.imago.core.policy.SourceRef;
import dev.imago.core.policy.UseRequest;
import dev.imago.spi.Deprecation;
import dev.imago.spi.Family;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.Price;
import dev.imago.spi.RegionId;
import dev.imago.spi.TenantId;
import dev.imago.spi.VaultId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One step of a stateful test: a call of the {@link ImageService}, or time passing. A command
 * that acts on an image names it by a slot, resolved when it runs (see {@link OnImage}), and
 * gives times as offsets from its own time, so that any subsequence of commands is itself a valid
 * test: that is what shrinking needs.
 */
sealed interface Command {
  /**
   * Returns who runs the command.
   *
   * @return the actor
   */
  Actor actor();

  /**
   * Calls the service.
   *
   * @param service the service under test
   * @param caller the caller, resolved from the actor
   * @param image the image the command acts on, resolved from its slot; {@code null} for a
   *     command that makes a new image
   * @return what the service answered
   */
  Outcome runOn(ImageService service, Caller caller, ImageId image);

  /**
   * Says what the command does, one line.
   *
   * @param caller how to name the caller
   * @param image how to name the image it acts on
   * @return the description
   */
  String describe(String caller, String image);

  /**
   * Returns the command as it runs at a moment: offsets from its time become instants, and the
   * images it names by slot besides its own become ids, read from the model before the command
   * runs as its own slot is. Most commands have neither, and are returned as they are.
   *
   * @param now the command's time
   * @param model the reference model, before the command
   * @return the command to run and to predict
   */
  default Command at(Instant now, ReferenceModel model) {
    return this;
  }

  /**
   * Returns plainer versions of the command, to shrink a failing sequence with: the same call
   * with fewer parts. Most commands have none.
   *
   * @return the plainer commands, the plainest last
   */
  default List<Command> plainer() {
    return List.of();
  }

  /**
   * Who runs a command: a given caller, or the owner of the image the command acts on, resolved
   * when it runs (alice when the image has no owner; the operator instead, for its manager), so
   * that owners act on their own images whichever image a slot lands on.
   *
   * @param caller the given caller, or empty for the image's owner
   * @param operatorWithoutOwner whether an image without owner (a public image) is acted on by
   *     the operator, who manages it, rather than by alice
   */
  record Actor(Optional<Caller> caller, boolean operatorWithoutOwner) {
    static final Actor OWNER = new Actor(Optional.empty(), false);
    /** The owner, or the operator for a public image: who manages an image. */
    static final Actor MANAGER = new Actor(Optional.empty(), true);

    static Actor of(Caller caller) {
      return new Actor(Optional.of(caller), false);
    }

    Caller resolve(Optional<TenantId> owner) {
      if (caller.isPresent()) {
        return caller.get();
      }
      if (owner.isEmpty() && operatorWithoutOwner) {
        return Caller.operator();
      }
      return Caller.tenant(owner.orElse(ServiceWorld.ALICE));
    }

    @Override
    public String toString() {
      return caller.map(Command::name).orElse(operatorWithoutOwner ? "manager" : "owner");
    }
  }

  /** A command on an existing image, named by a slot. */
  sealed interface OnImage extends Command {
    /**
     * Returns which image the command acts on: slot k is the k-th most recent image that is not
     * deleted (0 the latest), counting round when fewer exist.
     *
     * @return the slot
     */
    int slot();
  }

  /** How a sequence shows a slot before it runs: img@0 is the latest image not deleted. */
  static String slotName(int slot) {
    return "img@" + slot;
  }

  static String name(Caller caller) {
    return caller.tenant().map(TenantId::value).orElse("operator");
  }

  record Create(TenantId creator, ImageSpec spec) implements Command {
    @Override
    public Actor actor() {
      return Actor.of(Caller.tenant(creator));
    }

    @Override
    public Outcome runOn(ImageService service, Caller caller, ImageId image) {
      return Outcome.of(() -> created(service.createImage(caller, spec).id()));
    }

    @Override
    public String describe(String caller, String image) {
      return caller + " creates " + spec.type() + " \"" + spec.name() + "\" from "
          + source(spec.source()) + options(spec);
    }
  }

  record RegisterPublic(ImageSpec spec, RegionId region) implements Command {
    @Override
    public Actor actor() {
      return Actor.of(Caller.operator());
    }

    @Override
    public Outcome runOn(ImageService service, Caller caller, ImageId image) {
      return Outcome.of(() -> created(service.registerPublicImage(caller, spec, region).id()));
    }

    @Override
    public String describe(String caller, String image) {
      return caller + " registers public " + spec.type() + " \"" + spec.name() + "\" from "
          + source(spec.source()) + " in " + region + options(spec);
    }
  }

  /** The image pipeline, which acts as the operator. */
  record ReportProgress(int slot, ImageStatus status) implements OnImage {
    @Override
    public Actor actor() {
      return Actor.of(Caller.operator());
    }

    @Override
    public Outcome runOn(ImageService service, Caller caller, ImageId image) {
      return Outcome.of(() -> service.reportProgress(image, status).status());
    }

    @Override
    public String describe(String caller, String image) {
      return "pipeline reports " + image + " " + status;
    }
  }

  /** The owner takes an ACTIVE image out of use, or puts a DEACTIVATED one back. */
  record SetActive(Actor actor, int slot, boolean active) implements OnImage {
    @Override
    public Outcome runOn(ImageService service, Caller caller, ImageId image) {
      return Outcome.of(() -> (active ? service.reactivate(caller, image)
          : service.deactivate(caller, image)).status());
    }

    @Override
    public String describe(String caller, String image) {
      return caller + (active ? " reactivates " : " deactivates ") + image;
    }
  }

  record Share(Actor actor, int slot, List<TenantId> recipients) implements OnImage {
    @Override
    public Outcome runOn(ImageService service, Caller caller, ImageId image) {
      return Outcome.of(() -> shared(service.share(caller, image, recipients)));
    }

    @Override
    public String describe(String caller, String image) {
      return caller + " shares " + image + " with " + recipients;
    }
  }

  record Accept(Actor actor, int slot, Optional<VaultId> vault) implements OnImage {
    @Override
    public Outcome runOn(ImageService service, Caller caller, ImageId image) {
      return Outcome.of(() -> ImageView.member(vault.isPresent()
          ? service.accept(caller, image, vault.get()) : service.accept(caller, image)));
    }

    @Override
    public String describe(String caller, String image) {
      return caller + " accepts " + image + vault.map(id -> " into vault " + id).orElse("");
    }
  }

  record Reject(Actor actor, int slot) implements OnImage {
    @Override
    public Outcome runOn(ImageService service, Caller caller, ImageId image) {
      return Outcome.of(() -> ImageView.member(service.reject(caller, image)));
    }

    @Override
    public String describe(String caller, String image) {
      return caller + " rejects " + image;
    }
  }

  record Revoke(Actor actor, int slot, TenantId member) implements OnImage {
    @Override
    public Outcome runOn(ImageService service, Caller caller, ImageId image) {
      return Outcome.of(() -> {
        service.revoke(caller, image, member);
        return "";
      });
    }

    @Override
    public String describe(String caller, String image) {
      return caller + " revokes " + member + " from " + image;
    }
  }

  record Publish(Actor actor, int slot, Optional<Price> price) implements OnImage {
    @Override
    public Outcome runOn(ImageService service, Caller caller, ImageId image) {
      return Outcome.of(() -> (price.isPresent()
          ? service.publish(caller, image, price.get()) : service.publish(caller, image))
          .imageClass());
    }

    @Override
    public String describe(String caller, String image) {
      return caller + " publishes " + image + " "
          + price.map(ImageView::price).map(text -> "at " + text).orElse("free");
    }
  }

  record Withdraw(Actor actor, int slot) implements OnImage {
    @Override
    public Outcome runOn(ImageService service, Caller caller, ImageId image) {
      return Outcome.of(() -> service.withdraw(caller, image).imageClass());
    }

    @Override
    public String describe(String caller, String image) {
      return caller + " withdraws " + image;
    }
  }

  record Replicate(Actor actor, int slot, RegionId region) implements OnImage {
    @Override
    public Outcome runOn(ImageService service, Caller caller, ImageId image) {
      return Outcome.of(() -> created(service.replicate(caller, image, region).id()));
    }

    @Override
    public String describe(String caller, String image) {
      return caller + " replicates " + image + " to " + region;
    }
  }

  /** The owner protects an image from deletion, or removes the protection. */
  record Protect(Actor actor, int slot, boolean protect) implements OnImage {
    @Override
    public Outcome runOn(ImageService service, Caller caller, ImageId image) {
      return Outcome.of(() -> (protect ? service.protect(caller, image)
          : service.unprotect(caller, image)).deletionProtected());
    }

    @Override
    public String describe(String caller, String image) {
      return caller + (protect ? " protects " : " unprotects ") + image;
    }
  }

  record UpdateTags(Actor actor, int slot, Map<String, String> tags) implements OnImage {
    @Override
    public Outcome runOn(ImageService service, Caller caller, ImageId image) {
      return Outcome.of(() -> ImageView.tags(service.updateTags(caller, image, tags).tags()));
    }

    @Override
    public String describe(String caller, String image) {
      return caller + " tags " + image + " " + tags;
    }
  }

  record Delete(Actor actor, int slot) implements OnImage {
    @Override
    public Outcome runOn(ImageService service, Caller caller, ImageId image) {
      return Outcome.of(() -> {
        service.delete(caller, image);
        return "";
      });
    }

    @Override
    public String describe(String caller, String image) {
      return caller + " deletes " + image;
    }
  }

  record Use(Actor actor, int slot, UseRequest request) implements OnImage {
    @Override
    public Outcome runOn(ImageService service, Caller caller, ImageId image) {
      return Outcome.of(() -> ImageView.plan(service.authorizeUse(caller, image, request)));
    }

    @Override
    public String describe(String caller, String image) {
      return caller + " uses " + image + " for " + request.target() + " in "
          + request.region() + request.serverKind().map(kind -> " on " + kind).orElse("")
          + ", " + request.diskGib() + " GiB/" + request.ramMib() + " MiB"
          + request.serverFee().map(fee -> ", server fee " + ImageView.price(fee)).orElse("")
          + (request.acceptsPrice() ? ", accepting the price" : "");
    }
  }

  /**
   * The owner (the operator for a public image) schedules an image's retirement, or changes its
   * schedule: the deprecation time an offset from the command's time (or the time the image's
   * schedule has, to change its other parts), an optional obsolete time as an offset from the
   * deprecation time, and an optional replacement named by its slot. It runs as {@link
   * ScheduleDeprecation}.
   *
   * @param deprecateIn the deprecation time from the command's time, or empty to keep the
   *     image's (the command's time when it has no schedule)
   * @param obsoleteLater the obsolete time from the deprecation time, if any; a negative one is
   *     invalid input
   * @param replacement the replacement's slot, if any; {@link #NO_SUCH_IMAGE} names an id no
   *     image ever had
   */
  record Deprecate(Actor actor, int slot, Optional<Duration> deprecateIn,
      Optional<Duration> obsoleteLater, Optional<Integer> replacement) implements OnImage {
    /** The replacement slot that names {@link #NEVER_CREATED}. */
    static final int NO_SUCH_IMAGE = -1;
    /** An id no image ever had: the service numbers images from img-1. */
    static final ImageId NEVER_CREATED = ImageId.of("img-0");

    @Override
    public Command at(Instant now, ReferenceModel model) {
      Instant deprecatedAt = deprecateIn.map(now::plus).orElseGet(() -> model
          .scheduleOf(model.resolve(slot)).map(Deprecation::deprecatedAt).orElse(now));
      return new ScheduleDeprecation(actor, slot, deprecatedAt,
          obsoleteLater.map(deprecatedAt::plus),
          replacement.map(other -> other == NO_SUCH_IMAGE ? NEVER_CREATED : model.resolve(other)));
    }

    /** Without its replacement, without its obsolete time, from now. */
    @Override
    public List<Command> plainer() {
      List<Command> plainer = new ArrayList<>();
      if (replacement.isPresent()) {
        plainer.add(new Deprecate(actor, slot, deprecateIn, obsoleteLater, Optional.empty()));
      }
      if (obsoleteLater.isPresent()) {
        plainer.add(new Deprecate(actor, slot, deprecateIn, Optional.empty(), replacement));
      }
      if (!deprecateIn.equals(Optional.of(Duration.ZERO))) {
        plainer.add(new Deprecate(actor, slot, Optional.of(Duration.ZERO), obsoleteLater,
            replacement));
      }
      return plainer;
    }

    @Override
    public Outcome runOn(ImageService service, Caller caller, ImageId image) {
      throw new IllegalStateException("a deprecation runs at(now, model), with its times fixed");
    }

    @Override
    public String describe(String caller, String image) {
      return caller + " deprecates " + image + deprecateIn
          .map(lead -> " from " + (lead.isZero() ? "now" : offset(lead)))
          .orElse(" from its current deprecation time (now if it has none)")
          + obsoleteLater.map(later -> ", obsolete " + offset(later) + " after").orElse("")
          + replacement.map(other -> ", replaced by " + (other == NO_SUCH_IMAGE
              ? NEVER_CREATED + " (no such image)" : slotName(other))).orElse("");
    }
  }

  /**
   * A deprecation as it runs: its times and replacement fixed (see {@link Deprecate}). An
   * obsolete time before the deprecation time is no {@code Deprecation}: the service never
   * hears of it, and the command answers as invalid input.
   */
  record ScheduleDeprecation(Actor actor, int slot, Instant deprecatedAt,
      Optional<Instant> obsoleteAt, Optional<ImageId> replacement) implements OnImage {
    /** The schedule; it throws {@code InputException} for an obsolete time before it. */
    Deprecation schedule() {
      return Deprecation.builder().deprecatedAt(deprecatedAt).obsoleteAt(obsoleteAt)
          .replacement(replacement).build();
    }

    @Override
    public Outcome runOn(ImageService service, Caller caller, ImageId image) {
      return Outcome.of(() ->
          scheduled(service.deprecate(caller, image, schedule()).deprecation()));
    }

    @Override
    public String describe(String caller, String image) {
      return caller + " deprecates " + image + " from " + deprecatedAt
          + obsoleteAt.map(at -> ", obsolete from " + at).orElse("")
          + replacement.map(id -> ", replaced by " + id).orElse("");
    }
  }

  record CancelDeprecation(Actor actor, int slot) implements OnImage {
    @Override
    public Outcome runOn(ImageService service, Caller caller, ImageId image) {
      return Outcome.of(() -> scheduled(service.cancelDeprecation(caller, image).deprecation()));
    }

    @Override
    public String describe(String caller, String image) {
      return caller + " cancels the deprecation of " + image;
    }
  }

  /** The owner (the operator for a public image) puts an image in a family, or moves it. */
  record SetFamily(Actor actor, int slot, String family, boolean excludedFromLatest)
      implements OnImage {
    @Override
    public Outcome runOn(ImageService service, Caller caller, ImageId image) {
      return Outcome.of(() -> ImageView.family(
          service.setFamily(caller, image, family, excludedFromLatest)));
    }

    @Override
    public String describe(String caller, String image) {
      return caller + " puts " + image + " in family \"" + family + "\""
          + (excludedFromLatest ? ", excluded from latest" : "");
    }
  }

  record LeaveFamily(Actor actor, int slot) implements OnImage {
    @Override
    public Outcome runOn(ImageService service, Caller caller, ImageId image) {
      return Outcome.of(() -> ImageView.family(service.leaveFamily(caller, image)));
    }

    @Override
    public String describe(String caller, String image) {
      return caller + " takes " + image + " out of its family";
    }
  }

  /**
   * A tenant resolves a family to its latest image, as a launch template does: a read, which the
   * runner also makes for every tenant and family after each step.
   */
  record ResolveLatest(TenantId tenant, Family family) implements Command {
    @Override
    public Actor actor() {
      return Actor.of(Caller.tenant(tenant));
    }

    @Override
    public Outcome runOn(ImageService service, Caller caller, ImageId image) {
      return Outcome.of(() -> service.latestInFamily(caller, family)
          .map(record -> ImageView.of(record).toString()).orElse("none"));
    }

    @Override
    public String describe(String caller, String image) {
      return caller + " resolves the latest of family " + family;
    }
  }

  /** The owner restores an image from its recycle bin. */
  record Restore(Actor actor, int slot) implements OnImage {
    @Override
    public Outcome runOn(ImageService service, Caller caller, ImageId image) {
      return Outcome.of(() -> service.restore(caller, image).status());
    }

    @Override
    public String describe(String caller, String image) {
      return caller + " restores " + image;
    }
  }

  /** The host's schedule purges the images whose retention has ended, at most {@code limit}. */
  record PurgeExpired(int limit) implements Command {
    @Override
    public Actor actor() {
      return Actor.of(Caller.operator());
    }

    @Override
    public Outcome runOn(ImageService service, Caller caller, ImageId image) {
      return Outcome.of(() -> "purged " + service.purgeExpired(limit));
    }

    @Override
    public String describe(String caller, String image) {
      return "host purges expired images, at most " + limit;
    }
  }

  /**
   * Time passes: the runner moves the clock forward before the command, instead of the usual
   * second every two commands, and the command after it runs at the same time. Nobody calls the
   * service; every observation is made again at the new time.
   */
  sealed interface ClockMoves extends Command {
    /**
     * Returns the time the clock moves to.
     *
     * @param now the time of the command before
     * @param model the reference model, before the command
     * @return the new time, never before {@code now}
     */
    Instant until(Instant now, ReferenceModel model);

    @Override
    default Actor actor() {
      return Actor.of(Caller.operator());
    }

    @Override
    default Outcome runOn(ImageService service, Caller caller, ImageId image) {
      return Outcome.allowed("");
    }
  }

  /** Time passes by a duration. */
  record TimePasses(Duration duration) implements ClockMoves {
    @Override
    public Instant until(Instant now, ReferenceModel model) {
      return now.plus(duration);
    }

    @Override
    public String describe(String caller, String image) {
      return "time passes: " + offset(duration);
    }
  }

  /** Which instant of an image's schedule, or of its stay in a recycle bin, the clock reaches. */
  enum Milestone {
    DEPRECATION, OBSOLESCENCE, PURGE;

    Optional<Instant> of(ImageId image, ReferenceModel model) {
      return switch (this) {
        case DEPRECATION -> model.scheduleOf(image).map(Deprecation::deprecatedAt);
        case OBSOLESCENCE -> model.scheduleOf(image).flatMap(Deprecation::obsoleteAt);
        case PURGE -> model.purgeTimeOf(image);
      };
    }

    String describe() {
      return switch (this) {
        case DEPRECATION -> "deprecation time";
        case OBSOLESCENCE -> "obsolete time";
        case PURGE -> "purge time";
      };
    }
  }

  /**
   * Time passes until an image's deprecation, obsolete or purge time, exactly or to the
   * nanosecond before it; the clock stays where it is when the image has no such time or it has
   * passed.
   */
  record TimeReaches(int slot, Milestone milestone, boolean nanoBefore)
      implements ClockMoves, OnImage {
    @Override
    public Instant until(Instant now, ReferenceModel model) {
      return milestone.of(model.resolve(slot), model)
          .map(at -> nanoBefore ? at.minusNanos(1) : at)
          .filter(at -> at.isAfter(now))
          .orElse(now);
    }

    @Override
    public String describe(String caller, String image) {
      return "time passes until " + (nanoBefore ? "a nanosecond before " : "") + image + "'s "
          + milestone.describe();
    }
  }

  /** An offset as a reader writes it: +1d, +730d 1s, -1s, 0s. */
  static String offset(Duration duration) {
    if (duration.isZero()) {
      return "0s";
    }
    Duration size = duration.abs();
    StringBuilder text = new StringBuilder(duration.isNegative() ? "-" : "+");
    if (size.toDays() > 0) {
      text.append(size.toDays()).append("d ");
    }
    if (size.toHoursPart() > 0) {
      text.append(size.toHoursPart()).append("h ");
    }
    if (size.toMinutesPart() > 0) {
      text.append(size.toMinutesPart()).append("m ");
    }
    if (size.toSecondsPart() > 0 || size.toNanosPart() > 0) {
      text.append(size.toSecondsPart())
          .append(size.toNanosPart() > 0 ? "." + String.format("%09d", size.toNanosPart()) : "")
          .append("s ");
    }
    return text.toString().trim();
  }

  /** What a deprecation or its cancellation answers: the image's schedule, or "schedule -". */
  static String scheduled(Optional<Deprecation> schedule) {
    return "schedule " + ImageView.deprecation(schedule);
  }

  static String created(ImageId id) {
    return "created " + id;
  }

  static String shared(ShareResult result) {
    return shared(result.added(), result.alreadyMembers());
  }

  static String shared(List<TenantId> added, List<TenantId> alreadyMembers) {
    return "added " + added + ", already members " + alreadyMembers;
  }

  private static String source(SourceRef source) {
    if (source instanceof SourceRef.Server server) {
      return "server " + server.id();
    } else if (source instanceof SourceRef.Disk disk) {
      return "disk " + disk.id();
    } else if (source instanceof SourceRef.Backup backup) {
      return "backup " + backup.id();
    }
    return "file " + ((SourceRef.File) source).id();
  }

  private static String options(ImageSpec spec) {
    List<String> options = new ArrayList<>();
    spec.os().ifPresent(os -> options.add("OS " + ImageView.os(spec.os())));
    spec.encryptionKey().ifPresent(key -> options.add("key " + key));
    spec.minDiskGib().ifPresent(size -> options.add("min disk " + size + " GiB"));
    if (spec.minRamMib() > 0) {
      options.add("min RAM " + spec.minRamMib() + " MiB");
    }
    if (!spec.serverKinds().isEmpty()) {
      options.add("kinds " + ImageView.serverKinds(spec.serverKinds()));
    }
    if (!spec.tags().isEmpty()) {
      options.add("tags " + ImageView.tags(spec.tags()));
    }
    spec.family().ifPresent(family -> options.add("family " + family));
    return options.isEmpty() ? "" : " " + options;
  }
}
