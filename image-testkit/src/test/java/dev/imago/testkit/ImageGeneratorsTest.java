package dev.imago.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.quicktheories.QuickTheory.qt;

import dev.imago.spi.ImageClass;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageSource;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.ImageType;
import dev.imago.spi.InputException;
import dev.imago.spi.Inputs;
import dev.imago.spi.RegionId;
import dev.imago.spi.RuleCode;
import dev.imago.spi.TenantId;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class ImageGeneratorsTest {
  @Test
  void generated_images_cover_every_class_type_source_and_status() {
    Set<String> classesAndTypes = new HashSet<>();
    Set<ImageSource> sources = EnumSet.noneOf(ImageSource.class);
    Set<ImageStatus> statuses = EnumSet.noneOf(ImageStatus.class);
    Set<String> traits = new HashSet<>();

    qt().withExamples(3_000).forAll(ImageGenerators.images()).checkAssert(image -> {
      classesAndTypes.add(image.imageClass() + " " + image.type());
      sources.add(image.source());
      statuses.add(image.status());
      if (!image.members().isEmpty()) {
        traits.add("shared");
      }
      if (image.isEncrypted()) {
        traits.add("encrypted");
      }
      image.listing().ifPresent(listing -> traits.add(listing.isPaid() ? "paid" : "free"));
    });

    assertThat(classesAndTypes).containsExactlyInAnyOrder(
        "PUBLIC SYSTEM_DISK",
        "PRIVATE SYSTEM_DISK", "PRIVATE DATA_DISK", "PRIVATE FULL_SERVER", "PRIVATE ISO",
        "MARKET SYSTEM_DISK", "MARKET FULL_SERVER");
    assertThat(sources).containsExactlyInAnyOrder(ImageSource.values());
    assertThat(statuses).containsExactlyInAnyOrder(ImageStatus.values());
    assertThat(traits).containsExactlyInAnyOrder("shared", "encrypted", "paid", "free");
  }

  @Test
  void image_generator_keeps_to_the_pools_it_is_given() {
    TenantId alice = TenantId.of("alice");
    RegionId region = RegionId.of("cn-north-4");
    Gen<ImageRecord> images = ImageGenerators.images()
        .withClasses(ImageClass.PRIVATE)
        .withStatuses(ImageStatus.ACTIVE, ImageStatus.QUEUED)
        .withTenants(Generate.pick(List.of(alice, TenantId.of("bob"))))
        .withRegions(Generate.constant(region))
        .withIds(Generate.constant(ImageId.of("fixed")))
        .withNames(Generate.constant("fixed name"));

    qt().forAll(images).checkAssert(image -> {
      assertThat(image.imageClass()).isEqualTo(ImageClass.PRIVATE);
      assertThat(image.status()).isIn(ImageStatus.ACTIVE, ImageStatus.QUEUED);
      assertThat(image.region()).isEqualTo(region);
      assertThat(image.id()).isEqualTo(ImageId.of("fixed"));
      assertThat(image.name()).isEqualTo("fixed name");
      assertThat(image.members().keySet()).doesNotContain(image.owner().orElseThrow());
      image.origin().ifPresent(origin -> assertThat(origin.region()).isNotEqualTo(region));
    });
  }

  @Test
  void generated_names_follow_the_name_rule() {
    qt().forAll(ImageGenerators.names()).checkAssert(name ->
        assertThat(Inputs.name(name, "name")).isEqualTo(name));
  }

  @Test
  void generated_names_include_cjk_and_characters_outside_the_bmp() {
    Set<String> kinds = new HashSet<>();
    qt().withExamples(2_000).forAll(ImageGenerators.names()).checkAssert(name -> {
      name.codePoints().forEach(codePoint -> {
        if (Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN) {
          kinds.add("han");
        }
        if (Character.isSupplementaryCodePoint(codePoint)) {
          kinds.add("supplementary");
        }
      });
      if (name.contains(" ")) {
        kinds.add("space");
      }
    });

    assertThat(kinds).containsExactlyInAnyOrder("han", "supplementary", "space");
  }

  @Test
  void every_kind_of_invalid_name_breaks_the_name_rule() {
    for (Gen<String> invalid : List.of(ImageGenerators.blankNames(),
        ImageGenerators.tooLongNames(), ImageGenerators.namesWithControlCharacters(),
        ImageGenerators.namesWithLeadingOrTrailingSpace(),
        ImageGenerators.namesWithForbiddenSymbols(), ImageGenerators.invalidNames())) {
      qt().forAll(invalid).checkAssert(name -> assertThatExceptionOfType(InputException.class)
          .isThrownBy(() -> Inputs.name(name, "name"))
          .satisfies(problem -> assertThat(problem.code()).isEqualTo(RuleCode.INPUT_NAME)));
    }
  }

  @Test
  void malformed_ids_break_the_id_rule() {
    qt().forAll(ImageGenerators.malformedIds()).checkAssert(id ->
        assertThatExceptionOfType(InputException.class)
            .isThrownBy(() -> ImageId.of(id))
            .satisfies(problem -> assertThat(problem.code()).isEqualTo(RuleCode.INPUT_ID)));
  }

  @Test
  void malformed_region_ids_break_the_id_rule() {
    qt().forAll(ImageGenerators.malformedRegionIds()).checkAssert(region ->
        assertThatExceptionOfType(InputException.class)
            .isThrownBy(() -> RegionId.of(region))
            .satisfies(problem -> assertThat(problem.code()).isEqualTo(RuleCode.INPUT_ID)));
  }

  @Test
  void generated_tags_follow_the_tag_rule() {
    qt().forAll(ImageGenerators.tags()).checkAssert(tags -> {
      assertThat(Inputs.tags(tags, "tags")).isEqualTo(tags);
      assertThat(tags).hasSizeLessThanOrEqualTo(10);
    });
  }

  @Test
  void generated_memberships_tenants_and_listings_are_well_formed() {
    Gen<TenantId> tenants = ImageGenerators.tenantIds();
    qt().forAll(ImageGenerators.memberships(tenants)).checkAssert(membership ->
        assertThat(membership.updatedAt()).isAfterOrEqualTo(membership.createdAt()));
    qt().forAll(ImageGenerators.tenants(tenants, ImageGenerators.regionIds())).checkAssert(tenant ->
        assertThat(tenant.attributes()).containsKey("org"));
    qt().forAll(ImageGenerators.marketListings()).checkAssert(listing ->
        listing.price().ifPresent(price -> assertThat(price.amount()).isPositive()));
  }
}
