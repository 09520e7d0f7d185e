package dev.imago.core.internal;

import dev.imago.core.Caller;
import dev.imago.core.CommandListener;
import dev.imago.core.CommandObservation;
import dev.imago.core.CommandObservation.Outcome;
import dev.imago.core.ImageNotFoundException;
import dev.imago.core.ImagePolicyException;
import dev.imago.core.ImageService;
import dev.imago.core.ShareResult;
import dev.imago.core.UsePlan;
import dev.imago.core.policy.Action;
import dev.imago.core.policy.ActionKind;
import dev.imago.core.policy.Decision;
import dev.imago.core.policy.ImageSpec;
import dev.imago.core.policy.UseRequest;
import dev.imago.spi.ImageFilter;
import dev.imago.spi.Deprecation;
import dev.imago.spi.Family;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.InputException;
import dev.imago.spi.Membership;
import dev.imago.spi.MembershipStatus;
import dev.imago.spi.Page;
import dev.imago.spi.Price;
import dev.imago.spi.QuotaExceededException;
import dev.imago.spi.RegionId;
import dev.imago.spi.RuleCode;
import dev.imago.spi.StoreException;
import dev.imago.spi.StoredEvent;
import dev.imago.spi.TenantId;
import dev.imago.spi.VaultId;
import dev.imago.spi.VersionConflictException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link ImageService} that reports each call of another to {@link CommandListener}s, once it
 * has ended. {@code Imago.builder()} puts it around the service only when there are listeners,
 * so that a service nobody listens to pays nothing for the hook.
 *
 * <p>The attempts of a command are counted by the service itself, which tells {@link
 * #attempting} before each one; the count travels on the calling thread, since the service's
 * methods do not return it.
 */
public final class ObservedImageService implements ImageService {
  private static final Logger LOG = LoggerFactory.getLogger(ImageService.class);
  private static final ThreadLocal<Attempts> CURRENT = new ThreadLocal<>();

  private final ImageService service;
  private final CommandListener[] listeners;

  /**
   * Wraps a service.
   *
   * @param service the service that does the work
   * @param listeners who sees each call, in order; at least one
   */
  public ObservedImageService(ImageService service, List<CommandListener> listeners) {
    this.service = service;
    this.listeners = listeners.toArray(CommandListener[]::new);
  }

  /**
   * Counts an attempt of a command of {@code service} on this thread, if a call of it is being
   * observed here.
   *
   * @param service the service making the attempt
   * @param attempt the attempt's number, from 1
   */
  public static void attempting(ImageService service, int attempt) {
    Attempts tries = CURRENT.get();
    // Only the observed service's own attempts count: a store or directory that calls another
    // service on this thread does not change them.
    if (tries != null && tries.service == service) {
      tries.used = attempt;
    }
  }

  @Override
  public ImageRecord registerPublicImage(Caller caller, ImageSpec spec, RegionId region) {
    return observe(ActionKind.REGISTER_PUBLIC,
        () -> service.registerPublicImage(caller, spec, region));
  }

  @Override
  public ImageRecord createImage(Caller caller, ImageSpec spec) {
    return observe(ActionKind.CREATE, () -> service.createImage(caller, spec));
  }

  @Override
  public ImageRecord reportProgress(ImageId image, ImageStatus status) {
    return observe(ActionKind.CHANGE_STATUS, () -> service.reportProgress(image, status));
  }

  @Override
  public ImageRecord deactivate(Caller caller, ImageId image) {
    return observe(ActionKind.CHANGE_STATUS, () -> service.deactivate(caller, image));
  }

  @Override
  public ImageRecord reactivate(Caller caller, ImageId image) {
    return observe(ActionKind.CHANGE_STATUS, () -> service.reactivate(caller, image));
  }

  @Override
  public ImageRecord replicate(Caller caller, ImageId image, RegionId region) {
    return observe(ActionKind.REPLICATE, () -> service.replicate(caller, image, region));
  }

  @Override
  public ShareResult share(Caller caller, ImageId image, List<TenantId> recipients) {
    return observe(ActionKind.SHARE, () -> service.share(caller, image, recipients));
  }

  @Override
  public void revoke(Caller caller, ImageId image, TenantId member) {
    observe(ActionKind.REVOKE, () -> {
      service.revoke(caller, image, member);
      return null;
    });
  }

  @Override
  public Membership accept(Caller caller, ImageId image) {
    return observe(ActionKind.ACCEPT, () -> service.accept(caller, image));
  }

  @Override
  public Membership accept(Caller caller, ImageId image, VaultId vault) {
    return observe(ActionKind.ACCEPT, () -> service.accept(caller, image, vault));
  }

  @Override
  public Membership reject(Caller caller, ImageId image) {
    return observe(ActionKind.REJECT, () -> service.reject(caller, image));
  }

  @Override
  public ImageRecord publish(Caller caller, ImageId image) {
    return observe(ActionKind.PUBLISH, () -> service.publish(caller, image));
  }

  @Override
  public ImageRecord publish(Caller caller, ImageId image, Price price) {
    return observe(ActionKind.PUBLISH, () -> service.publish(caller, image, price));
  }

  @Override
  public ImageRecord withdraw(Caller caller, ImageId image) {
    return observe(ActionKind.WITHDRAW, () -> service.withdraw(caller, image));
  }

  @Override
  public ImageRecord protect(Caller caller, ImageId image) {
    return observe(ActionKind.PROTECT, () -> service.protect(caller, image));
  }

  @Override
  public ImageRecord unprotect(Caller caller, ImageId image) {
    return observe(ActionKind.UNPROTECT, () -> service.unprotect(caller, image));
  }

  @Override
  public ImageRecord updateTags(Caller caller, ImageId image, Map<String, String> tags) {
    return observe(ActionKind.UPDATE_TAGS, () -> service.updateTags(caller, image, tags));
  }

  @Override
  public void delete(Caller caller, ImageId image) {
    observe(ActionKind.DELETE, () -> {
      service.delete(caller, image);
      return null;
    });
  }

  @Override
  public ImageRecord deprecate(Caller caller, ImageId image, Deprecation schedule) {
    return observe(ActionKind.DEPRECATE, () -> service.deprecate(caller, image, schedule));
  }

  @Override
  public ImageRecord setFamily(Caller caller, ImageId image, String family,
      boolean excludedFromLatest) {
    return observe(ActionKind.SET_FAMILY,
        () -> service.setFamily(caller, image, family, excludedFromLatest));
  }

  @Override
  public ImageRecord leaveFamily(Caller caller, ImageId image) {
    return observe(ActionKind.SET_FAMILY, () -> service.leaveFamily(caller, image));
  }

  @Override
  public Optional<ImageRecord> latestInFamily(Caller caller, Family family) {
    return observe(ActionKind.LIST, () -> service.latestInFamily(caller, family));
  }

  @Override
  public ImageRecord cancelDeprecation(Caller caller, ImageId image) {
    return observe(ActionKind.CANCEL_DEPRECATION,
        () -> service.cancelDeprecation(caller, image));
  }

  @Override
  public Decision check(Caller caller, Action action) {
    // A check without an action is an input error of no kind; it is counted with the reads.
    return observe(action == null ? ActionKind.READ : action.kind(), true,
        () -> service.check(caller, action));
  }

  @Override
  public UsePlan authorizeUse(Caller caller, ImageId image, UseRequest request) {
    return observe(ActionKind.USE, () -> service.authorizeUse(caller, image, request));
  }

  @Override
  public ImageRecord get(Caller caller, ImageId image) {
    return observe(ActionKind.READ, () -> service.get(caller, image));
  }

  @Override
  public Page<ImageRecord> listVisible(Caller caller, ImageFilter filter) {
    return observe(ActionKind.LIST, () -> service.listVisible(caller, filter));
  }

  @Override
  public List<Membership> listMembers(Caller caller, ImageId image) {
    return observe(ActionKind.LIST_MEMBERS, () -> service.listMembers(caller, image));
  }

  @Override
  public Optional<Membership> membership(Caller caller, ImageId image, TenantId member) {
    // As the service decides it: a member reading its own membership reads the image.
    boolean own = caller != null && member != null
        && caller.tenant().filter(member::equals).isPresent();
    return observe(own ? ActionKind.READ : ActionKind.LIST_MEMBERS,
        () -> service.membership(caller, image, member));
  }

  @Override
  public Page<ImageRecord> listSharedWithMe(
      Caller caller, Set<MembershipStatus> statuses, int pageSize) {
    return observe(ActionKind.LIST, () -> service.listSharedWithMe(caller, statuses, pageSize));
  }

  @Override
  public Page<ImageRecord> listSharedWithMe(
      Caller caller, Set<MembershipStatus> statuses, int pageSize, String cursor) {
    return observe(ActionKind.LIST,
        () -> service.listSharedWithMe(caller, statuses, pageSize, cursor));
  }

  @Override
  public List<StoredEvent> events(long afterSequence, int limit) {
    // The relay's reads are its own to measure: they are no call of a tenant.
    return service.events(afterSequence, limit);
  }

  @Override
  public String toString() {
    return service.toString();
  }

  private <T> T observe(ActionKind kind, Supplier<T> call) {
    return observe(kind, false, call);
  }

  private <T> T observe(ActionKind kind, boolean check, Supplier<T> call) {
    Attempts outer = CURRENT.get();
    Attempts tries = new Attempts(service);
    CURRENT.set(tries);
    long start = System.nanoTime();
    Outcome outcome = Outcome.ERROR;
    List<RuleCode> codes = List.of();
    try {
      T result = call.get();
      if (result instanceof Decision decision && !decision.isAllowed()) {
        outcome = Outcome.DENIED;
        codes = List.copyOf(decision.codes());
      } else {
        outcome = Outcome.ALLOWED;
      }
      return result;
    } catch (ImagePolicyException denied) {
      outcome = Outcome.DENIED;
      codes = List.copyOf(denied.decision().codes());
      throw denied;
    } catch (ImageNotFoundException notFound) {
      outcome = Outcome.NOT_FOUND;
      throw notFound;
    } catch (InputException bad) {
      outcome = Outcome.INPUT_ERROR;
      codes = bad.code() == null ? List.of() : List.of(bad.code());
      throw bad;
    } catch (VersionConflictException conflict) {
      outcome = Outcome.CONFLICT;
      throw conflict;
    } catch (QuotaExceededException full) {
      outcome = Outcome.DENIED;
      codes = List.of(RuleCode.CREATE_QUOTA);
      throw full;
    } catch (StoreException failed) {
      outcome = Outcome.STORE_FAILURE;
      throw failed;
    } finally {
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
      tell(new CommandObservation(kind, check, outcome, codes, tries.used, took));
    }
  }

  private void tell(CommandObservation observation) {
    for (CommandListener listener : listeners) {
      try {
        listener.onCommand(observation);
      } catch (RuntimeException broken) {
        // Metrics must never fail the call they measure.
        LOG.warn("CommandListener {} failed on {}; the call it observed is unaffected",
            listener.getClass().getName(), observation, broken);
      }
    }
  }

  /** How many times the observed call of one service has decided so far. */
  private static final class Attempts {
    final ImageService service;
    int used = 1;

    Attempts(ImageService service) {
      this.service = service;
    }
  }
}
