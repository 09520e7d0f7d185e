package dev.imago.core.policy;

import static dev.imago.core.policy.Fixtures.REGION;
import static dev.imago.core.policy.Fixtures.context;
import static dev.imago.core.policy.Fixtures.owner;
import static dev.imago.core.policy.Fixtures.systemDiskImage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.Generate.constant;
import static org.quicktheories.generators.Generate.enumValues;
import static org.quicktheories.generators.Generate.pick;
import static org.quicktheories.generators.Generate.range;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.imago.core.ImagePolicyException;
import dev.imago.core.internal.Image;
import dev.imago.spi.FileId;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageType;
import dev.imago.spi.InputException;
import dev.imago.spi.RuleCode;
import dev.imago.spi.ServerKind;
import dev.imago.spi.TenantId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;

/**
 * Bad input to the policy's own values, generated: use requests, specs, shares and tags are
 * rejected at the door naming the field and the rule, and limits that only a decision knows
 * (the number of tags, the number of members) deny the whole request.
 */
class BadRequestInputTest {
  private static final int EXAMPLES = 200;

  @Test
  void use_requests_with_sizes_outside_their_ranges_are_rejected_as_INPUT_VALUE() {
    Gen<Integer> badDisks = frequency(integers().between(Integer.MIN_VALUE, 0),
        integers().between(65_537, Integer.MAX_VALUE));
    Gen<Integer> badRam = integers().between(Integer.MIN_VALUE, -1);
    qt().withExamples(EXAMPLES).forAll(enumValues(UseTarget.class), badDisks, badRam)
        .checkAssert((target, disk, ram) -> {
          assertRejected(() -> request(target).diskGib(disk).build(), "diskGib",
              RuleCode.INPUT_VALUE);
          assertRejected(() -> request(target).ramMib(ram).build(), "ramMib",
              RuleCode.INPUT_VALUE);
        });
  }

  @Test
  void a_request_for_a_server_without_a_server_kind_is_rejected_as_INPUT_VALUE() {
    qt().withExamples(50).forAll(enumValues(UseTarget.class).assuming(UseTarget::isServer))
        .checkAssert(target -> assertRejected(() -> UseRequest.builder().target(target)
            .region(REGION).diskGib(40).build(), "serverKind", RuleCode.INPUT_VALUE));
  }

  @Test
  void specs_with_malformed_names_descriptions_or_sizes_are_rejected_naming_the_field() {
    Gen<String> badNames = frequency(constant(""), range(1, 5).map(" "::repeat),
        names().map(name -> " " + name), names().map(name -> name + " "),
        names().map(name -> name.repeat(129)),
        names().zip(pick(List.of("/", "@", "\n", "\u0000", "\uD83D\uDE00", "\u200B")),
            (name, bad) -> name + bad + name));
    Gen<String> badDescriptions = frequency(constant("x".repeat(1025)),
        names().map(text -> text.repeat(1025)),
        names().zip(range(0, 0x1F), (text, control) -> text + (char) control.intValue()));
    Gen<Integer> badMinDisk = frequency(integers().between(Integer.MIN_VALUE, 0),
        integers().between(65_537, Integer.MAX_VALUE));
    qt().withExamples(EXAMPLES).forAll(badNames, badDescriptions, badMinDisk)
        .checkAssert((name, description, minDisk) -> {
          assertRejected(() -> spec().name(name).build(), "name", RuleCode.INPUT_NAME);
          assertRejected(() -> spec().description(description).build(), "description",
              RuleCode.INPUT_DESCRIPTION);
          assertRejected(() -> spec().minDiskGib(minDisk).build(), "minDiskGib",
              RuleCode.INPUT_VALUE);
          assertRejected(() -> spec().minRamMib(-1 - Math.abs(minDisk % 1000)).build(),
              "minRamMib", RuleCode.INPUT_VALUE);
        });
  }

  @Test
  void shares_naming_a_tenant_twice_none_or_an_absent_one_are_rejected() {
    qt().withExamples(EXAMPLES).forAll(tenantLists(), range(0, 5)).checkAssert((tenants, at) -> {
      List<TenantId> twice = new ArrayList<>(tenants);
      twice.add(at % twice.size(), tenants.get(at % tenants.size()));
      assertRejected(() -> new Action.Share(ImageId.of("image-1"), twice), "recipients",
          RuleCode.SHARE_RECIPIENT);
      List<TenantId> withNull = new ArrayList<>(tenants);
      int hole = at % (withNull.size() + 1);
      withNull.add(hole, null);
      assertRejected(() -> new Action.Share(ImageId.of("image-1"), withNull),
          "recipients[" + hole + "]", RuleCode.INPUT_VALUE);
    });
    assertRejected(() -> new Action.Share(ImageId.of("image-1"), List.of()), "recipients",
        RuleCode.SHARE_RECIPIENT);
  }

  @Test
  void a_share_batch_that_passes_the_member_limit_is_denied_whole() {
    Image aggregate = new Image(PolicyEngine.standard());
    qt().withExamples(EXAMPLES).forAll(range(0, 6), tenantLists()).checkAssert((limit, batch) -> {
      Context context = knowing(context(owner(), new Action.Share(systemDiskImage().id(), batch),
          systemDiskImage()), batch)
          .settings(PolicySettings.builder().defaultMaxMembers(limit).build())
          .build();
      Decision decision = PolicyEngine.standard().evaluate(context);
      if (batch.size() > limit) {
        assertThat(decision.codes()).containsExactly(RuleCode.SHARE_MEMBER_LIMIT);
        assertThatThrownBy(() -> aggregate.execute(context, () -> ImageId.of("x")))
            .isInstanceOf(ImagePolicyException.class);
      } else {
        assertThat(decision.isAllowed()).as("%s", decision).isTrue();
        assertThat(aggregate.execute(context, () -> ImageId.of("x")).added())
            .containsExactlyElementsOf(batch);
      }
    });
  }

  @Test
  void malformed_tags_are_rejected_at_the_door_and_too_many_tags_by_the_policy() {
    Gen<String> badKeys = frequency(constant(""), names().map(key -> key.repeat(37)),
        names().map(key -> key + "\t"));
    qt().withExamples(EXAMPLES).forAll(badKeys, range(0, 25), range(0, 12))
        .checkAssert((key, count, limit) -> {
          assertRejected(() -> new Action.UpdateTags(ImageId.of("image-1"), Map.of(key, "v")),
              "tags.key", RuleCode.INPUT_TAGS);
          assertRejected(() -> spec().putTags(key, "v").build(), "tags.key",
              RuleCode.INPUT_TAGS);
          Map<String, String> tags = new LinkedHashMap<>();
          for (int i = 0; i < count; i++) {
            tags.put("key-" + i, "value");
          }
          PolicySettings settings = PolicySettings.builder().maxTags(limit).build();
          Decision update = PolicyEngine.standard().evaluate(context(owner(),
              new Action.UpdateTags(systemDiskImage().id(), tags), systemDiskImage())
              .settings(settings).build());
          assertThat(update.codes().contains(RuleCode.INPUT_TAGS)).isEqualTo(count > limit);
          assertThat(update.isAllowed()).isEqualTo(count <= limit);
        });
  }

  // -------------------------------------------------------------------------------- helpers

  private static Gen<String> names() {
    return pick(List.of("a", "web", "镜像", "db_1", "x.y-z", "Ωmega"));
  }

  /** One to five distinct active tenants of the image's region. */
  private static Gen<List<TenantId>> tenantLists() {
    return range(1, 5).map(count -> {
      List<TenantId> tenants = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        tenants.add(TenantId.of("tenant-" + i));
      }
      return tenants;
    });
  }

  private static Context.Builder knowing(
      Context.Builder context, List<TenantId> tenants) {
    tenants.forEach(id -> context.putTenants(id, Fixtures.tenant(id, REGION)));
    return context;
  }

  private static UseRequest.Builder request(UseTarget target) {
    return UseRequest.builder().target(target).region(REGION).serverKind(ServerKind.ECS)
        .diskGib(40);
  }

  private static ImageSpec.Builder spec() {
    return ImageSpec.builder().name("web server").type(ImageType.SYSTEM_DISK)
        .source(SourceRef.file(FileId.of("file-1")));
  }

  @SafeVarargs
  private static <T> Gen<T> frequency(Gen<T>... gens) {
    return org.quicktheories.generators.Generate.frequency(
        Arrays.stream(gens).map(gen -> Pair.of(1, gen)).toList());
  }

  /** Asserts an {@link InputException} naming the field and the rule, in its message too. */
  private static void assertRejected(Call call, String field, RuleCode code) {
    try {
      call.run();
    } catch (InputException e) {
      assertThat(e.field()).as("field of %s", e.getMessage()).isEqualTo(field);
      assertThat(e.code()).as("code of %s", e.getMessage()).isEqualTo(code);
      assertThat(e.getMessage()).contains(field).contains("[" + code.value() + "]");
      return;
    }
    fail("expected an InputException on %s [%s]", field, code);
  }

  @FunctionalInterface
  private interface Call {
    Object run();
  }
}
