package dev.imago.core.internal;

import dev.imago.core.ImageNotFoundException;
import dev.imago.core.ImagePolicyException;
import dev.imago.core.policy.Action;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.Decision;
import dev.imago.core.policy.ImageSpec;
import dev.imago.core.policy.PolicyEngine;
import dev.imago.core.policy.SourceRef;
import dev.imago.core.policy.internal.StatusTable;
import dev.imago.spi.Deprecation;
import dev.imago.spi.DiskRole;
import dev.imago.spi.DiskSpec;
import dev.imago.spi.EventType;
import dev.imago.spi.ImageClass;
import dev.imago.spi.ImageEvent;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageSource;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.ImageType;
import dev.imago.spi.MachineFacts;
import dev.imago.spi.MarketListing;
import dev.imago.spi.Membership;
import dev.imago.spi.MembershipStatus;
import dev.imago.spi.RegionId;
import dev.imago.spi.ReplicaOrigin;
import dev.imago.spi.RuleCode;
import dev.imago.spi.ServerKind;
import dev.imago.spi.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The image aggregate: every command on an image, as one step from a context to a {@link Change}.
 * A command first asks the policy engine; when it denies, the command throws and yields nothing.
 * Otherwise the command builds the new record, whose own checks guard every invariant a record
 * can check alone, and the events that describe the change.
 */
public final class Image {
  private static final long GIB = 1L << 30;

  private final PolicyEngine engine;

  /**
   * Creates the aggregate's command handler.
   *
   * @param engine the policy every command is checked against
   */
  public Image(PolicyEngine engine) {
    this.engine = engine;
  }

  /**
   * Decides the action in the context and, when allowed, carries it out.
   *
   * @param context the facts of the decision
   * @param newImageIds the source of ids for images the action creates
   * @return what changed
   * @throws ImageNotFoundException if the image does not exist for the caller
   * @throws ImagePolicyException if a rule denies the action
   */
  public Change execute(Context context, Supplier<ImageId> newImageIds) {
    Decision decision = engine.evaluate(context);
    if (decision.isNotFound()) {
      throw new ImageNotFoundException(((Action.OnImage) context.action()).image());
    }
    if (!decision.isAllowed()) {
      throw new ImagePolicyException(decision);
    }
    return apply(context, newImageIds);
  }

  private static Change apply(Context context, Supplier<ImageId> newImageIds) {
    Action action = context.action();
    if (action instanceof Action.RegisterPublic register) {
      return created(context, registerPublic(context, register, newImageIds.get()));
    } else if (action instanceof Action.Create create) {
      return created(context, create(context, create.spec(), newImageIds.get()));
    } else if (action instanceof Action.Replicate replicate) {
      return created(context, replicate(context, replicate.region(), newImageIds.get()));
    }
    ImageRecord image = context.image().orElseThrow();
    if (action instanceof Action.ChangeStatus change) {
      return changeStatus(context, image, change.target());
    } else if (action instanceof Action.Share share) {
      return share(context, image, share.recipients());
    } else if (action instanceof Action.Accept accept) {
      return answer(context, image, MembershipStatus.ACCEPTED, accept.vault());
    } else if (action instanceof Action.Reject) {
      return answer(context, image, MembershipStatus.REJECTED, Optional.empty());
    } else if (action instanceof Action.Revoke revoke) {
      return revoke(context, image, revoke.member());
    } else if (action instanceof Action.Publish publish) {
      MarketListing listing = publish.price()
          .map(price -> MarketListing.paid(price, context.now()))
          .orElseGet(() -> MarketListing.free(context.now()));
      return changed(context, image, EventType.PUBLISHED,
          next(image, context).imageClass(ImageClass.MARKET).listing(listing).build());
    } else if (action instanceof Action.Withdraw) {
      return changed(context, image, EventType.WITHDRAWN,
          next(image, context).imageClass(ImageClass.PRIVATE).listing(Optional.empty()).build());
    } else if (action instanceof Action.Protect) {
      return changed(context, image, EventType.PROTECTED,
          next(image, context).deletionProtected(true).build());
    } else if (action instanceof Action.Unprotect) {
      return changed(context, image, EventType.UNPROTECTED,
          next(image, context).deletionProtected(false).build());
    } else if (action instanceof Action.UpdateTags tags) {
      return changed(context, image, EventType.TAGS_CHANGED,
          next(image, context).tags(tags.tags()).build());
    } else if (action instanceof Action.Delete) {
      return delete(context, image);
    } else if (action instanceof Action.Deprecate deprecate) {
      return deprecate(context, image, deprecate.schedule());
    } else if (action instanceof Action.SetFamily family) {
      ImageRecord next = next(image, context).family(family.family())
          .excludedFromLatest(family.excludedFromLatest()).build();
      Change change = changed(context, image, EventType.FAMILY_CHANGED, next);
      if (!change.saves()) {
        return change;
      }
      ImageEvent.Builder event = event(context, image, EventType.FAMILY_CHANGED)
          .putDetails("excludedFromLatest", Boolean.toString(family.excludedFromLatest()));
      family.family().ifPresent(name -> event.putDetails("family", name));
      return Change.of(next, image.version(), List.of(event.build()));
    } else if (action instanceof Action.CancelDeprecation) {
      return changed(context, image, EventType.DEPRECATION_CANCELLED,
          next(image, context).deprecation(Optional.empty()).build());
    }
    // Reading, using and listing members change nothing.
    return Change.unchanged(image);
  }

  private static ImageRecord registerPublic(
      Context context, Action.RegisterPublic register, ImageId id) {
    ImageSpec spec = register.spec();
    long fileSize = context.file().orElseThrow().sizeBytes();
    int minDisk = Math.max(spec.minDiskGib().orElse(1), gibAtLeastOne(fileSize));
    return newImage(context, id, spec, register.region())
        .imageClass(ImageClass.PUBLIC)
        .source(ImageSource.EXTERNAL_FILE)
        .os(spec.os())
        .addDisks(DiskSpec.of(DiskRole.SYSTEM, minDisk))
        .minDiskGib(minDisk)
        .serverKinds(kindsOrEcs(spec.serverKinds()))
        .sizeBytes(fileSize)
        .build();
  }

  private static ImageRecord create(Context context, ImageSpec spec, ImageId id) {
    RegionId region = context.callerTenant().orElseThrow().region();
    ImageRecord.Builder record = newImage(context, id, spec, region)
        .imageClass(ImageClass.PRIVATE)
        .owner(context.caller().tenant());
    SourceRef source = spec.source();
    if (source instanceof SourceRef.Server) {
      MachineFacts machine = context.server().orElseThrow().machine();
      return fromMachine(record, spec, machine).source(ImageSource.SERVER).build();
    } else if (source instanceof SourceRef.Backup) {
      MachineFacts machine = context.backup().orElseThrow().machine();
      return fromMachine(record, spec, machine)
          .source(ImageSource.CLOUD_BACKUP)
          .backup(context.backup().get().id())
          .build();
    } else if (source instanceof SourceRef.Disk) {
      DiskSpec disk = context.disk().orElseThrow().spec();
      return record.source(ImageSource.DATA_DISK)
          .addDisks(disk)
          .minDiskGib(Math.max(spec.minDiskGib().orElse(1), disk.sizeGib()))
          .sizeBytes(disk.sizeGib() * GIB)
          .encryptionKey(spec.encryptionKey().or(() -> context.disk().get().encryptionKey()))
          .build();
    }
    long fileSize = context.file().orElseThrow().sizeBytes();
    int minDisk = Math.max(spec.minDiskGib().orElse(1), gibAtLeastOne(fileSize));
    record.sizeBytes(fileSize).minDiskGib(minDisk).encryptionKey(spec.encryptionKey());
    return switch (spec.type()) {
      case ISO -> record.source(ImageSource.ISO_FILE).os(spec.os())
          .serverKinds(kindsOrEcs(spec.serverKinds())).build();
      case DATA_DISK -> record.source(ImageSource.EXTERNAL_FILE)
          .addDisks(DiskSpec.of(DiskRole.DATA, minDisk)).build();
      default -> record.source(ImageSource.EXTERNAL_FILE).os(spec.os())
          .addDisks(DiskSpec.of(DiskRole.SYSTEM, minDisk))
          .serverKinds(kindsOrEcs(spec.serverKinds())).build();
    };
  }

  private static ImageRecord.Builder fromMachine(
      ImageRecord.Builder record, ImageSpec spec, MachineFacts machine) {
    List<DiskSpec> disks = spec.type() == ImageType.FULL_SERVER
        ? machine.disks() : List.of(machine.systemDisk());
    Set<ServerKind> kinds = EnumSet.of(machine.kind());
    kinds.addAll(spec.serverKinds());
    return record.os(machine.os())
        .disks(disks)
        .minDiskGib(Math.max(spec.minDiskGib().orElse(1), machine.systemDisk().sizeGib()))
        .sizeBytes(disks.stream().mapToLong(disk -> disk.sizeGib() * GIB).sum())
        .serverKinds(kinds)
        .encryptionKey(spec.encryptionKey().or(machine::encryptionKey));
  }

  private static ImageRecord.Builder newImage(
      Context context, ImageId id, ImageSpec spec, RegionId region) {
    return ImageRecord.builder()
        .id(id)
        .name(spec.name())
        .description(spec.description())
        .type(spec.type())
        .status(ImageStatus.QUEUED)
        .region(region)
        .minRamMib(spec.minRamMib())
        .tags(spec.tags())
        .family(spec.family())
        .createdAt(context.now())
        .updatedAt(context.now())
        .version(1);
  }

  private static ImageRecord replicate(Context context, RegionId region, ImageId id) {
    ImageRecord image = context.image().orElseThrow();
    return ImageRecord.builder()
        .from(image)
        .id(id)
        .region(region)
        .owner(context.replicaOwner().orElseThrow().id())
        .source(ImageSource.REPLICA)
        .origin(ReplicaOrigin.of(image.id(), image.region()))
        .backup(Optional.empty())
        .status(ImageStatus.QUEUED)
        .members(Map.of())
        .deletionProtected(false)
        .deprecation(Optional.empty())
        .createdAt(context.now())
        .updatedAt(context.now())
        .version(1)
        .build();
  }

  private static Change created(Context context, ImageRecord record) {
    ImageEvent.Builder event = event(context, record, EventType.CREATED);
    record.origin().ifPresent(origin -> event.putDetails("origin", origin.image().value()));
    // The engine judged the quota on a count; the store keeps it in the save, so that two hosts
    // creating at once cannot both pass it (CREATE_QUOTA).
    OptionalLong quota = record.isCountedInQuota()
        ? OptionalLong.of(context.settings().maxPrivateImagesPerRegion()) : OptionalLong.empty();
    return new Change(record, true, 0, List.of(event.build()), quota, List.of(), List.of(),
        Map.of());
  }

  private static Change changeStatus(Context context, ImageRecord image, ImageStatus target) {
    if (!StatusTable.allows(image.status(), target)) {
      // The engine has already refused such a move; this guards the table's single owner.
      throw new IllegalStateException(image.status() + " -> " + target);
    }
    ImageRecord next = next(image, context).status(target).build();
    ImageEvent event = event(context, next, EventType.STATUS_CHANGED)
        .putDetails("from", image.status().name())
        .putDetails("to", target.name())
        .build();
    return Change.of(next, image.version(), List.of(event));
  }

  private static Change share(Context context, ImageRecord image, List<TenantId> recipients) {
    Map<TenantId, Membership> members = new LinkedHashMap<>(image.members());
    List<TenantId> added = new ArrayList<>();
    List<TenantId> alreadyMembers = new ArrayList<>();
    List<ImageEvent> events = new ArrayList<>();
    for (TenantId recipient : recipients) {
      if (members.containsKey(recipient)) {
        alreadyMembers.add(recipient);
        continue;
      }
      members.put(recipient, Membership.builder()
          .tenant(recipient)
          .status(MembershipStatus.PENDING)
          .createdAt(context.now())
          .updatedAt(context.now())
          .build());
      added.add(recipient);
      events.add(event(context, image, EventType.MEMBER_ADDED).member(recipient).build());
    }
    if (added.isEmpty()) {
      // Sharing again with current members changes nothing (SHARE_DUPLICATE).
      return new Change(image, false, image.version(), List.of(), OptionalLong.empty(),
          List.of(), alreadyMembers, Map.of());
    }
    ImageRecord next = next(image, context).members(members).build();
    return new Change(next, true, image.version(), events, OptionalLong.empty(), added,
        alreadyMembers, Map.of());
  }

  private static Change answer(Context context, ImageRecord image, MembershipStatus status,
      Optional<dev.imago.spi.VaultId> vault) {
    TenantId member = context.caller().tenant().orElseThrow();
    Membership current = image.members().get(member);
    if (current.status() == status && current.vault().equals(vault)) {
      // The same answer again changes nothing: no new version, no event for the owner.
      return Change.unchanged(image);
    }
    // A clock that stepped back must not date the answer before the share.
    Instant now = context.now().isBefore(current.updatedAt()) ? current.updatedAt() : context.now();
    Membership answered = Membership.builder()
        .from(current)
        .status(status)
        .vault(vault)
        .updatedAt(now)
        .build();
    Map<TenantId, Membership> members = new LinkedHashMap<>(image.members());
    members.put(member, answered);
    EventType type = status == MembershipStatus.ACCEPTED
        ? EventType.MEMBER_ACCEPTED : EventType.MEMBER_REJECTED;
    ImageEvent event = event(context, image, type).member(member).build();
    return Change.of(next(image, context).members(members).build(), image.version(),
        List.of(event));
  }

  private static Change revoke(Context context, ImageRecord image, TenantId member) {
    Map<TenantId, Membership> members = new LinkedHashMap<>(image.members());
    members.remove(member);
    ImageEvent event = event(context, image, EventType.MEMBER_REMOVED)
        .member(member)
        .putDetails("reason", RuleCode.SHARE_REVOKE.value())
        .build();
    return Change.of(next(image, context).members(members).build(), image.version(),
        List.of(event));
  }

  private static Change delete(Context context, ImageRecord image) {
    List<ImageEvent> events = new ArrayList<>();
    // Every membership ends with the image (SHARE_DELETE), and a listing is withdrawn.
    for (TenantId member : image.members().keySet()) {
      events.add(event(context, image, EventType.MEMBER_REMOVED)
          .member(member)
          .putDetails("reason", RuleCode.SHARE_DELETE.value())
          .build());
    }
    ImageRecord.Builder next = next(image, context)
        .members(Map.of())
        .status(ImageStatus.DELETED);
    if (image.imageClass() == ImageClass.MARKET) {
      events.add(event(context, image, EventType.WITHDRAWN).build());
      next.imageClass(ImageClass.PRIVATE).listing(Optional.empty());
    }
    events.add(event(context, image, EventType.DELETED).build());
    return Change.of(next.build(), image.version(), events);
  }

  private static Change deprecate(Context context, ImageRecord image, Deprecation schedule) {
    Change change = changed(context, image, EventType.DEPRECATION_SCHEDULED,
        next(image, context).deprecation(schedule).build());
    if (!change.saves()) {
      return change;
    }
    ImageEvent.Builder event = event(context, image, EventType.DEPRECATION_SCHEDULED)
        .putDetails("deprecatedAt", schedule.deprecatedAt().toString());
    schedule.obsoleteAt().ifPresent(at -> event.putDetails("obsoleteAt", at.toString()));
    schedule.replacement().ifPresent(id -> event.putDetails("replacement", id.value()));
    // The replacements were judged as read: a host that changes one meanwhile (deprecating it
    // back towards this image, say) makes this save conflict and the decision run again.
    Map<ImageId, Long> read = new LinkedHashMap<>();
    for (ImageRecord replacement : context.replacements()) {
      read.putIfAbsent(replacement.id(), replacement.version());
    }
    return new Change(change.after(), true, image.version(), List.of(event.build()),
        OptionalLong.empty(), List.of(), List.of(), read);
  }

  private static Change changed(
      Context context, ImageRecord image, EventType type, ImageRecord next) {
    // Protecting a protected image, or tagging it with its own tags, changes nothing.
    if (next.withVersion(image.version()).withUpdatedAt(image.updatedAt()).equals(image)) {
      return Change.unchanged(image);
    }
    return Change.of(next, image.version(), List.of(event(context, image, type).build()));
  }

  /** Starts the next version of a record; its checks run when the caller builds it. */
  private static ImageRecord.Builder next(ImageRecord image, Context context) {
    Instant now = context.now().isBefore(image.updatedAt()) ? image.updatedAt() : context.now();
    return ImageRecord.builder()
        .from(image)
        .version(image.version() + 1)
        .updatedAt(now);
  }

  private static ImageEvent.Builder event(Context context, ImageRecord image, EventType type) {
    return ImageEvent.builder()
        .type(type)
        .image(image.id())
        .actor(context.caller().tenant())
        .occurredAt(context.now());
  }

  private static Set<ServerKind> kindsOrEcs(Set<ServerKind> kinds) {
    return kinds.isEmpty() ? EnumSet.of(ServerKind.ECS) : kinds;
  }

  private static int gibAtLeastOne(long bytes) {
    return (int) Math.max(1, Math.min(DiskSpec.MAX_SIZE_GIB, (bytes + GIB - 1) / GIB));
  }
}
