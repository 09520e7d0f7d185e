package dev.imago.core.internal;

import dev.imago.core.Caller;
import dev.imago.core.ImageNotFoundException;
import dev.imago.core.ImagePolicyException;
import dev.imago.core.ImageService;
import dev.imago.core.ShareResult;
import dev.imago.core.UsePlan;
import dev.imago.core.policy.Action;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.Decision;
import dev.imago.core.policy.ImageSpec;
import dev.imago.core.policy.PolicyEngine;
import dev.imago.core.policy.PolicySettings;
import dev.imago.core.policy.SourceRef;
import dev.imago.core.policy.UseRequest;
import dev.imago.core.policy.UseTarget;
import dev.imago.core.policy.internal.FamilyLatest;
import dev.imago.spi.Deprecation;
import dev.imago.spi.Family;
import dev.imago.spi.DiskRole;
import dev.imago.spi.DiskSpec;
import dev.imago.spi.ImageFilter;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageQuery;
import dev.imago.spi.ImageSort;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.ImageStore;
import dev.imago.spi.ImageType;
import dev.imago.spi.ImagoException;
import dev.imago.spi.InputException;
import dev.imago.spi.Inputs;
import dev.imago.spi.Membership;
import dev.imago.spi.MembershipStatus;
import dev.imago.spi.Page;
import dev.imago.spi.Price;
import dev.imago.spi.QuotaExceededException;
import dev.imago.spi.RegionId;
import dev.imago.spi.RuleCode;
import dev.imago.spi.SourceDirectory;
import dev.imago.spi.StoreException;
import dev.imago.spi.StoredEvent;
import dev.imago.spi.TenantDirectory;
import dev.imago.spi.TenantId;
import dev.imago.spi.TenantInfo;
import dev.imago.spi.VaultId;
import dev.imago.spi.VersionConflictException;
import dev.imago.spi.Visibility;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ImageService}: validate, load, look up, decide, apply, save; on a version conflict,
 * reload and decide again a bounded number of times.
 *
 * <p>It keeps no lock: several services, in one process or many, may share a store, which checks
 * in each save what spans records (versions, the quota).
 */
public final class DefaultImageService implements ImageService {
  private static final Logger LOG = LoggerFactory.getLogger(ImageService.class);
  // One more than DEPRECATE_REPLACEMENT follows, so that a chain too long is seen as such.
  private static final int MAX_REPLACEMENTS_READ = 33;
  private static final int LATEST_PAGE_SIZE = 16;

  private final ImageStore store;
  private final TenantDirectory tenants;
  private final SourceDirectory sources;
  private final Clock clock;
  private final Supplier<ImageId> newImageIds;
  private final PolicySettings settings;
  private final PolicyEngine engine;
  private final Image aggregate;
  private final int maxAttempts;

  /**
   * Creates the service; {@code Imago.builder()} checks the arguments.
   *
   * @param store where images are kept
   * @param tenants the tenant directory
   * @param sources the source directory
   * @param clock the time of decisions
   * @param newImageIds the ids of new images
   * @param settings the limits
   * @param engine the policy
   * @param maxAttempts how often a command is tried when the image changes under it
   */
  public DefaultImageService(ImageStore store, TenantDirectory tenants, SourceDirectory sources,
      Clock clock, Supplier<ImageId> newImageIds, PolicySettings settings, PolicyEngine engine,
      int maxAttempts) {
    this.store = store;
    this.tenants = tenants;
    this.sources = sources;
    this.clock = clock;
    this.newImageIds = () -> {
      ImageId id = port("the host's image id generator", newImageIds);
      if (id == null) {
        throw new StoreException("the host's image id generator returned no id", null);
      }
      return id;
    };
    this.settings = settings;
    this.engine = engine;
    this.aggregate = new Image(engine);
    this.maxAttempts = maxAttempts;
  }

  @Override
  public ImageRecord registerPublicImage(Caller caller, ImageSpec spec, RegionId region) {
    return execute(caller, new Action.RegisterPublic(spec, region), DefaultImageService::saved);
  }

  @Override
  public ImageRecord createImage(Caller caller, ImageSpec spec) {
    requireTenant(caller);
    return execute(caller, new Action.Create(spec), DefaultImageService::saved);
  }

  @Override
  public ImageRecord reportProgress(ImageId image, ImageStatus status) {
    return execute(Caller.operator(), new Action.ChangeStatus(image, status),
        DefaultImageService::saved);
  }

  @Override
  public ImageRecord deactivate(Caller caller, ImageId image) {
    return execute(caller, new Action.ChangeStatus(image, ImageStatus.DEACTIVATED),
        DefaultImageService::saved);
  }

  @Override
  public ImageRecord reactivate(Caller caller, ImageId image) {
    return execute(caller, new Action.ChangeStatus(image, ImageStatus.ACTIVE),
        DefaultImageService::saved);
  }

  @Override
  public ImageRecord replicate(Caller caller, ImageId image, RegionId region) {
    requireTenant(caller);
    return execute(caller, new Action.Replicate(image, region), DefaultImageService::saved);
  }

  @Override
  public ShareResult share(Caller caller, ImageId image, List<TenantId> recipients) {
    return execute(caller, new Action.Share(image, recipients),
        change -> new ShareResult(change.added(), change.alreadyMembers()));
  }

  @Override
  public void revoke(Caller caller, ImageId image, TenantId member) {
    execute(caller, new Action.Revoke(image, member), change -> null);
  }

  @Override
  public Membership accept(Caller caller, ImageId image) {
    return execute(caller, new Action.Accept(image, Optional.empty()),
        change -> membershipOf(caller, change));
  }

  @Override
  public Membership accept(Caller caller, ImageId image, VaultId vault) {
    return execute(caller, new Action.Accept(image, Optional.of(Inputs.present(vault, "vault"))),
        change -> membershipOf(caller, change));
  }

  @Override
  public Membership reject(Caller caller, ImageId image) {
    return execute(caller, new Action.Reject(image), change -> membershipOf(caller, change));
  }

  @Override
  public ImageRecord publish(Caller caller, ImageId image) {
    return execute(caller, new Action.Publish(image, Optional.empty()), DefaultImageService::saved);
  }

  @Override
  public ImageRecord publish(Caller caller, ImageId image, Price price) {
    return execute(caller, new Action.Publish(image, Optional.of(Inputs.present(price, "price"))),
        DefaultImageService::saved);
  }

  @Override
  public ImageRecord withdraw(Caller caller, ImageId image) {
    return execute(caller, new Action.Withdraw(image), DefaultImageService::saved);
  }

  @Override
  public ImageRecord protect(Caller caller, ImageId image) {
    return execute(caller, new Action.Protect(image), DefaultImageService::saved);
  }

  @Override
  public ImageRecord unprotect(Caller caller, ImageId image) {
    return execute(caller, new Action.Unprotect(image), DefaultImageService::saved);
  }

  @Override
  public ImageRecord updateTags(Caller caller, ImageId image, Map<String, String> tags) {
    return execute(caller, new Action.UpdateTags(image, tags), DefaultImageService::saved);
  }

  @Override
  public void delete(Caller caller, ImageId image) {
    execute(caller, new Action.Delete(image), change -> null);
  }

  @Override
  public ImageRecord deprecate(Caller caller, ImageId image, Deprecation schedule) {
    return execute(caller, new Action.Deprecate(image, schedule), DefaultImageService::saved);
  }

  @Override
  public ImageRecord cancelDeprecation(Caller caller, ImageId image) {
    return execute(caller, new Action.CancelDeprecation(image), DefaultImageService::saved);
  }

  @Override
  public ImageRecord setFamily(Caller caller, ImageId image, String family,
      boolean excludedFromLatest) {
    return execute(caller, new Action.SetFamily(image,
        Optional.of(Inputs.present(family, "family")), excludedFromLatest),
        DefaultImageService::saved);
  }

  @Override
  public ImageRecord leaveFamily(Caller caller, ImageId image) {
    return execute(caller, new Action.SetFamily(image, Optional.empty(), false),
        DefaultImageService::saved);
  }

  @Override
  public Optional<ImageRecord> latestInFamily(Caller caller, Family family) {
    Inputs.present(family, "family");
    TenantInfo viewer = requireTenant(caller);
    Instant now = clock.instant();
    ImageFilter.Builder filter = ImageFilter.builder()
        .family(family)
        .include(FamilyLatest.reasons(family, viewer.id()))
        .statuses(EnumSet.of(ImageStatus.ACTIVE))
        .sort(ImageSort.NEWEST_FIRST)
        .pageSize(LATEST_PAGE_SIZE);
    // Newest first, the first candidate is the answer: only versions excluded from "latest" or
    // the owner's own deprecated ones (which its listings keep) are read past.
    for (Optional<String> cursor = Optional.empty(); ; ) {
      ImageQuery query = ImageQuery.of(viewer.id(), viewer.region(), filter.cursor(cursor).build(),
          now);
      Page<ImageRecord> page = port("listing a family", () -> store.listVisible(query));
      for (ImageRecord image : page.items()) {
        if (FamilyLatest.isCandidate(image, now)) {
          return Optional.of(ReaderView.of(image, caller));
        }
      }
      if (page.nextCursor().isEmpty()) {
        return Optional.empty();
      }
      cursor = page.nextCursor();
    }
  }

  @Override
  public Decision check(Caller caller, Action action) {
    Inputs.present(action, "action");
    Decision decision = decide(contextFor(caller, action));
    if (decision.isNotFound()) {
      throw new ImageNotFoundException(((Action.OnImage) action).image());
    }
    return decision;
  }

  @Override
  public UsePlan authorizeUse(Caller caller, ImageId image, UseRequest request) {
    Context context = contextFor(caller, new Action.Use(image, request));
    Decision decision = decide(context);
    requireAllowed(decision, image);
    ImageRecord record = context.image().orElseThrow();
    return new UsePlan(image, request.target(), plannedDisks(record, request),
        decision.charges(), decision.notices());
  }

  @Override
  public ImageRecord get(Caller caller, ImageId image) {
    Context context = contextFor(caller, new Action.Read(image));
    requireAllowed(decide(context), image);
    return ReaderView.of(context.image().orElseThrow(), caller);
  }

  @Override
  public Page<ImageRecord> listVisible(Caller caller, ImageFilter filter) {
    Inputs.present(filter, "filter");
    TenantInfo viewer = requireTenant(caller);
    // A tenant lives in one region and sees no other region's images (USE_NOT_VISIBLE).
    ImageQuery query = ImageQuery.of(viewer.id(), viewer.region(), filter, clock.instant());
    return ReaderView.of(port("listing images", () -> store.listVisible(query)), caller);
  }

  @Override
  public List<Membership> listMembers(Caller caller, ImageId image) {
    Context context = contextFor(caller, new Action.ListMembers(image));
    requireAllowed(decide(context), image);
    return List.copyOf(context.image().orElseThrow().members().values());
  }

  @Override
  public Optional<Membership> membership(Caller caller, ImageId image, TenantId member) {
    Inputs.present(caller, "caller");
    Inputs.present(member, "member");
    // A member reads its own membership as it reads the image; anyone else's is the owner's to
    // read, as the list of members is.
    Action action = caller.tenant().filter(member::equals).isPresent()
        ? new Action.Read(image) : new Action.ListMembers(image);
    Context context = contextFor(caller, action);
    requireAllowed(decide(context), image);
    return context.image().orElseThrow().member(member);
  }

  @Override
  public Page<ImageRecord> listSharedWithMe(
      Caller caller, Set<MembershipStatus> statuses, int pageSize) {
    return listVisible(caller, sharedWithMe(statuses, pageSize).build());
  }

  @Override
  public Page<ImageRecord> listSharedWithMe(
      Caller caller, Set<MembershipStatus> statuses, int pageSize, String cursor) {
    return listVisible(caller,
        sharedWithMe(statuses, pageSize).cursor(Inputs.present(cursor, "cursor")).build());
  }

  private static ImageFilter.Builder sharedWithMe(Set<MembershipStatus> statuses, int pageSize) {
    return ImageFilter.builder()
        .include(EnumSet.of(Visibility.SHARED))
        .membership(Inputs.presentElements(statuses, "statuses"))
        .pageSize(pageSize);
  }

  @Override
  public List<StoredEvent> events(long afterSequence, int limit) {
    return port("reading events", () -> store.events(afterSequence, limit));
  }

  private <T> T execute(Caller caller, Action action, Function<Change, T> result) {
    for (int attempt = 1; ; attempt++) {
      ObservedImageService.attempting(this, attempt);
      Context context = contextFor(caller, action);
      Change change;
      try {
        change = aggregate.execute(context, newImageIds);
        logDecision(context, Decision.allowed());
      } catch (ImagePolicyException denied) {
        logDecision(context, denied.decision());
        throw denied;
      } catch (ImageNotFoundException notFound) {
        logNotFound(context);
        throw notFound;
      }
      if (!change.saves()) {
        return result.apply(change);
      }
      try {
        save(change);
        return result.apply(change);
      } catch (VersionConflictException conflict) {
        boolean newImage = change.expectedVersion() == 0;
        if (attempt >= maxAttempts && newImage) {
          // A new image conflicts only when its id is taken: the host's generator repeats ids.
          // The id names another image, perhaps another tenant's, so it is not told.
          LOG.warn("{} by {} gave up after {} attempts: the image id generator keeps returning"
              + " ids already in use", action.kind(), caller, attempt);
          throw new StoreException(
              "the host's image id generator keeps returning ids already in use", null);
        }
        if (attempt >= maxAttempts) {
          LOG.warn("{} on image {} by {} gave up after {} attempts: the image kept changing",
              action.kind(), conflict.imageId(), caller, attempt);
          throw conflict;
        }
      } catch (QuotaExceededException full) {
        // Another host took the last place since the count was read: decide again on a fresh
        // count, which gives the same CREATE_QUOTA denial a single host gives.
        Context recounted = contextFor(caller, action);
        Decision decision = decide(recounted);
        if (!decision.isAllowed() && !decision.isNotFound()) {
          throw new ImagePolicyException(decision);
        }
        if (attempt >= maxAttempts) {
          throw full;
        }
      }
    }
  }

  private void save(Change change) {
    ImageRecord record = change.record().orElseThrow();
    try {
      store.save(change.toStore());
    } catch (ImagoException expected) {
      throw expected;
    } catch (RuntimeException failure) {
      // The store broke its contract's exception types; the host still gets a StoreException.
      throw new StoreException("saving image " + record.id() + " failed", failure);
    }
  }

  private Context contextFor(Caller caller, Action action) {
    Inputs.present(caller, "caller");
    Context.Builder context = Context.builder()
        .caller(caller)
        .action(action)
        .settings(settings)
        .now(clock.instant());
    Optional<TenantInfo> callerTenant = caller.isOperator()
        ? Optional.empty() : Optional.of(requireTenant(caller));
    context.callerTenant(callerTenant);
    Optional<ImageRecord> image = Optional.empty();
    if (action instanceof Action.OnImage onImage) {
      image = port("loading an image", () -> store.load(onImage.image()));
      context.image(image);
    }
    // Only facts the caller may learn go into the context: the recipients of a share are looked
    // up for the owner alone, and a source only when it is the caller's.
    if (action instanceof Action.Share share) {
      requireBatchWithinTheMemberLimit(share.recipients());
      if (image.isPresent() && caller.tenant().filter(image.get()::isOwnedBy).isPresent()) {
        for (TenantId recipient : share.recipients()) {
          port("looking up a tenant", () -> tenants.find(recipient))
              .ifPresent(found -> context.putTenants(recipient, found));
        }
      }
    } else if (action instanceof Action.Deprecate deprecate) {
      if (image.isPresent() && mayManage(caller, image.get())) {
        lookUpReplacements(context, deprecate.schedule());
      }
    } else if (action instanceof Action.Replicate replicate) {
      caller.tenant()
          .flatMap(owner -> port("looking up a project",
              () -> tenants.findProjectIn(owner, replicate.region())))
          .ifPresent(project -> context.replicaOwner(project).ownedImages(
              port("counting images", () -> store.countOwned(project.id(), project.region()))));
    } else if (action instanceof Action.Create create) {
      callerTenant.ifPresent(creator -> {
        context.ownedImages(
            port("counting images", () -> store.countOwned(creator.id(), creator.region())));
        lookUpSource(context, create.spec().source(), creator);
      });
    } else if (action instanceof Action.RegisterPublic register) {
      lookUpSource(context, register.spec().source(), null);
    }
    return context.build();
  }

  /**
   * Puts the source into the context when it exists and, for a tenant's create, is the
   * creator's: another tenant's server answers exactly as a server that does not exist.
   */
  private static boolean mayManage(Caller caller, ImageRecord image) {
    return image.owner().isEmpty() ? caller.isOperator()
        : caller.tenant().filter(image::isOwnedBy).isPresent();
  }

  // The named replacement and the replacements its own schedule leads to.
  private void lookUpReplacements(Context.Builder context, Deprecation schedule) {
    Optional<ImageId> next = schedule.replacement();
    Set<ImageId> seen = new HashSet<>();
    while (next.isPresent() && seen.size() <= MAX_REPLACEMENTS_READ && seen.add(next.get())) {
      ImageId id = next.get();
      Optional<ImageRecord> replacement = port("loading an image", () -> store.load(id));
      if (replacement.isEmpty()) {
        return;
      }
      context.addReplacements(replacement.get());
      next = replacement.get().deprecation().flatMap(Deprecation::replacement);
    }
  }

  private void lookUpSource(Context.Builder context, SourceRef source,
      @Nullable TenantInfo creator) {
    if (source instanceof SourceRef.Server server) {
      context.server(port("looking up a server", () -> sources.findServer(server.id()))
          .filter(found -> isTheCreators(creator, found.owner(), found.region())));
    } else if (source instanceof SourceRef.Disk disk) {
      context.disk(port("looking up a disk", () -> sources.findDisk(disk.id()))
          .filter(found -> isTheCreators(creator, found.owner(), found.region())));
    } else if (source instanceof SourceRef.Backup backup) {
      context.backup(port("looking up a backup", () -> sources.findBackup(backup.id()))
          .filter(found -> isTheCreators(creator, found.owner(), found.region())));
    } else if (source instanceof SourceRef.File file) {
      context.file(port("looking up a file", () -> sources.findFile(file.id()))
          .filter(found -> isTheCreators(creator, found.owner(), found.region())));
    }
  }

  // The operator (no creator) registers public images from any file.
  private static boolean isTheCreators(@Nullable TenantInfo creator, TenantId owner,
      RegionId region) {
    return creator == null || (creator.id().equals(owner) && creator.region().equals(region));
  }

  private void requireBatchWithinTheMemberLimit(List<TenantId> recipients) {
    int most = settings.largestMemberLimit();
    if (recipients.size() > most) {
      throw new InputException("recipients", recipients.size() + " tenants", RuleCode.INPUT_VALUE,
          "must name at most " + most + " tenants, the most members an image may have");
    }
  }

  /**
   * Asks a port of the host and reports any failure that is not Imago's own as a {@link
   * StoreException}, as the ports promise.
   */
  private static <T> T port(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (ImagoException expected) {
      throw expected;
    } catch (RuntimeException failure) {
      throw new StoreException(what + " failed", failure);
    }
  }

  private Decision decide(Context context) {
    Decision decision = engine.evaluate(context);
    if (decision.isNotFound()) {
      logNotFound(context);
    } else {
      logDecision(context, decision);
    }
    return decision;
  }

  private static void requireAllowed(Decision decision, ImageId image) {
    if (decision.isNotFound()) {
      throw new ImageNotFoundException(image);
    }
    if (!decision.isAllowed()) {
      throw new ImagePolicyException(decision);
    }
  }

  private TenantInfo requireTenant(Caller caller) {
    Inputs.present(caller, "caller");
    TenantId id = caller.tenant().orElseThrow(() -> new InputException("caller", caller,
        RuleCode.INPUT_ID, "must be a tenant"));
    return port("looking up a tenant", () -> tenants.find(id))
        .orElseThrow(() -> new InputException("caller", id,
        RuleCode.INPUT_ID, "names no known tenant"));
  }

  private static List<DiskSpec> plannedDisks(ImageRecord image, UseRequest request) {
    if (request.target() == UseTarget.TEMPORARY_SERVER) {
      return List.of();
    }
    DiskRole role = request.target() == UseTarget.DATA_DISK ? DiskRole.DATA : DiskRole.SYSTEM;
    List<DiskSpec> disks = new ArrayList<>();
    disks.add(DiskSpec.of(role, request.diskGib()));
    if (image.type() == ImageType.FULL_SERVER && request.target() == UseTarget.SERVER) {
      disks.addAll(image.disks().subList(1, image.disks().size()));
    }
    return disks;
  }

  private static ImageRecord saved(Change change) {
    return change.after();
  }

  private static Membership membershipOf(Caller caller, Change change) {
    return change.after().members().get(caller.tenant().orElseThrow());
  }

  private static void logDecision(Context context, Decision decision) {
    if (LOG.isDebugEnabled()) {
      LOG.debug("{} on image {} by {}: {}", context.action().kind(),
          context.image().map(ImageRecord::id).map(ImageId::value).orElse("(new)"),
          context.caller(), decision.isAllowed() ? "allowed" : "denied " + decision.codes());
    }
  }

  private static void logNotFound(Context context) {
    if (LOG.isDebugEnabled()) {
      LOG.debug("{} by {}: image not found", context.action().kind(), context.caller());
    }
  }
}
