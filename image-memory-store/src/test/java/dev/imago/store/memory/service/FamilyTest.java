package dev.imago.store.memory.service;

import static dev.imago.store.memory.service.World.ACME;
import static dev.imago.store.memory.service.World.GLOBEX;
import static dev.imago.store.memory.service.World.acme;
import static dev.imago.store.memory.service.World.globex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.imago.core.Caller;
import dev.imago.core.ImagePolicyException;
import dev.imago.core.ImageService;
import dev.imago.core.policy.ImageSpec;
import dev.imago.core.policy.SourceRef;
import dev.imago.spi.Deprecation;
import dev.imago.spi.EventType;
import dev.imago.spi.Family;
import dev.imago.spi.FileFacts;
import dev.imago.spi.FileFormat;
import dev.imago.spi.FileId;
import dev.imago.spi.ImageFilter;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.ImageType;
import dev.imago.spi.InputException;
import dev.imago.spi.RuleCode;
import dev.imago.spi.StoredEvent;
import dev.imago.spi.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** FAMILY_NAME and FAMILY_LATEST end to end on the memory store. */
class FamilyTest {
  private static final Instant START = Instant.parse("2026-11-28T08:00:00Z");

  private final World world = new World();
  private final AtomicReference<Instant> now = new AtomicReference<>(START);
  private final ImageService images = world.serviceWith(builder -> builder.clock(new Clock() {
    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }));

  // Each version a second after the one before, through this test's clock.
  private ImageRecord version(String name) {
    now.set(now.get().plusSeconds(1));
    ImageRecord image = images.createImage(acme(), ImageSpec.builder().name(name)
        .type(ImageType.SYSTEM_DISK).source(SourceRef.server(World.SERVER)).build());
    images.reportProgress(image.id(), ImageStatus.ACTIVE);
    return images.setFamily(acme(), image.id(), "web", false);
  }

  private Optional<String> latestOf(Caller caller, Family family) {
    return images.latestInFamily(caller, family).map(ImageRecord::name);
  }

  // FAMILY_NAME

  @ParameterizedTest
  @ValueSource(strings = {"", "Web", "1web", "-web", "web_server", "web.server", "веб",
      "a234567890123456789012345678901234567890123456789012345678901234"})
  void family_name_outside_its_format_is_an_input_error_and_changes_nothing(String name) {
    ImageRecord image = world.activeSystemDiskImage("web v1");
    long eventsBefore = images.events(0, 1000).size();

    InputException refused = catchThrowableOfType(InputException.class,
        () -> images.setFamily(acme(), image.id(), name, false));

    assertThat(refused.code()).isEqualTo(RuleCode.FAMILY_NAME);
    assertThat(refused.field()).isEqualTo("family");
    assertThat(images.get(acme(), image.id()).family()).isEmpty();
    assertThat(images.events(0, 1000)).hasSize((int) eventsBefore);
  }

  @ParameterizedTest
  @ValueSource(strings = {"w", "web", "ubuntu-22-04", "a23456789012345678901234567890123456789012345678901234567890123"})
  void family_name_in_its_format_is_set_with_an_event(String name) {
    ImageRecord image = world.activeSystemDiskImage("web v1");

    ImageRecord joined = images.setFamily(acme(), image.id(), name, true);
    images.setFamily(acme(), image.id(), name, true);

    assertThat(joined.family()).contains(name);
    assertThat(joined.excludedFromLatest()).isTrue();
    List<StoredEvent> events = images.events(0, 1000);
    assertThat(events).filteredOn(event -> event.event().type() == EventType.FAMILY_CHANGED)
        .singleElement().satisfies(event ->
            assertThat(event.event().details()).containsEntry("family", name));
  }

  @Test
  void an_image_joins_a_family_at_creation_and_leaves_it() {
    ImageRecord image = world.activeImage(acme(), ImageSpec.builder().name("web v1")
        .type(ImageType.SYSTEM_DISK).source(SourceRef.server(World.SERVER)).family("web")
        .build());

    assertThat(image.family()).contains("web");
    assertThat(images.leaveFamily(acme(), image.id()).family()).isEmpty();
  }

  @Test
  void a_member_cannot_put_the_owners_image_in_a_family() {
    ImageRecord image = world.activeSystemDiskImage("web v1");
    images.share(acme(), image.id(), List.of(GLOBEX));
    images.accept(globex(), image.id());

    ImagePolicyException refused = catchThrowableOfType(ImagePolicyException.class,
        () -> images.setFamily(globex(), image.id(), "web", false));

    assertThat(refused.decision().codes()).containsExactly(RuleCode.CHANGE_NOT_OWNER);
  }

  // FAMILY_LATEST

  @Test
  void a_family_resolves_to_its_newest_active_image() {
    version("web v1");
    version("web v2");
    now.set(now.get().plusSeconds(1));
    ImageRecord v3 = images.createImage(acme(), ImageSpec.builder().name("web v3")
        .type(ImageType.SYSTEM_DISK).source(SourceRef.server(World.SERVER)).family("web")
        .build());

    assertThat(latestOf(acme(), Family.of(ACME, "web"))).as("v3 is still QUEUED")
        .contains("web v2");
    images.reportProgress(v3.id(), ImageStatus.ACTIVE);
    assertThat(latestOf(acme(), Family.of(ACME, "web"))).contains("web v3");
  }

  @Test
  void an_image_excluded_from_latest_is_skipped_and_included_again() {
    version("web v1");
    ImageRecord v2 = version("web v2");

    images.setFamily(acme(), v2.id(), "web", true);
    assertThat(latestOf(acme(), Family.of(ACME, "web"))).contains("web v1");
    images.setFamily(acme(), v2.id(), "web", false);
    assertThat(latestOf(acme(), Family.of(ACME, "web"))).contains("web v2");
  }

  @Test
  void latest_moves_back_at_exactly_the_newest_images_deprecation_time() {
    ImageRecord v1 = version("web v1");
    ImageRecord v2 = version("web v2");
    Instant deprecatedAt = now.get().plus(Duration.ofHours(1));
    images.deprecate(acme(), v2.id(), Deprecation.builder().deprecatedAt(deprecatedAt)
        .replacement(v1.id()).build());

    now.set(deprecatedAt.minusNanos(1));
    assertThat(latestOf(acme(), Family.of(ACME, "web"))).contains("web v2");
    now.set(deprecatedAt);
    assertThat(latestOf(acme(), Family.of(ACME, "web"))).contains("web v1");
  }

  @Test
  void a_family_with_no_usable_image_resolves_to_nothing() {
    ImageRecord v1 = version("web v1");
    images.deactivate(acme(), v1.id());

    assertThat(images.latestInFamily(acme(), Family.of(ACME, "web"))).isEmpty();
    assertThat(images.latestInFamily(acme(), Family.of(ACME, "db"))).isEmpty();
  }

  @Test
  void another_tenants_family_resolves_only_through_accepted_shares() {
    ImageRecord v1 = version("web v1");
    ImageRecord v2 = version("web v2");
    images.share(acme(), v1.id(), List.of(GLOBEX));
    images.share(acme(), v2.id(), List.of(GLOBEX));
    images.accept(globex(), v1.id());

    assertThat(latestOf(globex(), Family.of(ACME, "web"))).as("v2 is only PENDING")
        .contains("web v1");
    images.accept(globex(), v2.id());
    Optional<ImageRecord> latest = images.latestInFamily(globex(), Family.of(ACME, "web"));
    assertThat(latest.map(ImageRecord::name)).contains("web v2");
    assertThat(latest.get().members()).as("the member reads its own membership only")
        .containsOnlyKeys(GLOBEX);
    TenantId stranger = world.addTenant("hooli-north", World.NORTH);
    assertThat(images.latestInFamily(Caller.tenant(stranger), Family.of(ACME, "web")))
        .as("a stranger learns nothing of ACME's family").isEmpty();
  }

  @Test
  void a_market_family_resolves_for_every_tenant_of_its_region() {
    ImageRecord v1 = version("web v1");
    images.publish(acme(), v1.id());

    assertThat(latestOf(globex(), Family.of(ACME, "web"))).contains("web v1");
    assertThat(latestOf(Caller.tenant(World.INITECH), Family.of(ACME, "web")))
        .as("a tenant of another region").isEmpty();
  }

  @Test
  void the_platforms_family_resolves_to_its_newest_public_image() {
    world.sources.putFile(FileFacts.builder().id(FileId.of("ubuntu-qcow2")).owner(ACME)
        .region(World.NORTH).format(FileFormat.QCOW2).sizeBytes(2L << 30).build());
    for (String name : List.of("ubuntu 22.04.1", "ubuntu 22.04.2")) {
      now.set(now.get().plusSeconds(1));
      ImageRecord image = images.registerPublicImage(Caller.operator(), ImageSpec.builder()
          .name(name).type(ImageType.SYSTEM_DISK).source(SourceRef.file(FileId.of("ubuntu-qcow2")))
          .os(World.UBUNTU).family("ubuntu-22-04").build(), World.NORTH);
      images.reportProgress(image.id(), ImageStatus.ACTIVE);
    }

    assertThat(latestOf(globex(), Family.platform("ubuntu-22-04"))).contains("ubuntu 22.04.2");
    assertThat(latestOf(globex(), Family.of(ACME, "ubuntu-22-04")))
        .as("a tenant's family of the same name is another family").isEmpty();
  }

  @Test
  void resolving_and_listing_by_family_agree() {
    version("web v1");
    version("web v2");

    List<String> listed = images.listVisible(acme(), ImageFilter.builder()
        .family(Family.of(ACME, "web")).build()).items().stream().map(ImageRecord::name).toList();

    assertThat(listed).containsExactly("web v2", "web v1");
  }
}
