package dev.imago.testkit;

import static dev.imago.testkit.ServiceWorld.ALICE;
import static dev.imago.testkit.ServiceWorld.ALICE_EAST;
import static dev.imago.testkit.ServiceWorld.BOB;
import static dev.imago.testkit.ServiceWorld.CAROL;
import static dev.imago.testkit.ServiceWorld.DAVE;
import static dev.imago.testkit.ServiceWorld.EAST;
import static dev.imago.testkit.ServiceWorld.ERIN;
import static dev.imago.testkit.ServiceWorld.GHOST;
import static dev.imago.testkit.ServiceWorld.NORTH;

import dev.imago.core.Caller;
import dev.imago.core.policy.ImageSpec;
import dev.imago.core.policy.SourceRef;
import dev.imago.core.policy.UseRequest;
import dev.imago.core.policy.UseTarget;
import dev.imago.spi.BackupId;
import dev.imago.spi.DiskId;
import dev.imago.spi.FileId;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.ImageType;
import dev.imago.spi.KeyId;
import dev.imago.spi.OsType;
import dev.imago.spi.Platform;
import dev.imago.spi.Price;
import dev.imago.spi.PriceUnit;
import dev.imago.spi.ServerId;
import dev.imago.spi.ServerKind;
import dev.imago.spi.TenantId;
import dev.imago.spi.VaultId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * Random commands of the stateful contract, weighted toward what makes a story: tenants create
 * images and the pipeline brings them to ACTIVE, owners share them with tenants of their region
 * who accept, retire old images in favour of new ones while time passes, and now and then
 * somebody does something the rules refuse. QuickTheories shrinks each choice toward its first
 * value: the usual case, or "no" for a yes-or-no.
 */
final class CommandGenerators {
  private static final List<TenantId> CREATORS =
      List.of(ALICE, ALICE, ALICE, ALICE, BOB, BOB, ERIN, ERIN, CAROL, DAVE, ALICE_EAST);
  private static final List<TenantId> MEMBERS =
      List.of(BOB, BOB, BOB, ERIN, ERIN, ERIN, DAVE, CAROL, ALICE, ALICE_EAST);
  private static final List<TenantId> RECIPIENTS =
      List.of(BOB, ERIN, BOB, ERIN, BOB, ERIN, ALICE, DAVE, CAROL, ALICE_EAST, GHOST);
  // The last tag set, one in eight, passes the limit of two tags (INPUT_TAGS).
  private static final List<Map<String, String>> TAGS = List.of(Map.of(), Map.of(), Map.of(),
      Map.of("env", "prod"), Map.of("env", "prod"), Map.of("env", "dev"),
      Map.of("env", "dev", "team", "web"), Map.of("env", "prod", "team", "web", "tier", "gold"));
  private static final List<String> NAMES = List.of("web", "db", "web-2", "Web", "镜像");
  /** Servers, backups, data and system disks, and files: QCOW2, ZVHD2, too big, ISO. */
  private static final List<String> ALL_SOURCES =
      List.of("srv", "cbr", "evs", "sys", "qcow", "zvhd2", "vhd", "iso");

  private static final Duration SECOND = Duration.ofSeconds(1);
  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration DAY = Duration.ofDays(1);
  /**
   * Deprecation times from the command's time: mostly now or soon; sometimes the time the
   * image's schedule has, a second ago, or at and just past the longest leads (730 days for
   * public images, 3650 for the others). Few values, so that schedules and clocks meet.
   */
  private static final List<Optional<Duration>> DEPRECATE_IN = List.of(Optional.of(Duration.ZERO),
      Optional.of(Duration.ZERO), Optional.of(DAY), Optional.of(DAY), Optional.of(HOUR),
      Optional.of(DAY.multipliedBy(30)), Optional.empty(), Optional.of(SECOND.negated()),
      Optional.of(DAY.multipliedBy(730)), Optional.of(DAY.multipliedBy(730).plus(SECOND)),
      Optional.of(DAY.multipliedBy(3650)), Optional.of(DAY.multipliedBy(3650).plus(SECOND)));
  /** Obsolete times from the deprecation time: mostly none; rarely before it, which is invalid. */
  private static final List<Optional<Duration>> OBSOLETE_LATER = List.of(Optional.empty(),
      Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(DAY), Optional.of(DAY),
      Optional.of(Duration.ZERO), Optional.of(DAY.multipliedBy(30)),
      Optional.of(SECOND.negated()));
  /** Replacements by slot: none, the latest images, or an id no image ever had. */
  private static final List<Optional<Integer>> REPLACEMENTS = List.of(Optional.empty(),
      Optional.empty(), Optional.empty(), Optional.of(1), Optional.of(0), Optional.of(2),
      Optional.of(Command.Deprecate.NO_SUCH_IMAGE));
  /** Families: mostly the one a tenant's versions share. */
  private static final List<String> FAMILIES = List.of("web", "web", "web", "db");
  /** A name outside FAMILY_NAME's format: only putting an image in a family can name it. */
  private static final String MALFORMED_FAMILY = "Web_1";
  /** How long a deleted image waits in the recycle bin, in the sequences that have one. */
  static final Duration RETENTION = DAY.multipliedBy(7);
  /** How far time passes at once, when it does not run to an image's schedule. */
  private static final List<Duration> WAITS = List.of(DAY, HOUR, SECOND, DAY.multipliedBy(30),
      DAY.multipliedBy(365), DAY.multipliedBy(3650));

  private static final Gen<Integer> SLOTS = Generate.pick(List.of(0, 0, 0, 1, 2, 3));
  private static final Gen<Boolean> USUALLY = chance(4, 5);
  private static final Gen<Boolean> SOMETIMES = chance(1, 4);
  private static final Gen<Boolean> RARELY = chance(1, 10);

  private CommandGenerators() {}

  /**
   * Returns sequences of 1 to {@code maxSteps} steps, a step being one command or two that
   * belong together (a create and the pipeline's progress, a share and the recipient's answer).
   *
   * @param maxSteps the most steps in a sequence
   * @return the generator
   */
  static Gen<CommandSequence> sequences(int maxSteps) {
    Gen<Command> firstImage = creates(Generate.constant(true));
    Gen<List<List<Command>>> steps = SourceDSL.lists().of(steps()).ofSizeBetween(1, maxSteps);
    Gen<Boolean> recycleBins = Generate.booleans();
    return in -> {
      // Half the sequences run with a recycle bin: deletes wait in it, restores and purges act.
      Optional<Duration> retention = recycleBins.generate(in)
          ? Optional.of(RETENTION) : Optional.empty();
      // Without an image to act on, commands would only find nothing: start by making one.
      List<Command> commands = new ArrayList<>(List.of(firstImage.generate(in),
          new Command.ReportProgress(0, ImageStatus.ACTIVE)));
      steps.generate(in).forEach(commands::addAll);
      return new CommandSequence(commands, retention);
    };
  }

  /** Returns one step, of any kind, weighted. */
  static Gen<List<Command>> steps() {
    List<Pair<Integer, Gen<List<Command>>>> kinds = List.of(
        Pair.of(18, createAndProgress()),
        Pair.of(8, single(progress())),
        Pair.of(16, shareAndAnswer()),
        Pair.of(3, single(onImage(members(), (actor, slot, in) ->
            new Command.Accept(actor, slot, vaults().generate(in))))),
        Pair.of(2, single(onImage(members(), (actor, slot, in) ->
            new Command.Reject(actor, slot)))),
        Pair.of(5, single(onImage(owners(), (actor, slot, in) ->
            new Command.Revoke(actor, slot, Generate.pick(MEMBERS).generate(in))))),
        Pair.of(5, publishAndFollowUp()),
        Pair.of(2, single(onImage(owners(), (actor, slot, in) ->
            new Command.Withdraw(actor, slot)))),
        Pair.of(4, single(onImage(owners(), (actor, slot, in) -> new Command.Replicate(actor,
            slot, Generate.pick(List.of(EAST, EAST, EAST, NORTH)).generate(in))))),
        Pair.of(3, single(onImage(owners(), (actor, slot, in) ->
            new Command.Protect(actor, slot, true)))),
        Pair.of(2, single(onImage(owners(), (actor, slot, in) ->
            new Command.Protect(actor, slot, false)))),
        Pair.of(2, single(onImage(owners(), (actor, slot, in) ->
            new Command.UpdateTags(actor, slot, Generate.pick(TAGS).generate(in))))),
        Pair.of(3, single(onImage(owners(), (actor, slot, in) ->
            new Command.Delete(actor, slot)))),
        Pair.of(4, deleteAndAfterwards()),
        Pair.of(2, single(onImage(owners(), (actor, slot, in) ->
            new Command.Restore(actor, slot)))),
        Pair.of(2, single(purges())),
        Pair.of(5, familyAndLatest()),
        Pair.of(10, single(onImage(users(), (actor, slot, in) ->
            new Command.Use(actor, slot, useRequests().generate(in))))),
        Pair.of(2, single(onImage(owners(), (actor, slot, in) ->
            new Command.SetActive(actor, slot, false)))),
        Pair.of(2, single(onImage(owners(), (actor, slot, in) ->
            new Command.SetActive(actor, slot, true)))),
        Pair.of(2, publicImagesAndProgress()),
        Pair.of(7, deprecationAndTime()),
        Pair.of(3, newImageReplacesAnOldOne()),
        Pair.of(2, single(onImage(managers(), (actor, slot, in) ->
            new Command.CancelDeprecation(actor, slot)))),
        Pair.of(5, single(timePasses())));
    return Generate.frequency(kinds);
  }

  /**
   * A deprecation, often of an image its owner has just shared with a tenant who accepted, so
   * that another tenant sees it retire; mostly followed by time passing until its deprecation or
   * obsolete time or to the nanosecond before it, so that the clock meets the schedule exactly.
   */
  private static Gen<List<Command>> deprecationAndTime() {
    Gen<Command> deprecations = deprecations(SLOTS, Generate.pick(REPLACEMENTS));
    Gen<TenantId> members = Generate.pick(List.of(BOB, ERIN));
    Gen<Integer> followUps = Generate.pick(List.of(1, 1, 1, 0, 0, 2, 3));
    return in -> {
      Command.Deprecate deprecate = (Command.Deprecate) deprecations.generate(in);
      int slot = deprecate.slot();
      List<Command> story = new ArrayList<>();
      if (Generate.booleans().generate(in)) {
        TenantId member = members.generate(in);
        story.add(new Command.Share(Command.Actor.OWNER, slot, List.of(member)));
        story.add(new Command.Accept(Command.Actor.of(Caller.tenant(member)), slot,
            Optional.of(VaultId.of("vault-1"))));
      }
      story.add(deprecate);
      switch (followUps.generate(in)) {
        case 1 -> story.add(new Command.TimeReaches(slot, Command.Milestone.DEPRECATION, false));
        case 2 -> story.add(new Command.TimeReaches(slot, Command.Milestone.DEPRECATION, true));
        case 3 -> story.add(new Command.TimeReaches(slot, Command.Milestone.OBSOLESCENCE, false));
        default -> { }
      }
      return story;
    };
  }

  /**
   * The usual story of a retirement: a tenant makes two versions of an image, which the pipeline
   * brings to ACTIVE, and deprecates the first in favour of the second; now and then it then
   * tries to deprecate the second in favour of the first, which would close a cycle. When a
   * version cannot be made (the quota is full, say), the slots name older images instead.
   */
  private static Gen<List<Command>> newImageReplacesAnOldOne() {
    Gen<Command> creates = creates(Generate.constant(true));
    Gen<Command> deprecations = deprecations(Generate.constant(1),
        Generate.constant(Optional.of(0)));
    Gen<Command> backwards = deprecations(Generate.constant(0),
        Generate.constant(Optional.of(1)));
    return in -> {
      Command create = creates.generate(in);
      Command active = new Command.ReportProgress(0, ImageStatus.ACTIVE);
      List<Command> story = new ArrayList<>(List.of(create, active, create, active,
          deprecations.generate(in)));
      if (SOMETIMES.generate(in)) {
        story.add(backwards.generate(in));
      }
      return story;
    };
  }

  private static Gen<Command> deprecations(Gen<Integer> slots,
      Gen<Optional<Integer>> replacements) {
    Gen<Command.Actor> managers = managers();
    Gen<Optional<Duration>> deprecateIn = Generate.pick(DEPRECATE_IN);
    Gen<Optional<Duration>> obsoleteLater = Generate.pick(OBSOLETE_LATER);
    return in -> new Command.Deprecate(managers.generate(in), slots.generate(in),
        deprecateIn.generate(in), obsoleteLater.generate(in), replacements.generate(in));
  }

  /**
   * The owner deletes an image, into the recycle bin when the sequence has one, and mostly then
   * restores it at once, after a while, at its purge time or a nanosecond before, or the host
   * purges what has expired, now or at that purge time.
   */
  private static Gen<List<Command>> deleteAndAfterwards() {
    Gen<Integer> afterwards = Generate.pick(List.of(0, 1, 2, 3, 4, 5, 6));
    Gen<Duration> waits = Generate.pick(List.of(DAY, RETENTION, HOUR));
    return in -> {
      int slot = SLOTS.generate(in);
      Command delete = new Command.Delete(Command.Actor.OWNER, slot);
      // Deleting moves the image out of the slots only when deletes are final: slot 0 is the
      // latest image still there, which is the deleted one in a sequence with a recycle bin.
      Command restore = new Command.Restore(Command.Actor.OWNER, slot);
      return switch (afterwards.generate(in)) {
        case 1 -> List.of(delete, restore);
        case 2 -> List.of(delete, new Command.TimePasses(waits.generate(in)), restore);
        case 3 -> List.of(delete,
            new Command.TimeReaches(slot, Command.Milestone.PURGE, true), restore);
        case 4 -> List.of(delete,
            new Command.TimeReaches(slot, Command.Milestone.PURGE, false), restore);
        case 5 -> List.of(delete,
            new Command.TimeReaches(slot, Command.Milestone.PURGE, false), purges().generate(in));
        case 6 -> List.of(delete, purges().generate(in));
        default -> List.of(delete);
      };
    };
  }

  /** The host's schedule purges at most one image, or ten. */
  private static Gen<Command> purges() {
    return Generate.pick(List.of(10, 10, 1)).map(Command.PurgeExpired::new);
  }

  /**
   * An owner puts an image in a family (now and then excluded from "latest", rarely under a
   * malformed name), or takes it out of its family; often it makes a newer version in the same
   * family, which "latest" moves to once the pipeline brings it to ACTIVE.
   */
  private static Gen<List<Command>> familyAndLatest() {
    Gen<String> families = Generate.pick(FAMILIES);
    Gen<Command> creates = creates(Generate.constant(true));
    Gen<Integer> kinds = Generate.pick(List.of(0, 0, 1, 1, 2));
    return in -> {
      Command.Actor actor = managers().generate(in);
      int slot = SLOTS.generate(in);
      String family = families.generate(in);
      Command set = new Command.SetFamily(actor, slot,
          RARELY.generate(in) ? MALFORMED_FAMILY : family, RARELY.generate(in));
      return switch (kinds.generate(in)) {
        case 1 -> {
          Command.Create create = (Command.Create) creates.generate(in);
          Command newer = new Command.Create(create.creator(),
              ImageSpec.builder().from(create.spec()).family(family).build());
          yield List.of(set, newer, new Command.ReportProgress(0, ImageStatus.ACTIVE));
        }
        case 2 -> List.of(new Command.LeaveFamily(actor, slot));
        default -> List.of(set);
      };
    };
  }

  /** Time passes by a day, an hour..., or until an image's deprecation or obsolete time. */
  private static Gen<Command> timePasses() {
    Gen<Duration> waits = Generate.pick(WAITS);
    Gen<Command.Milestone> milestones = Generate.pick(List.of(Command.Milestone.DEPRECATION,
        Command.Milestone.DEPRECATION, Command.Milestone.OBSOLESCENCE));
    return in -> Generate.booleans().generate(in)
        ? new Command.TimeReaches(SLOTS.generate(in), milestones.generate(in),
            SOMETIMES.generate(in))
        : new Command.TimePasses(waits.generate(in));
  }

  private static Gen<List<Command>> single(Gen<Command> command) {
    return command.map(one -> List.of(one));
  }

  /** Mostly, the pipeline brings a new image to ACTIVE at once; now and then only to SAVING. */
  private static Gen<List<Command>> createAndProgress() {
    Gen<Command> creates = creates(USUALLY);
    Gen<Integer> afterwards = Generate.pick(List.of(0, 0, 0, 0, 0, 0, 0, 1, 2, 2));
    return in -> {
      Command create = creates.generate(in);
      return switch (afterwards.generate(in)) {
        case 0 -> List.of(create, new Command.ReportProgress(0, ImageStatus.ACTIVE));
        case 1 -> List.of(create, new Command.ReportProgress(0, ImageStatus.SAVING));
        default -> List.of(create);
      };
    };
  }

  /** A listing is often used at once by a member tenant, or withdrawn. */
  private static Gen<List<Command>> publishAndFollowUp() {
    Gen<Integer> followUps = Generate.pick(List.of(0, 0, 1, 1, 2, 2, 2));
    Gen<Command.Actor> buyers = members();
    return in -> {
      Command.Publish publish = new Command.Publish(owners().generate(in),
          SLOTS.generate(in), prices().generate(in));
      return switch (followUps.generate(in)) {
        case 0 -> List.of(publish, new Command.Use(buyers.generate(in), publish.slot(),
            useRequests().generate(in)));
        case 1 -> List.of(publish, new Command.Withdraw(publish.actor(), publish.slot()));
        default -> List.of(publish);
      };
    };
  }

  /**
   * Mostly, the first recipient of a share answers it: accepts, or now and then rejects; or the
   * owner revokes it again.
   */
  private static Gen<List<Command>> shareAndAnswer() {
    Gen<Command> shares = shares();
    Gen<Integer> answers = Generate.pick(List.of(0, 0, 0, 0, 0, 1, 2, 2, 3, 3));
    return in -> {
      Command.Share share = (Command.Share) shares.generate(in);
      TenantId first = share.recipients().get(0);
      Command.Actor recipient = Command.Actor.of(Caller.tenant(first));
      return switch (answers.generate(in)) {
        case 0 -> List.of(share, new Command.Accept(recipient, share.slot(),
            vaults().generate(in)));
        case 1 -> List.of(share, new Command.Reject(recipient, share.slot()));
        case 2 -> List.of(share, new Command.Revoke(share.actor(), share.slot(), first));
        default -> List.of(share);
      };
    };
  }

  /** The parts of a command on an image, once its actor and slot are drawn. */
  private interface OnImageCommand {
    Command make(Command.Actor actor, int slot, RandomnessSource in);
  }

  private static Gen<Command> onImage(Gen<Command.Actor> actors, OnImageCommand command) {
    return in -> command.make(actors.generate(in), SLOTS.generate(in), in);
  }

  /** Mostly the image's owner; else any tenant, or the operator. */
  private static Gen<Command.Actor> owners() {
    List<Command.Actor> others = new ArrayList<>();
    ServiceWorld.observers().forEach(caller -> others.add(Command.Actor.of(caller)));
    Gen<Command.Actor> other = Generate.pick(others);
    return in -> USUALLY.generate(in) ? Command.Actor.OWNER : other.generate(in);
  }

  /** Mostly who manages the image: its owner, or the operator for a public image; else anyone. */
  private static Gen<Command.Actor> managers() {
    List<Command.Actor> others = new ArrayList<>();
    ServiceWorld.observers().forEach(caller -> others.add(Command.Actor.of(caller)));
    Gen<Command.Actor> other = Generate.pick(others);
    return in -> USUALLY.generate(in) ? Command.Actor.MANAGER : other.generate(in);
  }

  /** Tenants that are shared images, mostly. */
  private static Gen<Command.Actor> members() {
    return Generate.pick(MEMBERS).map(tenant -> Command.Actor.of(Caller.tenant(tenant)));
  }

  /** Members and owners alike use images. */
  private static Gen<Command.Actor> users() {
    Gen<Command.Actor> members = members();
    return in -> Generate.booleans().generate(in) ? Command.Actor.OWNER : members.generate(in);
  }

  private static Gen<Command> progress() {
    Gen<ImageStatus> statuses = Generate.pick(List.of(ImageStatus.ACTIVE, ImageStatus.ACTIVE,
        ImageStatus.ACTIVE, ImageStatus.ACTIVE, ImageStatus.SAVING, ImageStatus.SAVING,
        ImageStatus.KILLED, ImageStatus.DEACTIVATED, ImageStatus.QUEUED, ImageStatus.DELETED));
    return in -> new Command.ReportProgress(SLOTS.generate(in), statuses.generate(in));
  }

  /**
   * Owners share with one to three tenants: mostly active tenants of the north, sometimes the
   * owner itself, a suspended, foreign or unknown tenant, rarely one named twice.
   */
  private static Gen<Command> shares() {
    Gen<TenantId> usual = Generate.pick(List.of(BOB, ERIN));
    Gen<TenantId> anyone = Generate.pick(RECIPIENTS);
    Gen<Integer> sizes = Generate.pick(List.of(1, 1, 1, 2, 2, 3));
    return onImage(owners(), (actor, slot, in) -> {
      Gen<TenantId> recipient = USUALLY.generate(in) ? usual : anyone;
      Set<TenantId> chosen = new LinkedHashSet<>();
      for (int i = sizes.generate(in); i > 0; i--) {
        chosen.add(recipient.generate(in));
      }
      List<TenantId> recipients = new ArrayList<>(chosen);
      if (RARELY.generate(in)) {
        recipients.add(recipients.get(0));
      }
      return new Command.Share(actor, slot, recipients);
    });
  }

  /**
   * Tenants create images of every type. A usual create is well formed: the creator's own
   * source of a kind that suits the type, an OS where the type needs one, tags within the
   * limit. An odd one draws every option from all the choices, most of which some rule refuses.
   */
  private static Gen<Command> creates(Gen<Boolean> usual) {
    Gen<ImageType> types = Generate.pick(List.of(ImageType.SYSTEM_DISK, ImageType.SYSTEM_DISK,
        ImageType.SYSTEM_DISK, ImageType.SYSTEM_DISK, ImageType.DATA_DISK, ImageType.DATA_DISK,
        ImageType.DATA_DISK, ImageType.FULL_SERVER, ImageType.FULL_SERVER, ImageType.ISO));
    Gen<TenantId> creators = Generate.pick(CREATORS);
    Gen<TenantId> anyTenant = Generate.pick(ServiceWorld.tenants());
    Gen<Integer> minDisks = Generate.pick(List.of(0, 0, 0, 0, 20, 80));
    return in -> {
      boolean wellFormed = usual.generate(in);
      TenantId creator = creators.generate(in);
      ImageType type = types.generate(in);
      ImageSpec.Builder spec = ImageSpec.builder()
          .name(Generate.pick(NAMES).generate(in))
          .type(type);
      if (wellFormed) {
        spec.source(source(Generate.pick(usualSources(type)).generate(in), creator.value()));
        if (type == ImageType.SYSTEM_DISK || type == ImageType.ISO) {
          spec.os(Samples.os(OsType.LINUX, Platform.UBUNTU));
        }
        spec.tags(Generate.pick(TAGS.subList(0, TAGS.size() - 1)).generate(in));
      } else {
        String owner = switch (Generate.range(0, 2).generate(in)) {
          case 0 -> creator.value();
          case 1 -> anyTenant.generate(in).value();
          default -> "nobody";
        };
        spec.source(source(Generate.pick(ALL_SOURCES).generate(in), owner));
        if (Generate.booleans().generate(in)) {
          spec.os(Samples.os(OsType.LINUX, Platform.UBUNTU));
        }
        spec.tags(Generate.pick(TAGS).generate(in));
      }
      if (RARELY.generate(in)) {
        spec.encryptionKey(KeyId.of("kms-" + creator));
      }
      int minDisk = minDisks.generate(in);
      if (minDisk > 0 && (minDisk >= 40 || !wellFormed)) {
        spec.minDiskGib(minDisk);
      }
      if (SOMETIMES.generate(in)) {
        spec.minRamMib(2048);
      }
      if (RARELY.generate(in)) {
        spec.addServerKinds(ServerKind.BMS);
      }
      if (SOMETIMES.generate(in)) {
        spec.family(Generate.pick(FAMILIES).generate(in));
      }
      return new Command.Create(creator, spec.build());
    };
  }

  /** The kinds of source that suit a type: servers, backups, disks, and files by format. */
  private static List<String> usualSources(ImageType type) {
    return switch (type) {
      case SYSTEM_DISK -> List.of("srv", "srv", "srv", "qcow", "zvhd2");
      case DATA_DISK -> List.of("evs", "evs", "qcow");
      case FULL_SERVER -> List.of("cbr", "cbr", "srv");
      case ISO -> List.of("iso");
    };
  }

  private static SourceRef source(String prefix, String owner) {
    String id = prefix + "-" + owner;
    return switch (prefix) {
      case "srv" -> SourceRef.server(ServerId.of(id));
      case "cbr" -> SourceRef.backup(BackupId.of(id));
      case "evs", "sys" -> SourceRef.disk(DiskId.of(id));
      default -> SourceRef.file(FileId.of(id));
    };
  }

  /**
   * Mostly, the pipeline brings a new public image to ACTIVE at once; now and then the operator
   * retires it, and every tenant of its region sees it go.
   */
  private static Gen<List<Command>> publicImagesAndProgress() {
    Gen<Command> registers = publicImages();
    Gen<Command> deprecations = deprecations(Generate.constant(0), Generate.pick(REPLACEMENTS));
    return in -> {
      Command register = registers.generate(in);
      if (SOMETIMES.generate(in)) {
        return List.of(register);
      }
      Command active = new Command.ReportProgress(0, ImageStatus.ACTIVE);
      return SOMETIMES.generate(in) ? List.of(register, active, deprecations.generate(in))
          : List.of(register, active);
    };
  }

  /** The operator registers public images from its files, now and then from a bad one. */
  private static Gen<Command> publicImages() {
    List<FileId> files = new ArrayList<>(ServiceWorld.platformFiles());
    files.add(FileId.of("qcow-" + ALICE));
    files.add(FileId.of("gold-nowhere"));
    Gen<FileId> file = Generate.pick(files);
    Gen<Boolean> north = chance(2, 3);
    return in -> {
      ImageSpec.Builder spec = ImageSpec.builder()
          .name(Generate.pick(List.of("gold", "gold 2")).generate(in))
          .type(ImageType.SYSTEM_DISK)
          .source(SourceRef.file(file.generate(in)))
          .tags(Generate.pick(TAGS).generate(in));
      if (!RARELY.generate(in)) {
        spec.os(Samples.os(OsType.LINUX, Platform.UBUNTU));
      }
      if (Generate.booleans().generate(in)) {
        spec.family("gold");
      }
      return new Command.RegisterPublic(spec.build(), north.generate(in) ? NORTH : EAST);
    };
  }

  private static Gen<Optional<VaultId>> vaults() {
    return in -> SOMETIMES.generate(in) ? Optional.empty() : Optional.of(VaultId.of("vault-1"));
  }

  private static Gen<Optional<Price>> prices() {
    return Generate.pick(List.of(Optional.<Price>empty(),
        Optional.of(Price.of("5", "USD", PriceUnit.PER_HOUR)),
        Optional.of(Price.of("0.50", "EUR", PriceUnit.ONE_OFF))));
  }

  /** Uses of every target, mostly in the north, with flavors around the images' minimums. */
  private static Gen<UseRequest> useRequests() {
    Gen<UseTarget> targets = Generate.pick(List.of(UseTarget.SERVER, UseTarget.SERVER,
        UseTarget.SERVER, UseTarget.CHANGE_OS, UseTarget.DATA_DISK, UseTarget.DATA_DISK,
        UseTarget.TEMPORARY_SERVER));
    Gen<Boolean> north = chance(3, 4);
    return in -> {
      UseTarget target = targets.generate(in);
      Optional<ServerKind> kind = Optional.empty();
      if (target.isServer()) {
        kind = Optional.of(SOMETIMES.generate(in) ? ServerKind.BMS : ServerKind.ECS);
      }
      Optional<Price> serverFee = SOMETIMES.generate(in)
          ? Optional.of(Price.of("1", "USD", PriceUnit.PER_HOUR)) : Optional.empty();
      return UseRequest.builder()
          .target(target)
          .region(north.generate(in) ? NORTH : EAST)
          .serverKind(kind)
          .diskGib(Generate.pick(List.of(100, 40, 20)).generate(in))
          .ramMib(Generate.pick(List.of(4096, 1024)).generate(in))
          .serverFee(serverFee)
          .acceptsPrice(Generate.booleans().generate(in))
          .build();
    };
  }

  /** {@code true} about {@code times} in {@code outOf} draws; shrinks to {@code false}. */
  private static Gen<Boolean> chance(int times, int outOf) {
    List<Boolean> draws = new ArrayList<>(Collections.nCopies(outOf - times, false));
    draws.addAll(Collections.nCopies(times, true));
    return Generate.pick(draws);
  }

  /**
   * A sequence of commands, shown one a line, as QuickTheories reports it, and the recycle
   * bin's retention its service has, if any.
   */
  record CommandSequence(List<Command> commands, Optional<Duration> retention) {
    CommandSequence {
      commands = List.copyOf(commands);
    }

    @Override
    public String toString() {
      StringBuilder text = new StringBuilder(retention
          .map(days -> " (deletes go to a recycle bin for " + Command.offset(days) + ")")
          .orElse(""));
      for (Command command : commands) {
        text.append(System.lineSeparator()).append("  ").append(describe(command));
      }
      return text.toString();
    }

    /** A command before it runs: its actor and slot, not yet resolved. */
    static String describe(Command command) {
      String image = command instanceof Command.OnImage on ? Command.slotName(on.slot()) : "";
      return command.describe(command.actor().toString(), image);
    }
  }
}
