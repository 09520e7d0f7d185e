package dev.imago.core.policy;

import static dev.imago.core.policy.DecisionAssertions.assertAllowed;
import static dev.imago.core.policy.DecisionAssertions.assertDenied;
import static dev.imago.core.policy.DecisionAssertions.assertInputError;
import static dev.imago.core.policy.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imago.core.Caller;
import dev.imago.spi.ImageClass;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageSource;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.MembershipStatus;
import dev.imago.spi.RegionId;
import dev.imago.spi.ReplicaOrigin;
import dev.imago.spi.RuleCode;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** REPLICATE_* rules (the aggregate's replica is checked in ImageCommandsTest). */
class ReplicateRulesTest {
  private static final long GIB = 1L << 30;

  /** The caller replicates the image to the region, where OWNER's account has a project. */
  private static Context.Builder replicating(
      Caller caller, ImageRecord image, RegionId region) {
    return context(caller, new Action.Replicate(image.id(), region), image)
        .replicaOwner(OWNER_ABROAD_INFO);
  }

  private static Decision replicate(ImageRecord image) {
    return decide(replicating(owner(), image, OTHER_REGION));
  }

  // REPLICATE_REGION

  @Test
  void owner_replicates_its_active_private_image_to_another_region() {
    assertAllowed(replicate(systemDiskImage()));
  }

  @Test
  void owner_replicates_its_full_server_image_to_another_region() {
    assertAllowed(replicate(fullServerImageFromBackup()));
  }

  @Test
  void image_cannot_be_replicated_to_its_own_region() {
    assertDenied(decide(replicating(owner(), systemDiskImage(), REGION)),
        RuleCode.REPLICATE_REGION);
  }

  @Test
  void image_cannot_be_replicated_where_the_owners_account_has_no_project() {
    ImageRecord image = systemDiskImage();
    assertDenied(decide(context(owner(), new Action.Replicate(image.id(), OTHER_REGION), image)),
        RuleCode.REPLICATE_REGION);
  }

  @ParameterizedTest
  @EnumSource(value = ImageStatus.class, names = {"ACTIVE", "RECYCLED", "DELETED"},
      mode = EnumSource.Mode.EXCLUDE)
  void image_that_is_not_active_cannot_be_replicated(ImageStatus status) {
    assertDenied(replicate(systemDiskImage().withStatus(status)), RuleCode.REPLICATE_REGION);
  }

  @Test
  void member_cannot_replicate_an_image_shared_with_it() {
    ImageRecord image = sharedWith(systemDiskImage(), FRIEND, MembershipStatus.ACCEPTED);
    assertDenied(decide(replicating(friend(), image, OTHER_REGION)), RuleCode.REPLICATE_REGION);
  }

  @Test
  void replica_record_names_its_origin() {
    assertInputError(RuleCode.REPLICATE_REGION, () -> ImageRecord.builder()
        .from(systemDiskImage()).source(ImageSource.REPLICA).build());
  }

  @Test
  void replica_record_lives_in_another_region_than_its_origin() {
    assertInputError(RuleCode.REPLICATE_REGION, () -> ImageRecord.builder()
        .from(systemDiskImage()).source(ImageSource.REPLICA)
        .origin(ReplicaOrigin.of(ImageId.of("image-0"), REGION)).build());
  }

  @Test
  void replica_record_with_its_origin_in_another_region_exists() {
    ImageRecord replica = ImageRecord.builder().from(systemDiskImage())
        .source(ImageSource.REPLICA)
        .origin(ReplicaOrigin.of(ImageId.of("image-0"), OTHER_REGION)).build();
    assertThat(replica.origin()).get().extracting(ReplicaOrigin::region).isEqualTo(OTHER_REGION);
  }

  // REPLICATE_EXCLUDED

  @Test
  void encrypted_image_is_not_replicated() {
    assertDenied(replicate(systemDiskImage().withEncryptionKey(KEY)),
        RuleCode.REPLICATE_EXCLUDED);
  }

  @Test
  void iso_image_is_not_replicated() {
    assertDenied(replicate(isoImage()), RuleCode.REPLICATE_EXCLUDED);
  }

  @Test
  void image_larger_than_128_gib_is_not_replicated() {
    assertDenied(replicate(systemDiskImage().withSizeBytes(128 * GIB + 1)),
        RuleCode.REPLICATE_EXCLUDED);
  }

  @Test
  void image_of_128_gib_is_replicated() {
    assertAllowed(replicate(systemDiskImage().withSizeBytes(128 * GIB)));
  }

  @Test
  void host_raises_the_replication_size_limit_through_settings() {
    ImageRecord image = systemDiskImage().withSizeBytes(200 * GIB);
    PolicySettings settings = PolicySettings.builder().maxReplicationBytes(256 * GIB).build();

    assertAllowed(decide(replicating(owner(), image, OTHER_REGION).settings(settings)));
  }

  // REPLICATE_MARKET

  @Test
  void market_image_is_not_replicated() {
    assertDenied(replicate(freeMarketImage()), RuleCode.REPLICATE_MARKET);
  }

  @Test
  void withdrawn_image_with_same_attributes_is_replicated() {
    ImageRecord withdrawn = ImageRecord.builder().from(freeMarketImage())
        .imageClass(ImageClass.PRIVATE).listing(Optional.empty()).build();
    assertAllowed(replicate(withdrawn));
  }

  @Test
  void public_image_is_not_replicated_by_a_tenant() {
    // Nobody owns a public image: the tenant is refused as no owner, and told nothing else.
    assertDenied(replicate(publicImage()), RuleCode.REPLICATE_REGION);
  }
}
