package dev.imago.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imago.spi.ImageChange;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageQuery;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.ImageStore;
import dev.imago.spi.InputException;
import dev.imago.spi.Membership;
import dev.imago.spi.MembershipStatus;
import dev.imago.spi.Page;
import dev.imago.spi.RegionId;
import dev.imago.spi.RuleCode;
import dev.imago.spi.TenantId;
import dev.imago.testkit.ForwardingImageStore;
import dev.imago.testkit.ImageServiceStatefulContract;
import dev.imago.testkit.ImageStoreContract;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The testkit's own test: stores broken on purpose fail the contracts, in the tests that cover
 * what they break, with messages that say what went wrong: for the stateful contract, a short
 * command sequence, one command a line, and the seed that repeats it.
 */
class BrokenStoresFailTheContractTest {
  private static final String SEQUENCES = "random_command_sequences_agree_with_the_reference_model";
  // It runs sequences too, with faults injected: a store the model catches fails it as well.
  private static final String FAULTS = "port_failures_surface_as_store_exceptions_and_change_nothing";
  private static final String CONCURRENT =
      "concurrent_commands_are_explained_by_some_sequential_order";

  @Test
  void store_that_ignores_versions_fails_the_conflict_tests() {
    Map<String, Throwable> failures = runContract(IgnoresVersionsContract.class);

    assertThat(failures).containsOnlyKeys(
        "stale_version_is_rejected_and_nothing_is_written",
        "creating_an_image_that_exists_is_a_conflict",
        "changing_an_image_that_does_not_exist_is_a_conflict");
    assertThat(failures.get("stale_version_is_rejected_and_nothing_is_written"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("stale save")
        .hasMessageContaining("VersionConflictException");
  }

  @Test
  void store_that_ignores_the_owned_limit_fails_the_quota_tests() {
    Map<String, Throwable> failures = runContract(IgnoresOwnedLimitContract.class);

    assertThat(failures).containsOnlyKeys(
        "new_image_beyond_the_owned_limit_is_not_saved",
        "concurrent_new_images_never_pass_the_owned_limit",
        "restoring_beyond_the_owned_limit_is_not_saved");
    assertThat(failures.get("new_image_beyond_the_owned_limit_is_not_saved"))
        .hasMessageContaining("QuotaExceededException");
  }

  @Test
  void store_that_ignores_the_images_a_change_relied_on_fails_the_conflict_tests() {
    Map<String, Throwable> failures = runContract(IgnoresUnchangedImagesContract.class);

    assertThat(failures).containsOnlyKeys(
        "save_conflicts_when_an_image_the_change_relied_on_has_moved_on",
        "save_conflicts_when_an_image_expected_absent_exists");
  }

  @Test
  void store_that_drops_events_fails_the_event_tests() {
    Map<String, Throwable> failures = runContract(DropsEventsContract.class);

    assertThat(failures).containsKeys(
        "events_are_stored_with_the_state_they_describe",
        "events_of_all_images_share_one_gapless_log_in_save_order",
        "events_after_a_sequence_number_are_the_later_ones",
        "events_limit_caps_the_number_returned");
    assertThat(failures.get("events_are_stored_with_the_state_they_describe"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("the saved events");
  }

  @Test
  void store_that_accepts_any_cursor_fails_the_cursor_tests() {
    Map<String, Throwable> failures = runContract(AcceptsAnyCursorContract.class);

    assertThat(failures).containsOnlyKeys(
        "cursor_of_another_viewer_is_rejected",
        "cursor_of_another_query_is_rejected",
        "cursor_of_a_listing_with_deprecated_images_does_not_continue_one_without",
        "garbage_cursor_is_rejected");
    assertThat(failures.get("cursor_of_another_viewer_is_rejected"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Bob's query with Alice's cursor");
  }

  @Test
  void store_that_lists_deprecated_images_to_everyone_fails_the_deprecation_tests() {
    Map<String, Throwable> failures = runContract(ListsDeprecatedImagesContract.class);

    assertThat(failures).containsKeys(
        "others_deprecated_images_leave_the_listing_at_their_deprecation_time",
        "deprecation_schedule_changes_move_an_image_in_and_out_of_listings");
    assertThat(failures.keySet()).allMatch(test -> test.contains("deprecat")
        || test.equals("every_listing_equals_the_reference_model_of_visibility_filters_and_order"));
    assertThat(failures.get("others_deprecated_images_leave_the_listing_at_their_deprecation_time"))
        .hasMessageContaining("at the deprecation time");
  }

  @Test
  void store_that_hides_an_owners_own_deprecated_images_fails_the_deprecation_tests() {
    Map<String, Throwable> failures = runContract(HidesOwnDeprecatedImagesContract.class);

    assertThat(failures).containsKey(
        "deprecated_images_are_listed_when_asked_for_and_always_to_their_owner");
    assertThat(failures.get(
        "deprecated_images_are_listed_when_asked_for_and_always_to_their_owner"))
        .hasMessageContaining("Alice's default listing");
  }

  @Test
  void store_whose_listing_ignores_membership_status_fails_the_stateful_contract() {
    Map<String, Throwable> failures = runContract(ListsEveryShareContract.class);

    assertThat(failures).containsKey(SEQUENCES);
    assertThat(failures.keySet()).isSubsetOf(SEQUENCES, FAULTS);
    assertReportsAShortSequence(failures.get(SEQUENCES), "listing", " shares ");
  }

  @Test
  void store_that_drops_member_answers_fails_the_stateful_contract() {
    Map<String, Throwable> failures = runContract(DropsMemberAnswersContract.class);

    assertThat(failures).containsKey(SEQUENCES);
    // Either answer is lost, so the shortest sequence may end in an acceptance or a rejection.
    assertReportsAShortSequence(failures.get(SEQUENCES), "get of", " accepts ", " rejects ");
  }

  @Test
  void store_that_counts_deleted_images_fails_the_stateful_contract() {
    Map<String, Throwable> failures = runContract(CountsDeletedImagesContract.class);

    assertThat(failures).containsKey(SEQUENCES);
    assertThat(failures.keySet()).isSubsetOf(SEQUENCES, FAULTS);
    assertReportsAShortSequence(failures.get(SEQUENCES), "store.countOwned", " deletes ");
  }

  @Test
  void store_that_lists_other_tenants_deprecated_images_fails_the_stateful_contract() {
    Map<String, Throwable> failures = runContract(ListsOthersDeprecatedImagesContract.class);

    assertThat(failures).containsKey(SEQUENCES);
    assertThat(failures.keySet()).isSubsetOf(SEQUENCES, FAULTS);
    assertReportsAShortSequence(failures.get(SEQUENCES), "listing", " deprecates ");
  }

  @Test
  void store_that_hides_an_owners_own_deprecated_images_fails_the_stateful_contract() {
    Map<String, Throwable> failures = runContract(HidesOwnDeprecatedImagesServiceContract.class);

    assertThat(failures).containsKey(SEQUENCES);
    assertThat(failures.keySet()).isSubsetOf(SEQUENCES, FAULTS);
    assertReportsAShortSequence(failures.get(SEQUENCES), "listing", " deprecates ");
  }

  @Test
  void store_that_drops_the_deprecation_on_save_fails_the_stateful_contract() {
    Map<String, Throwable> failures = runContract(DropsDeprecationsContract.class);

    assertThat(failures).containsKey(SEQUENCES);
    assertReportsAShortSequence(failures.get(SEQUENCES), "get of", " deprecates ");
  }

  @Test
  void store_whose_listing_reads_no_schedule_resolves_latest_to_a_deprecated_image_and_fails() {
    Map<String, Throwable> failures = runContract(ListsWithoutSchedulesContract.class);

    assertThat(failures).containsKey(SEQUENCES);
    assertThat(failures.keySet()).isSubsetOf(SEQUENCES, FAULTS);
    assertReportsAShortSequence(failures.get(SEQUENCES), "latest of", " deprecates ");
    assertThat(failures.get(SEQUENCES)).hasMessageContaining("family");
  }

  @Test
  void store_that_counts_images_in_the_recycle_bin_fails_the_stateful_contract() {
    Map<String, Throwable> failures = runContract(CountsRecycledImagesContract.class);

    assertThat(failures).containsKey(SEQUENCES);
    assertThat(failures.keySet()).isSubsetOf(SEQUENCES, FAULTS);
    assertReportsAShortSequence(failures.get(SEQUENCES), "store.countOwned", " deletes ");
    assertThat(failures.get(SEQUENCES)).hasMessageContaining("recycle bin for +7d");
  }

  @Test
  void store_that_purges_only_after_the_purge_time_fails_the_stateful_contract() {
    Map<String, Throwable> failures = runContract(PurgesLateContract.class);

    assertThat(failures).containsKey(SEQUENCES);
    assertThat(failures.keySet()).isSubsetOf(SEQUENCES, FAULTS);
    assertReportsAShortSequence(failures.get(SEQUENCES), "the outcome of the command",
        " purges ");
    assertThat(failures.get(SEQUENCES)).hasMessageContaining("purge time");
  }

  @Test
  void store_that_writes_half_a_save_before_it_fails_breaks_the_store_failure_property() {
    Map<String, Throwable> failures = runContract(WritesHalfASaveContract.class);

    // The property holds at every step of every sequence, faults injected or not.
    assertThat(failures).containsKey(SEQUENCES);
    assertThat(failures.get(SEQUENCES)).hasMessageContaining(
        "a command that failed with StoreException leaves the store as it was");
  }

  @Test
  void store_that_ignores_versions_fails_the_concurrent_contract_only() {
    Map<String, Throwable> failures = runContract(IgnoresVersionsSlowlyContract.class);

    // One command at a time never conflicts: only concurrent commands lose updates.
    assertThat(failures).containsOnlyKeys(CONCURRENT);
    assertThat(failures.get(CONCURRENT))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Seed: ")
        .hasMessageContaining("-DQT_SEED=")
        .hasMessageContaining("No order of the concurrent commands")
        .hasMessageContaining("Thread 2, concurrently:")
        .hasMessageContaining("The store holds:");
  }

  /**
   * The report names the seed, shows a sequence of at most six commands, one a line, that
   * includes one of the commands that matter, and says which comparison failed.
   */
  private static void assertReportsAShortSequence(Throwable failure, String comparison,
      String... commands) {
    assertThat(failure)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Seed: ")
        .hasMessageContaining("-DQT_SEED=")
        .hasMessageContaining("disagrees with the reference model")
        .hasMessageContaining(comparison);
    String report = failure.getMessage();
    Matcher shortest = Pattern.compile("Shortest failing sequence: (\\d+) of").matcher(report);
    assertThat(shortest.find()).as("the report names the length of the shortest sequence:%n%s",
        report).isTrue();
    int length = Integer.parseInt(shortest.group(1));
    assertThat(length).as("commands in the shortest sequence:%n%s", report).isBetween(1, 6);
    String sequence = report.substring(shortest.end(),
        report.indexOf("As it ran, with the service's outcomes:"));
    assertThat(sequence.lines().skip(1).toList()).as("one command a line:%n%s", report)
        .hasSize(length)
        .anySatisfy(line -> assertThat(line).containsAnyOf(commands));
  }

  /** Runs a contract class and returns its failed tests, by method name. */
  private static Map<String, Throwable> runContract(Class<?> contract) {
    Map<String, Throwable> failures = new ConcurrentHashMap<>();
    TestExecutionListener listener = new TestExecutionListener() {
      @Override
      public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (test.isTest() && result.getStatus() == TestExecutionResult.Status.FAILED) {
          String method = test.getSource()
              .filter(MethodSource.class::isInstance)
              .map(source -> ((MethodSource) source).getMethodName())
              .orElse(test.getDisplayName());
          failures.putIfAbsent(method, result.getThrowable().orElseThrow());
        }
      }
    };
    LauncherFactory.create().execute(
        LauncherDiscoveryRequestBuilder.request()
            .selectors(DiscoverySelectors.selectClass(contract))
            .build(),
        listener);
    return failures;
  }

  /** The contract, run against an in-memory store broken by a wrapper. */
  abstract static class BrokenStoreContract extends ImageStoreContract {
    abstract ImageStore broken(ImageStore working);

    @Override
    protected ImageStore newStore() {
      return broken(new InMemoryImageStore());
    }

    @Override
    protected int propertyExamples() {
      return 20;
    }
  }

  /** A store whose save ignores the expected version: the last writer wins. */
  static final class IgnoresVersionsContract extends BrokenStoreContract {
    @Override
    ImageStore broken(ImageStore working) {
      return new ForwardingImageStore(working) {
        @Override
        public void save(ImageChange change) {
          super.save(lastWriterWins(this, change));
        }
      };
    }
  }

  /** A store that saves new images whatever the owner's quota. */
  static final class IgnoresOwnedLimitContract extends BrokenStoreContract {
    @Override
    ImageStore broken(ImageStore working) {
      return new ForwardingImageStore(working) {
        @Override
        public void save(ImageChange change) {
          super.save(change.withOwnedLimit(OptionalLong.empty()));
        }
      };
    }
  }

  /** A store that checks the version of the image saved, but not of those the change read. */
  static final class IgnoresUnchangedImagesContract extends BrokenStoreContract {
    @Override
    ImageStore broken(ImageStore working) {
      return new ForwardingImageStore(working) {
        @Override
        public void save(ImageChange change) {
          super.save(change.withUnchangedImages(Map.of()));
        }
      };
    }
  }

  /** A store that saves the state and drops the events. */
  static final class DropsEventsContract extends BrokenStoreContract {
    @Override
    ImageStore broken(ImageStore working) {
      return new ForwardingImageStore(working) {
        @Override
        public void save(ImageChange change) {
          super.save(change.withEvents(List.of()));
        }
      };
    }
  }

  /** A store that answers a cursor it did not make with the first page. */
  static final class AcceptsAnyCursorContract extends BrokenStoreContract {
    @Override
    ImageStore broken(ImageStore working) {
      return new ForwardingImageStore(working) {
        @Override
        public Page<ImageRecord> listVisible(ImageQuery query) {
          try {
            return super.listVisible(query);
          } catch (InputException e) {
            if (!e.code().equals(RuleCode.INPUT_PAGE)) {
              throw e;
            }
            ImageQuery firstPage = query.withCursor(Optional.empty());
            return super.listVisible(firstPage);
          }
        }
      };
    }
  }

  /** A store that lists deprecated images as if every query asked for them. */
  static final class ListsDeprecatedImagesContract extends BrokenStoreContract {
    @Override
    ImageStore broken(ImageStore working) {
      return new ForwardingImageStore(working) {
        @Override
        public Page<ImageRecord> listVisible(ImageQuery query) {
          return super.listVisible(query.withAsOf(Optional.empty()));
        }
      };
    }
  }

  /** A store that hides deprecated images from their owner too. */
  static final class HidesOwnDeprecatedImagesContract extends BrokenStoreContract {
    @Override
    ImageStore broken(ImageStore working) {
      return new ForwardingImageStore(working) {
        @Override
        public Page<ImageRecord> listVisible(ImageQuery query) {
          Page<ImageRecord> page = super.listVisible(query);
          if (query.includeDeprecated() || query.asOf().isEmpty()) {
            return page;
          }
          return Page.of(page.items().stream()
              .filter(record -> !record.isDeprecatedAt(query.asOf().get())).toList(),
              page.nextCursor());
        }
      };
    }
  }

  /** The stateful contract, run against an in-memory store broken by a wrapper. */
  abstract static class BrokenServiceContract extends ImageServiceStatefulContract {
    abstract ImageStore broken(ImageStore working);

    @Override
    protected ImageStore newStore() {
      return broken(new InMemoryImageStore());
    }

    @Override
    protected int examples() {
      return 40;
    }
  }

  /** A store whose listing shows every share, pending and rejected ones too, as accepted. */
  static final class ListsEveryShareContract extends BrokenServiceContract {
    @Override
    ImageStore broken(ImageStore working) {
      return new ForwardingImageStore(working) {
        @Override
        public Page<ImageRecord> listVisible(ImageQuery query) {
          return super.listVisible(query
              .withMembership(EnumSet.allOf(MembershipStatus.class)));
        }
      };
    }
  }

  /**
   * A store that ignores the query's time: other tenants' deprecated images stay in its default
   * listings, as if no query judged deprecation.
   */
  static final class ListsOthersDeprecatedImagesContract extends BrokenServiceContract {
    // About one sequence in fourteen shows another tenant an image past its deprecation time.
    @Override
    protected int examples() {
      return 120;
    }

    @Override
    ImageStore broken(ImageStore working) {
      return new ForwardingImageStore(working) {
        @Override
        public Page<ImageRecord> listVisible(ImageQuery query) {
          return super.listVisible(query.withAsOf(Optional.empty()));
        }
      };
    }
  }

  /** A store that leaves deprecated images out of their owner's default listings too. */
  static final class HidesOwnDeprecatedImagesServiceContract extends BrokenServiceContract {
    @Override
    ImageStore broken(ImageStore working) {
      return new ForwardingImageStore(working) {
        @Override
        public Page<ImageRecord> listVisible(ImageQuery query) {
          Page<ImageRecord> page = super.listVisible(query);
          if (query.includeDeprecated() || query.asOf().isEmpty()) {
            return page;
          }
          return Page.of(page.items().stream()
              .filter(record -> !record.isDeprecatedAt(query.asOf().get())).toList(),
              page.nextCursor());
        }
      };
    }
  }

  /** A store that saves a record without its retirement schedule: a column it forgot. */
  static final class DropsDeprecationsContract extends BrokenServiceContract {
    @Override
    ImageStore broken(ImageStore working) {
      return new ForwardingImageStore(working) {
        @Override
        public void save(ImageChange change) {
          super.save(change.withRecord(change.record().withDeprecation(Optional.empty())));
        }
      };
    }
  }

  /**
   * A store whose listing reads records without their retirement schedule, as a listing query
   * that forgot those columns would: a family's "latest" then picks a deprecated image.
   */
  static final class ListsWithoutSchedulesContract extends BrokenServiceContract {
    @Override
    ImageStore broken(ImageStore working) {
      return new ForwardingImageStore(working) {
        @Override
        public Page<ImageRecord> listVisible(ImageQuery query) {
          Page<ImageRecord> page = super.listVisible(query);
          return Page.of(page.items().stream()
              .map(record -> record.withDeprecation(Optional.empty())).toList(),
              page.nextCursor());
        }
      };
    }
  }

  /** A store whose count of owned images, the quota's figure, includes the recycle bin's. */
  static final class CountsRecycledImagesContract extends BrokenServiceContract {
    @Override
    ImageStore broken(ImageStore working) {
      Map<ImageId, ImageRecord> recycled = new ConcurrentHashMap<>();
      return new ForwardingImageStore(working) {
        @Override
        public void save(ImageChange change) {
          super.save(change);
          if (change.record().status() == ImageStatus.RECYCLED) {
            recycled.put(change.record().id(), change.record());
          } else {
            recycled.remove(change.record().id());
          }
        }

        @Override
        public long countOwned(TenantId owner, RegionId region) {
          return super.countOwned(owner, region) + recycled.values().stream()
              .filter(image -> image.isOwnedBy(owner) && image.region().equals(region))
              .count();
        }
      };
    }
  }

  /**
   * A store that finds an image expired only after its purge time, not at it: the {@code <}
   * for {@code <=} of a purge query.
   */
  static final class PurgesLateContract extends BrokenServiceContract {
    // About one sequence in twenty purges at a purge time exactly.
    @Override
    protected int examples() {
      return 150;
    }

    @Override
    ImageStore broken(ImageStore working) {
      return new ForwardingImageStore(working) {
        @Override
        public List<ImageRecord> listExpired(Instant purgeBy, int limit) {
          return super.listExpired(purgeBy.minusNanos(1), limit);
        }
      };
    }
  }

  /**
   * A store whose save of several events writes the state, then fails on the events: the half
   * of a save a non-atomic store leaves behind.
   */
  static final class WritesHalfASaveContract extends BrokenServiceContract {
    @Override
    ImageStore broken(ImageStore working) {
      return new ForwardingImageStore(working) {
        @Override
        public void save(ImageChange change) {
          if (change.events().size() < 2) {
            super.save(change);
            return;
          }
          super.save(change.withEvents(List.of()));
          throw new IllegalStateException("connection lost after the record was written");
        }
      };
    }
  }

  /** A store that keeps a member's first answer: accepting or rejecting later is lost. */
  static final class DropsMemberAnswersContract extends BrokenServiceContract {
    @Override
    ImageStore broken(ImageStore working) {
      return new ForwardingImageStore(working) {
        @Override
        public void save(ImageChange change) {
          ImageRecord record = change.record();
          ImageRecord stored = load(record.id()).orElse(null);
          ImageRecord kept = record;
          if (stored != null) {
            Map<TenantId, Membership> members = new LinkedHashMap<>(record.members());
            members.replaceAll((tenant, member) -> stored.members().getOrDefault(tenant, member));
            kept = record.withMembers(members);
          }
          super.save(change.withRecord(kept));
        }
      };
    }
  }

  /** A store whose count of owned images, the quota's figure, includes deleted images. */
  static final class CountsDeletedImagesContract extends BrokenServiceContract {
    @Override
    ImageStore broken(ImageStore working) {
      Map<ImageId, ImageRecord> deleted = new ConcurrentHashMap<>();
      return new ForwardingImageStore(working) {
        @Override
        public void save(ImageChange change) {
          super.save(change);
          if (change.record().status() == ImageStatus.DELETED) {
            deleted.put(change.record().id(), change.record());
          }
        }

        @Override
        public long countOwned(TenantId owner, RegionId region) {
          return super.countOwned(owner, region) + deleted.values().stream()
              .filter(image -> image.isOwnedBy(owner) && image.region().equals(region))
              .count();
        }
      };
    }
  }

  /**
   * A store whose save ignores the expected version, and takes a millisecond first: two
   * commands that read the same version both save, and the first one's change is lost.
   */
  static final class IgnoresVersionsSlowlyContract extends BrokenServiceContract {
    @Override
    ImageStore broken(ImageStore working) {
      return new ForwardingImageStore(working) {
        @Override
        public void save(ImageChange change) {
          try {
            Thread.sleep(1);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          super.save(lastWriterWins(this, change));
        }
      };
    }
  }

  /** The change rebased on whatever version is stored: the check a broken store leaves out. */
  static ImageChange lastWriterWins(ImageStore store, ImageChange change) {
    long stored = store.load(change.record().id()).map(ImageRecord::version).orElse(0L);
    return ImageChange.builder().from(change)
        .record(change.record().withVersion(stored + 1))
        .expectedVersion(stored)
        .build();
  }
}
