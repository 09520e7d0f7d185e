package dev.imago.core.policy;

import static dev.imago.core.policy.DecisionAssertions.assertAllowed;
import static dev.imago.core.policy.DecisionAssertions.assertDenied;
import static dev.imago.core.policy.DecisionAssertions.assertInputError;
import static dev.imago.core.policy.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imago.spi.DiskRole;
import dev.imago.spi.DiskSpec;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageQuery;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageType;
import dev.imago.spi.InputException;
import dev.imago.spi.Inputs;
import dev.imago.spi.OsFacts;
import dev.imago.spi.Price;
import dev.imago.spi.PriceUnit;
import dev.imago.spi.RegionId;
import dev.imago.spi.RuleCode;
import dev.imago.spi.TenantId;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * INPUT_* rules checked on values at the door (and the tag count, a policy setting), INPUT_VALUE
 * and MARKET_PRICE.
 */
class InputRulesTest {

  private static ImageSpec.Builder serverSpec() {
    return spec(ImageType.SYSTEM_DISK, SourceRef.server(SERVER.id()));
  }

  private static Map<String, String> tags(int count) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (int n = 1; n <= count; n++) {
      tags.put("key-" + n, "value-" + n);
    }
    return tags;
  }

  // INPUT_NAME

  @ParameterizedTest
  @ValueSource(strings = {"", " web", "web ", "web/server", "web\tserver", "web@server", "<b>"})
  void malformed_name_is_rejected(String name) {
    InputException error = assertInputError(RuleCode.INPUT_NAME,
        () -> serverSpec().name(name).build());
    assertThat(error.field()).isEqualTo("name");
  }

  @ParameterizedTest
  @ValueSource(strings = {"web server", "网站服务器 v1.0", "Ubuntu_22.04-LTS", "a", "Überserver 2"})
  void well_formed_name_is_accepted(String name) {
    assertThat(serverSpec().name(name).build().name()).isEqualTo(name);
  }

  @Test
  void name_of_129_characters_is_rejected_and_shown_cut() {
    String name = "a".repeat(129);

    InputException error = assertInputError(RuleCode.INPUT_NAME,
        () -> serverSpec().name(name).build());

    assertThat(error.value()).hasSizeLessThan(100).contains("(129 characters)");
  }

  @Test
  void name_of_128_characters_is_accepted() {
    assertThat(serverSpec().name("字".repeat(128)).build().name()).hasSize(128);
  }

  @Test
  void record_with_a_malformed_name_cannot_exist() {
    assertInputError(RuleCode.INPUT_NAME, () -> systemDiskImage().withName(" padded"));
  }

  @Test
  void listing_name_prefix_is_at_most_a_name_long() {
    assertInputError(RuleCode.INPUT_NAME, () -> ImageQuery.builder().viewer(OWNER).region(REGION)
        .namePrefix("a".repeat(129)).build());
    assertThat(ImageQuery.builder().viewer(OWNER).region(REGION).namePrefix("a".repeat(128))
        .build().namePrefix()).isPresent();
  }

  @Test
  void listing_name_prefix_may_be_as_long_as_any_name() {
    String name = "\uD840\uDC00".repeat(128); // 128 CJK letters outside the BMP
    assertThat(serverSpec().name(name).build().name()).isEqualTo(name);

    assertThat(ImageQuery.builder().viewer(OWNER).region(REGION).namePrefix(name).build()
        .namePrefix()).contains(name);
  }

  @Test
  void input_error_shows_a_long_value_cut_without_splitting_a_character() {
    String name = "a" + "\uD840\uDC00".repeat(128); // 129 characters

    InputException error = assertInputError(RuleCode.INPUT_NAME,
        () -> serverSpec().name(name).build());

    String shown = error.value();
    assertThat(new String(shown.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
        .as("no lone surrogate").isEqualTo(shown);
    assertThat(shown).startsWith("\"a\uD840\uDC00").contains("(129 characters)");
  }

  // INPUT_DESCRIPTION

  @Test
  void description_of_1025_characters_is_rejected() {
    assertInputError(RuleCode.INPUT_DESCRIPTION,
        () -> serverSpec().description("d".repeat(1025)).build());
  }

  @Test
  void description_of_1024_characters_is_accepted() {
    assertThat(serverSpec().description("d".repeat(1024)).build().description()).hasSize(1024);
  }

  @Test
  void description_with_a_control_character_is_rejected() {
    assertInputError(RuleCode.INPUT_DESCRIPTION,
        () -> serverSpec().description("first line\nsecond line").build());
  }

  @Test
  void empty_description_is_accepted() {
    assertThat(serverSpec().description("").build().description()).isEmpty();
  }

  @Test
  void record_with_a_malformed_description_cannot_exist() {
    assertInputError(RuleCode.INPUT_DESCRIPTION,
        () -> systemDiskImage().withDescription("bell\u0007"));
  }

  // INPUT_TAGS

  @Test
  void tag_key_of_37_characters_is_rejected() {
    assertInputError(RuleCode.INPUT_TAGS,
        () -> serverSpec().putTags("k".repeat(37), "v").build());
  }

  @Test
  void tag_key_of_36_characters_is_accepted() {
    assertThat(serverSpec().putTags("k".repeat(36), "v").build().tags()).hasSize(1);
  }

  @Test
  void empty_tag_key_is_rejected() {
    assertInputError(RuleCode.INPUT_TAGS, () -> serverSpec().putTags("", "v").build());
  }

  @Test
  void tag_value_of_44_characters_is_rejected() {
    assertInputError(RuleCode.INPUT_TAGS,
        () -> new Action.UpdateTags(systemDiskImage().id(), Map.of("team", "v".repeat(44))));
  }

  @Test
  void tag_value_of_0_to_43_characters_is_accepted() {
    Action.UpdateTags update = new Action.UpdateTags(systemDiskImage().id(),
        Map.of("empty", "", "long", "v".repeat(43)));
    assertThat(update.tags()).hasSize(2);
  }

  @Test
  void record_with_a_malformed_tag_cannot_exist() {
    assertInputError(RuleCode.INPUT_TAGS,
        () -> systemDiskImage().withTags(Map.of("team\n", "web")));
  }

  @Test
  void image_is_not_created_with_11_tags() {
    ImageSpec spec = serverSpec().tags(tags(11)).build();
    assertDenied(decide(context(owner(), new Action.Create(spec)).server(SERVER)),
        RuleCode.INPUT_TAGS);
  }

  @Test
  void image_is_created_with_10_tags() {
    ImageSpec spec = serverSpec().tags(tags(10)).build();
    assertAllowed(decide(context(owner(), new Action.Create(spec)).server(SERVER)));
  }

  @Test
  void image_does_not_take_11_tags() {
    ImageRecord image = systemDiskImage();
    assertDenied(decide(context(owner(), new Action.UpdateTags(image.id(), tags(11)), image)),
        RuleCode.INPUT_TAGS);
  }

  @Test
  void image_takes_10_tags() {
    ImageRecord image = systemDiskImage();
    assertAllowed(decide(context(owner(), new Action.UpdateTags(image.id(), tags(10)), image)));
  }

  @Test
  void host_raises_the_tag_limit_through_settings() {
    ImageRecord image = systemDiskImage();
    PolicySettings settings = PolicySettings.builder().maxTags(20).build();
    assertAllowed(decide(context(owner(), new Action.UpdateTags(image.id(), tags(11)), image)
        .settings(settings)));
  }

  @Test
  void public_image_is_not_registered_with_11_tags() {
    ImageSpec spec = spec(ImageType.SYSTEM_DISK, SourceRef.file(QCOW2_FILE.id())).os(UBUNTU)
        .tags(tags(11)).build();
    assertDenied(decide(context(dev.imago.core.Caller.operator(),
        new Action.RegisterPublic(spec, REGION)).file(QCOW2_FILE)), RuleCode.INPUT_TAGS);
  }

  @Test
  void listing_by_tag_value_needs_a_tag_key() {
    assertInputError(RuleCode.INPUT_TAGS, () -> ImageQuery.builder().viewer(OWNER).region(REGION)
        .tagValue("web").build());
    assertThat(ImageQuery.builder().viewer(OWNER).region(REGION).tagKey("team").tagValue("web")
        .build().tagValue()).contains("web");
  }

  // INPUT_ID

  @ParameterizedTest
  @ValueSource(strings = {"", "-image", ".image", "image 1", "image/1", "../etc", "镜像", "image\n"})
  void malformed_image_id_is_rejected(String id) {
    assertThat(assertInputError(RuleCode.INPUT_ID, () -> ImageId.of(id)).field())
        .isEqualTo("imageId");
  }

  @Test
  void image_id_of_65_characters_is_rejected() {
    assertInputError(RuleCode.INPUT_ID, () -> ImageId.of("i".repeat(65)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"image-1", "a", "IMG_1.2-3", "0f8fad5b-d9cb-469f-a165-70867728950e"})
  void well_formed_image_id_is_accepted(String id) {
    assertThat(ImageId.of(id).value()).isEqualTo(id);
  }

  @Test
  void image_id_of_64_characters_is_accepted() {
    assertThat(ImageId.of("i".repeat(64)).value()).hasSize(64);
  }

  @Test
  void absent_id_is_an_input_error() {
    assertInputError(RuleCode.INPUT_ID, () -> TenantId.of(null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"CN-North-4", "cn_north_4", "c", "cn--north", "-cn", "cn-"})
  void malformed_region_id_is_rejected(String region) {
    assertInputError(RuleCode.INPUT_ID, () -> RegionId.of(region));
  }

  @Test
  void well_formed_region_id_is_accepted() {
    assertThat(RegionId.of("cn-north-4").value()).isEqualTo("cn-north-4");
  }

  @Test
  void malformed_id_fails_before_any_lookup_instead_of_answering_not_found() {
    assertInputError(RuleCode.INPUT_ID, () -> new Action.Read(ImageId.of("image 1")));
  }

  // INPUT_PAGE

  @ParameterizedTest
  @ValueSource(ints = {-1, 0, 1001})
  void page_size_outside_1_to_1000_is_rejected(int pageSize) {
    assertInputError(RuleCode.INPUT_PAGE,
        () -> ImageQuery.builder().viewer(OWNER).region(REGION).pageSize(pageSize).build());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 100, 1000})
  void page_size_of_1_to_1000_is_accepted(int pageSize) {
    assertThat(ImageQuery.builder().viewer(OWNER).region(REGION).pageSize(pageSize).build()
        .pageSize()).isEqualTo(pageSize);
  }

  @Test
  void empty_cursor_is_rejected() {
    assertInputError(RuleCode.INPUT_PAGE,
        () -> ImageQuery.builder().viewer(OWNER).region(REGION).cursor("").build());
  }

  @Test
  void cursor_longer_than_any_query_returns_is_rejected() {
    assertInputError(RuleCode.INPUT_PAGE,
        () -> ImageQuery.builder().viewer(OWNER).region(REGION).cursor("c".repeat(1025)).build());
  }

  @Test
  void cursor_of_a_plausible_length_is_accepted() {
    assertThat(ImageQuery.builder().viewer(OWNER).region(REGION).cursor("c".repeat(1024)).build()
        .cursor()).isPresent();
  }

  // INPUT_VALUE

  @Test
  void unknown_constant_is_rejected_naming_the_allowed_ones() {
    InputException error = assertInputError(RuleCode.INPUT_VALUE,
        () -> Inputs.constant(ImageType.class, "WHOLE_IMAGE", "type"));
    assertThat(error.getMessage()).contains("SYSTEM_DISK", "DATA_DISK", "FULL_SERVER", "ISO");
  }

  @Test
  void known_constant_is_read_whatever_its_case() {
    assertThat(Inputs.constant(ImageType.class, " full_server ", "type"))
        .isEqualTo(ImageType.FULL_SERVER);
  }

  @Test
  void absent_value_is_rejected() {
    assertThat(assertInputError(RuleCode.INPUT_VALUE, () -> Inputs.present(null, "region"))
        .field()).isEqualTo("region");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, DiskSpec.MAX_SIZE_GIB + 1})
  void disk_size_outside_its_range_is_rejected(int sizeGib) {
    assertInputError(RuleCode.INPUT_VALUE, () -> DiskSpec.of(DiskRole.DATA, sizeGib));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, DiskSpec.MAX_SIZE_GIB})
  void disk_size_inside_its_range_is_accepted(int sizeGib) {
    assertThat(DiskSpec.of(DiskRole.DATA, sizeGib).sizeGib()).isEqualTo(sizeGib);
  }

  @Test
  void record_version_starts_at_1() {
    assertInputError(RuleCode.INPUT_VALUE, () -> systemDiskImage().withVersion(0));
    assertThat(systemDiskImage().withVersion(1).version()).isEqualTo(1);
  }

  @Test
  void record_is_not_updated_before_it_is_created() {
    assertInputError(RuleCode.INPUT_VALUE,
        () -> systemDiskImage().withUpdatedAt(CREATED.minusSeconds(1)));
  }

  @Test
  void negative_setting_is_rejected() {
    assertInputError(RuleCode.INPUT_VALUE, () -> PolicySettings.builder().maxTags(-1).build());
    assertThat(PolicySettings.builder().maxTags(0).build().maxTags()).isZero();
  }

  @Test
  void server_request_names_its_server_kind() {
    assertInputError(RuleCode.INPUT_VALUE,
        () -> serverRequest().serverKind(java.util.Optional.empty()).build());
  }

  @Test
  void os_version_of_33_characters_is_rejected() {
    assertInputError(RuleCode.INPUT_VALUE,
        () -> OsFacts.builder().from(UBUNTU).osVersion("9".repeat(33)).build());
    assertThat(OsFacts.builder().from(UBUNTU).osVersion("9".repeat(32)).build().osVersion())
        .hasSize(32);
  }

  @Test
  void malformed_host_rule_code_is_rejected() {
    assertInputError(RuleCode.INPUT_VALUE, () -> RuleCode.of("org share only"));
    assertThat(RuleCode.of("ORG_SHARE_ONLY").value()).isEqualTo("ORG_SHARE_ONLY");
  }

  // MARKET_PRICE

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "0.00", "-0.01", "abc", "1,50", ""})
  void price_that_is_not_a_positive_number_is_rejected(String amount) {
    assertInputError(RuleCode.MARKET_PRICE, () -> Price.of(amount, "USD", PriceUnit.PER_HOUR));
  }

  @ParameterizedTest
  @ValueSource(strings = {"XYZ", "usd", "DOLLAR", ""})
  void price_without_an_iso_4217_currency_is_rejected(String currency) {
    assertInputError(RuleCode.MARKET_PRICE, () -> Price.of("1.00", currency, PriceUnit.PER_HOUR));
  }

  @Test
  void price_without_a_unit_is_rejected() {
    assertInputError(RuleCode.MARKET_PRICE, () -> Price.of("1.00", "USD", null));
  }

  @Test
  void positive_price_with_a_currency_and_a_unit_is_accepted() {
    Price hourly = Price.of("0.01", "USD", PriceUnit.PER_HOUR);
    Price oneOff = Price.of("100", "CNY", PriceUnit.ONE_OFF);

    assertThat(hourly.amount()).isEqualByComparingTo(new BigDecimal("0.01"));
    assertThat(hourly.currency().getCurrencyCode()).isEqualTo("USD");
    assertThat(oneOff.unit()).isEqualTo(PriceUnit.ONE_OFF);
  }
}
