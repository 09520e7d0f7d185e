package dev.imago.core.policy;

import static dev.imago.core.policy.DecisionAssertions.assertAllowed;
import static dev.imago.core.policy.DecisionAssertions.assertDenied;
import static dev.imago.core.policy.DecisionAssertions.assertInputError;
import static dev.imago.core.policy.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imago.core.Caller;
import dev.imago.core.internal.Change;
import dev.imago.core.internal.Image;
import dev.imago.spi.EventType;
import dev.imago.spi.ImageClass;
import dev.imago.spi.ImageEvent;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.MarketListing;
import dev.imago.spi.MembershipStatus;
import dev.imago.spi.Price;
import dev.imago.spi.PriceUnit;
import dev.imago.spi.RuleCode;
import dev.imago.spi.TenantInfo;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** MARKET_PUBLISH and MARKET_WITHDRAW (MARKET_PRICE is a value rule, see InputRulesTest). */
class MarketRulesTest {
  private static final Image IMAGE = new Image(PolicyEngine.standard());

  private static Decision publish(Caller caller, TenantInfo callerTenant, ImageRecord image) {
    return decide(context(caller, new Action.Publish(image.id(), Optional.empty()), image)
        .callerTenant(callerTenant));
  }

  private static Decision publishAsSeller(ImageRecord image) {
    return publish(owner(), asSeller(OWNER_INFO), image);
  }

  private static Decision withdraw(Caller caller, ImageRecord image) {
    return decide(context(caller, new Action.Withdraw(image.id()), image));
  }

  // MARKET_PUBLISH

  @Test
  void owner_that_is_no_registered_seller_cannot_publish() {
    assertDenied(publish(owner(), OWNER_INFO, systemDiskImage()), RuleCode.MARKET_PUBLISH);
  }

  @Test
  void owner_that_is_a_registered_seller_publishes_the_same_image() {
    assertAllowed(publishAsSeller(systemDiskImage()));
  }

  @Test
  void seller_publishes_a_full_server_image() {
    assertAllowed(publishAsSeller(fullServerImageFromBackup()));
  }

  @Test
  void seller_cannot_publish_an_encrypted_image() {
    assertDenied(publishAsSeller(systemDiskImage().withEncryptionKey(KEY)),
        RuleCode.MARKET_PUBLISH);
  }

  @Test
  void seller_cannot_publish_an_image_that_is_not_active() {
    assertDenied(publishAsSeller(systemDiskImage().withStatus(ImageStatus.DEACTIVATED)),
        RuleCode.MARKET_PUBLISH);
  }

  @Test
  void seller_cannot_publish_a_data_disk_image() {
    assertDenied(publishAsSeller(dataDiskImage()), RuleCode.MARKET_PUBLISH);
  }

  @Test
  void seller_cannot_publish_an_iso_image() {
    assertDenied(publishAsSeller(isoImage()), RuleCode.MARKET_PUBLISH);
  }

  @Test
  void seller_cannot_publish_an_image_that_is_already_listed() {
    assertDenied(publishAsSeller(freeMarketImage()), RuleCode.MARKET_PUBLISH);
  }

  @Test
  void member_that_is_a_seller_cannot_publish_an_image_shared_with_it_and_hears_nothing_else() {
    ImageRecord image = sharedWith(systemDiskImage(), FRIEND, MembershipStatus.ACCEPTED);
    assertDenied(publish(friend(), asSeller(FRIEND_INFO), image), RuleCode.MARKET_PUBLISH);
  }

  @Test
  void operator_cannot_publish_a_public_image() {
    ImageRecord image = publicImage();
    assertDenied(decide(context(Caller.operator(), new Action.Publish(image.id(),
        Optional.empty()), image)), RuleCode.MARKET_PUBLISH);
  }

  @Test
  void market_record_has_a_listing() {
    assertInputError(RuleCode.MARKET_PUBLISH, () -> ImageRecord.builder()
        .from(systemDiskImage()).imageClass(ImageClass.MARKET).build());
  }

  @Test
  void market_record_is_not_encrypted() {
    assertInputError(RuleCode.MARKET_PUBLISH,
        () -> listed(systemDiskImage().withEncryptionKey(KEY), MarketListing.free(CREATED)));
  }

  @Test
  void seller_publishes_at_a_price_and_the_image_becomes_a_paid_market_image() {
    ImageRecord image = systemDiskImage();
    Price price = Price.of("1.50", "EUR", PriceUnit.ONE_OFF);

    Change change = IMAGE.execute(context(owner(), new Action.Publish(image.id(),
        Optional.of(price)), image).callerTenant(asSeller(OWNER_INFO)).build(), () -> ImageId.of("unused"));

    ImageRecord listed = change.record().orElseThrow();
    assertThat(listed.imageClass()).isEqualTo(ImageClass.MARKET);
    assertThat(listed.listing()).get().satisfies(listing -> {
      assertThat(listing.price()).contains(price);
      assertThat(listing.publishedAt()).isEqualTo(NOW);
    });
    assertThat(change.events()).extracting(ImageEvent::type)
        .containsExactly(EventType.PUBLISHED);
  }

  // MARKET_WITHDRAW

  @Test
  void seller_withdraws_its_listing() {
    assertAllowed(withdraw(owner(), paidMarketImage()));
  }

  @Test
  void image_that_is_not_listed_cannot_be_withdrawn() {
    assertDenied(withdraw(owner(), systemDiskImage()), RuleCode.MARKET_WITHDRAW);
  }

  @Test
  void tenant_that_may_use_a_market_image_cannot_withdraw_it() {
    assertDenied(withdraw(stranger(), paidMarketImage()), RuleCode.MARKET_WITHDRAW);
  }

  @Test
  void withdrawn_image_is_no_longer_used_by_other_tenants() {
    ImageRecord listed = freeMarketImage();
    assertAllowed(decide(context(stranger(),
        new Action.Use(listed.id(), serverRequest().build()), listed)));

    Change change = IMAGE.execute(context(owner(), new Action.Withdraw(listed.id()), listed)
        .build(), () -> ImageId.of("unused"));
    ImageRecord withdrawn = change.record().orElseThrow();

    assertThat(withdrawn.imageClass()).isEqualTo(ImageClass.PRIVATE);
    assertThat(withdrawn.listing()).isEmpty();
    assertThat(change.events()).extracting(ImageEvent::type)
        .containsExactly(EventType.WITHDRAWN);
    assertDenied(decide(context(stranger(),
        new Action.Use(withdrawn.id(), serverRequest().build()), withdrawn)),
        RuleCode.USE_NOT_VISIBLE);
    assertAllowed(decide(context(owner(),
        new Action.Use(withdrawn.id(), serverRequest().build()), withdrawn)));
  }
}
