package dev.imago.core;

import static dev.imago.core.policy.Fixtures.FRIEND;
import static dev.imago.core.policy.Fixtures.FRIEND_INFO;
import static dev.imago.core.policy.Fixtures.OWNER;
import static dev.imago.core.policy.Fixtures.OWNER_INFO;
import static dev.imago.core.policy.Fixtures.SERVER;
import static dev.imago.core.policy.Fixtures.systemDiskImage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imago.core.CommandObservation.Outcome;
import dev.imago.core.internal.DefaultImageService;
import dev.imago.core.policy.Action;
import dev.imago.core.policy.ActionKind;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.Decision;
import dev.imago.core.policy.ImageSpec;
import dev.imago.core.policy.Rule;
import dev.imago.core.policy.SourceRef;
import dev.imago.core.policy.Violation;
import dev.imago.spi.BackupFacts;
import dev.imago.spi.BackupId;
import dev.imago.spi.DiskFacts;
import dev.imago.spi.DiskId;
import dev.imago.spi.FileFacts;
import dev.imago.spi.FileId;
import dev.imago.spi.ImageChange;
import dev.imago.spi.ImageFilter;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageQuery;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageStore;
import dev.imago.spi.ImageType;
import dev.imago.spi.InputException;
import dev.imago.spi.KeyId;
import dev.imago.spi.MembershipStatus;
import dev.imago.spi.Page;
import dev.imago.spi.QuotaExceededException;
import dev.imago.spi.RegionId;
import dev.imago.spi.RuleCode;
import dev.imago.spi.ServerFacts;
import dev.imago.spi.ServerId;
import dev.imago.spi.SourceDirectory;
import dev.imago.spi.StoreException;
import dev.imago.spi.StoredEvent;
import dev.imago.spi.TenantDirectory;
import dev.imago.spi.TenantId;
import dev.imago.spi.TenantInfo;
import dev.imago.spi.VersionConflictException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The observation hook: every call of the service is reported exactly once, with the kind of
 * action, how it ended, the codes of a denial and the attempts it took.
 */
class CommandListenerTest {
  private static final ImageId ENCRYPTED = ImageId.of("image-encrypted");
  private static final ImageId PLAIN = systemDiskImage().id();

  private final TestStore store = new TestStore();
  private final List<CommandObservation> seen = new CopyOnWriteArrayList<>();
  private TenantDirectory tenants = new Tenants();

  private ImageService service() {
    return Imago.builder().store(store).tenants(tenants).sources(new Sources()).maxAttempts(3)
        .listener(seen::add).build();
  }

  private CommandObservation theOnlyObservation() {
    assertThat(seen).hasSize(1);
    return seen.get(0);
  }

  private static ImageSpec fromServer() {
    return ImageSpec.builder().name("web").type(ImageType.SYSTEM_DISK)
        .source(SourceRef.server(SERVER.id())).build();
  }

  @Test
  void an_allowed_command_is_reported_once_with_its_kind_and_one_attempt() {
    service().createImage(Caller.tenant(OWNER), fromServer());

    CommandObservation observation = theOnlyObservation();
    assertThat(observation.action()).isEqualTo(ActionKind.CREATE);
    assertThat(observation.outcome()).isEqualTo(Outcome.ALLOWED);
    assertThat(observation.check()).isFalse();
    assertThat(observation.codes()).isEmpty();
    assertThat(observation.attempts()).isEqualTo(1);
    assertThat(observation.duration()).isPositive();
  }

  @Test
  void a_listener_hears_each_call_start_and_then_end_on_the_callers_thread() {
    List<String> heard = new CopyOnWriteArrayList<>();
    Thread caller = Thread.currentThread();
    CommandListener bracketing = new CommandListener() {
      @Override
      public void onStart(ActionKind action, boolean check) {
        assertThat(Thread.currentThread()).isSameAs(caller);
        heard.add("start " + action + (check ? " check" : ""));
      }

      @Override
      public void onCommand(CommandObservation observation) {
        assertThat(Thread.currentThread()).isSameAs(caller);
        heard.add("end " + observation.action() + " " + observation.outcome());
      }
    };
    ImageService images = Imago.builder().store(store).tenants(tenants).sources(new Sources())
        .listener(bracketing).build();
    store.put(systemDiskImage().withId(ENCRYPTED).withEncryptionKey(KeyId.of("kms-1")));

    images.createImage(Caller.tenant(OWNER), fromServer());
    images.check(Caller.tenant(OWNER), new Action.Share(ENCRYPTED, List.of(FRIEND)));
    assertThatThrownBy(() -> images.share(Caller.tenant(OWNER), ENCRYPTED, List.of(FRIEND)))
        .isInstanceOf(ImagePolicyException.class);

    assertThat(heard).containsExactly("start CREATE", "end CREATE ALLOWED",
        "start SHARE check", "end SHARE DENIED", "start SHARE", "end SHARE DENIED");
  }

  @Test
  void a_denied_command_reports_every_code_of_the_denial() {
    store.put(systemDiskImage().withId(ENCRYPTED).withEncryptionKey(KeyId.of("kms-1")));

    assertThatThrownBy(() -> service().share(Caller.tenant(OWNER), ENCRYPTED, List.of(FRIEND)))
        .isInstanceOf(ImagePolicyException.class);

    CommandObservation observation = theOnlyObservation();
    assertThat(observation.action()).isEqualTo(ActionKind.SHARE);
    assertThat(observation.outcome()).isEqualTo(Outcome.DENIED);
    assertThat(observation.codes()).containsExactly(RuleCode.SHARE_ENCRYPTED);
  }

  @Test
  void a_check_that_denies_is_reported_as_a_denied_check() {
    store.put(systemDiskImage().withId(ENCRYPTED).withEncryptionKey(KeyId.of("kms-1")));

    Decision decision = service().check(Caller.tenant(OWNER),
        new Action.Share(ENCRYPTED, List.of(FRIEND)));

    assertThat(decision.isAllowed()).isFalse();
    CommandObservation observation = theOnlyObservation();
    assertThat(observation.check()).isTrue();
    assertThat(observation.action()).isEqualTo(ActionKind.SHARE);
    assertThat(observation.outcome()).isEqualTo(Outcome.DENIED);
    assertThat(observation.codes()).containsExactly(RuleCode.SHARE_ENCRYPTED);
  }

  @Test
  void an_image_the_caller_may_not_see_is_reported_as_not_found_without_codes() {
    store.put(systemDiskImage());

    assertThatThrownBy(() -> service().get(Caller.tenant(FRIEND), PLAIN))
        .isInstanceOf(ImageNotFoundException.class);

    CommandObservation observation = theOnlyObservation();
    assertThat(observation.action()).isEqualTo(ActionKind.READ);
    assertThat(observation.outcome()).isEqualTo(Outcome.NOT_FOUND);
    assertThat(observation.codes()).isEmpty();
  }

  @Test
  void bad_input_is_reported_as_an_input_error_with_its_code_even_before_an_action_exists() {
    assertThatThrownBy(() -> service().share(Caller.tenant(OWNER), null, List.of(FRIEND)))
        .isInstanceOf(InputException.class);
    assertThatThrownBy(() -> service().createImage(Caller.tenant(TenantId.of("nobody")),
        fromServer())).isInstanceOf(InputException.class);

    assertThat(seen).extracting(CommandObservation::action, CommandObservation::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(ActionKind.SHARE, Outcome.INPUT_ERROR),
            org.assertj.core.groups.Tuple.tuple(ActionKind.CREATE, Outcome.INPUT_ERROR));
    assertThat(seen.get(0).codes()).containsExactly(RuleCode.INPUT_VALUE);
    assertThat(seen.get(1).codes()).containsExactly(RuleCode.INPUT_ID);
  }

  @Test
  void a_command_whose_image_keeps_changing_is_reported_as_a_conflict_after_every_attempt() {
    store.put(systemDiskImage());
    store.onSave = change -> {
      throw new VersionConflictException(change.record().id(), change.expectedVersion());
    };

    assertThatThrownBy(() -> service().protect(Caller.tenant(OWNER), PLAIN))
        .isInstanceOf(VersionConflictException.class);

    CommandObservation observation = theOnlyObservation();
    assertThat(observation.outcome()).isEqualTo(Outcome.CONFLICT);
    assertThat(observation.attempts()).isEqualTo(3);
  }

  @Test
  void a_command_that_succeeds_after_a_conflict_reports_the_attempts_it_used() {
    store.put(systemDiskImage());
    int[] saves = {0};
    store.onSave = change -> {
      if (saves[0]++ == 0) {
        throw new VersionConflictException(change.record().id(), change.expectedVersion());
      }
    };

    service().protect(Caller.tenant(OWNER), PLAIN);

    CommandObservation observation = theOnlyObservation();
    assertThat(observation.outcome()).isEqualTo(Outcome.ALLOWED);
    assertThat(observation.attempts()).isEqualTo(2);
  }

  @Test
  void a_quota_taken_by_another_host_is_reported_as_a_quota_denial() {
    store.onSave = change -> {
      throw new QuotaExceededException(OWNER, OWNER_INFO.region(), 100);
    };

    assertThatThrownBy(() -> service().createImage(Caller.tenant(OWNER), fromServer()))
        .isInstanceOf(QuotaExceededException.class);

    CommandObservation observation = theOnlyObservation();
    assertThat(observation.outcome()).isEqualTo(Outcome.DENIED);
    assertThat(observation.codes()).containsExactly(RuleCode.CREATE_QUOTA);
  }

  @Test
  void a_failing_store_is_reported_as_a_store_failure() {
    store.failLoads = true;

    assertThatThrownBy(() -> service().get(Caller.tenant(OWNER), PLAIN))
        .isInstanceOf(StoreException.class);

    assertThat(theOnlyObservation().outcome()).isEqualTo(Outcome.STORE_FAILURE);
  }

  @Test
  void a_failing_directory_is_reported_as_a_store_failure() {
    tenants = new Tenants() {
      @Override
      public Optional<TenantInfo> find(TenantId id) {
        throw new IllegalStateException("directory down");
      }
    };

    assertThatThrownBy(() -> service().get(Caller.tenant(OWNER), PLAIN))
        .isInstanceOf(StoreException.class);

    assertThat(theOnlyObservation().outcome()).isEqualTo(Outcome.STORE_FAILURE);
  }

  @Test
  void a_host_rule_that_throws_is_reported_as_an_error() {
    store.put(systemDiskImage());
    ImageService images = Imago.builder().store(store).tenants(tenants).sources(new Sources())
        .addRule(new Rule() {
          @Override
          public RuleCode code() {
            return RuleCode.of("BROKEN_RULE");
          }

          @Override
          public Set<ActionKind> actions() {
            return Set.of(ActionKind.READ);
          }

          @Override
          public void check(Context context, Consumer<Violation> violations) {
            throw new IllegalStateException("rule broken");
          }
        })
        .listener(seen::add).build();

    assertThatThrownBy(() -> images.get(Caller.tenant(OWNER), PLAIN))
        .isInstanceOf(IllegalStateException.class);

    assertThat(theOnlyObservation().outcome()).isEqualTo(Outcome.ERROR);
  }

  @Test
  void every_listing_is_one_list_call_also_when_the_service_lists_through_another_method() {
    ImageService images = service();

    images.listVisible(Caller.tenant(OWNER), ImageFilter.builder().build());
    images.listSharedWithMe(Caller.tenant(OWNER), EnumSet.of(MembershipStatus.PENDING), 10);

    assertThat(seen).extracting(CommandObservation::action, CommandObservation::outcome)
        .containsOnly(org.assertj.core.groups.Tuple.tuple(ActionKind.LIST, Outcome.ALLOWED))
        .hasSize(2);
  }

  @Test
  void the_relays_reads_of_the_event_log_are_not_reported() {
    service().events(0, 10);

    assertThat(seen).isEmpty();
  }

  @Test
  void a_listener_that_throws_changes_nothing_for_the_call_nor_for_the_listeners_after_it() {
    List<CommandObservation> later = new ArrayList<>();
    ImageService images = Imago.builder().store(store).tenants(tenants).sources(new Sources())
        .listener(observation -> {
          throw new IllegalStateException("broken listener");
        })
        .listener(later::add)
        .build();

    ImageRecord created = images.createImage(Caller.tenant(OWNER), fromServer());

    assertThat(store.load(created.id())).isPresent();
    assertThat(later).singleElement()
        .extracting(CommandObservation::outcome).isEqualTo(Outcome.ALLOWED);
  }

  @Test
  void a_service_nobody_listens_to_is_not_wrapped() {
    ImageService images = Imago.builder().store(store).tenants(tenants).build();

    assertThat(images).isExactlyInstanceOf(DefaultImageService.class);
  }

  @Test
  void an_observation_names_no_tenant_and_no_image() {
    assertThat(Arrays.stream(CommandObservation.class.getRecordComponents())
        .map(RecordComponent::getType))
        .containsExactly(ActionKind.class, boolean.class, Outcome.class, List.class, int.class,
            Duration.class);
  }

  @Test
  void an_observation_checks_its_parts() {
    assertThatThrownBy(() -> new CommandObservation(ActionKind.READ, false, Outcome.ALLOWED,
        List.of(), 0, Duration.ZERO)).isInstanceOf(InputException.class)
        .hasMessageContaining("attempts");
    assertThatThrownBy(() -> new CommandObservation(ActionKind.READ, false, Outcome.ALLOWED,
        List.of(), 1, Duration.ofNanos(-1))).isInstanceOf(InputException.class)
        .hasMessageContaining("duration");
  }

  /** A store in a map; saves check the version, and tests may make loads or saves fail. */
  private static final class TestStore implements ImageStore {
    final Map<ImageId, ImageRecord> images = new ConcurrentHashMap<>();
    volatile boolean failLoads;
    volatile Consumer<ImageChange> onSave = change -> { };

    void put(ImageRecord record) {
      images.put(record.id(), record);
    }

    @Override
    public Optional<ImageRecord> load(ImageId id) {
      if (failLoads) {
        throw new StoreException("the test store is down", null);
      }
      return Optional.ofNullable(images.get(id));
    }

    @Override
    public void save(ImageChange change) {
      onSave.accept(change);
      ImageRecord stored = images.get(change.record().id());
      long version = stored == null ? 0 : stored.version();
      if (version != change.expectedVersion()) {
        throw new VersionConflictException(change.record().id(), change.expectedVersion());
      }
      images.put(change.record().id(), change.record());
    }

    @Override
    public Page<ImageRecord> listVisible(ImageQuery query) {
      return Page.of(List.of(), Optional.empty());
    }

    @Override
    public long countOwned(TenantId owner, RegionId region) {
      return 0;
    }

    @Override
    public List<ImageRecord> listExpired(Instant purgeBy, int limit) {
      return List.of();
    }

    @Override
    public List<StoredEvent> events(long afterSequence, int limit) {
      return List.of();
    }
  }

  private static class Tenants implements TenantDirectory {
    @Override
    public Optional<TenantInfo> find(TenantId id) {
      return List.of(OWNER_INFO, FRIEND_INFO).stream().filter(t -> t.id().equals(id)).findFirst();
    }

    @Override
    public Optional<TenantInfo> findProjectIn(TenantId tenant, RegionId region) {
      return Optional.empty();
    }
  }

  private static final class Sources implements SourceDirectory {
    @Override
    public Optional<ServerFacts> findServer(ServerId id) {
      return SERVER.id().equals(id) ? Optional.of(SERVER) : Optional.empty();
    }

    @Override
    public Optional<DiskFacts> findDisk(DiskId id) {
      return Optional.empty();
    }

    @Override
    public Optional<BackupFacts> findBackup(BackupId id) {
      return Optional.empty();
    }

    @Override
    public Optional<FileFacts> findFile(FileId id) {
      return Optional.empty();
    }
  }
}
