package dev.imago.store.memory.service;

import static dev.imago.store.memory.service.World.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imago.core.Caller;
import dev.imago.core.ImageNotFoundException;
import dev.imago.core.ImagePolicyException;
import dev.imago.spi.ImageFilter;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.InputException;
import dev.imago.spi.MembershipStatus;
import dev.imago.spi.Page;
import dev.imago.spi.RuleCode;
import dev.imago.spi.TenantId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The calls a host writes against: listings filled from the caller, one membership, pages. */
class HostApiTest {
  private final World world = new World();

  @Test
  void owner_reads_any_one_membership_and_a_member_its_own_whatever_its_answer() {
    ImageRecord image = world.activeSystemDiskImage("shared");
    TenantId hooli = world.addTenant("hooli-north", NORTH);
    world.images.share(acme(), image.id(), List.of(GLOBEX, hooli));
    world.images.reject(Caller.tenant(hooli), image.id());

    assertThat(world.images.membership(acme(), image.id(), GLOBEX)).get()
        .extracting(member -> member.status()).isEqualTo(MembershipStatus.PENDING);
    assertThat(world.images.membership(Caller.tenant(hooli), image.id(), hooli)).get()
        .extracting(member -> member.status()).isEqualTo(MembershipStatus.REJECTED);
    assertThat(world.images.membership(acme(), image.id(), TenantId.of("nobody"))).isEmpty();
  }

  @Test
  void member_cannot_read_another_members_membership() {
    ImageRecord image = world.activeSystemDiskImage("shared");
    TenantId hooli = world.addTenant("hooli-north", NORTH);
    world.images.share(acme(), image.id(), List.of(GLOBEX, hooli));
    world.images.accept(globex(), image.id());

    assertThatThrownBy(() -> world.images.membership(globex(), image.id(), hooli))
        .isInstanceOfSatisfying(ImagePolicyException.class, denied ->
            assertThat(denied.decision().codes()).containsExactly(RuleCode.SHARE_NOT_OWNER));
  }

  @Test
  void stranger_reading_a_membership_is_told_the_image_does_not_exist() {
    ImageRecord image = world.activeSystemDiskImage("private");
    TenantId hooli = world.addTenant("hooli-north", NORTH);

    assertThatThrownBy(() -> world.images.membership(Caller.tenant(hooli), image.id(), hooli))
        .isInstanceOf(ImageNotFoundException.class);
  }

  @Test
  void shared_with_me_pages_at_the_size_asked_and_continues_from_its_cursor() {
    List<ImageRecord> shared = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ImageRecord image = world.activeSystemDiskImage("shared " + i);
      world.images.share(acme(), image.id(), List.of(GLOBEX));
      shared.add(image);
    }
    EnumSet<MembershipStatus> pending = EnumSet.of(MembershipStatus.PENDING);

    Page<ImageRecord> first = world.images.listSharedWithMe(globex(), pending, 2);
    Page<ImageRecord> second =
        world.images.listSharedWithMe(globex(), pending, 2, first.nextCursor().orElseThrow());
    Page<ImageRecord> third =
        world.images.listSharedWithMe(globex(), pending, 2, second.nextCursor().orElseThrow());

    assertThat(first.items()).hasSize(2);
    assertThat(second.items()).hasSize(2);
    assertThat(third.items()).hasSize(1);
    List<ImageRecord> walked = new ArrayList<>(first.items());
    walked.addAll(second.items());
    walked.addAll(third.items());
    assertThat(walked).extracting(ImageRecord::id)
        .containsExactlyInAnyOrderElementsOf(shared.stream().map(ImageRecord::id).toList());
  }

  @Test
  void shared_with_me_refuses_a_page_size_outside_1_to_1000() {
    for (int size : new int[] {0, 1001}) {
      assertThatThrownBy(() -> world.images.listSharedWithMe(globex(),
          EnumSet.of(MembershipStatus.PENDING), size))
          .isInstanceOfSatisfying(InputException.class, problem -> {
            assertThat(problem.field()).isEqualTo("pageSize");
            assertThat(problem.code()).isEqualTo(RuleCode.INPUT_PAGE);
          });
    }
  }

  @Test
  void a_cursor_of_one_caller_does_not_continue_another_callers_listing() {
    for (int i = 0; i < 3; i++) {
      world.activeSystemDiskImage("own " + i);
    }
    ImageFilter twoAPage = ImageFilter.builder().pageSize(2).build();
    String cursor = world.images.listVisible(acme(), twoAPage).nextCursor().orElseThrow();

    assertThat(world.images.listVisible(acme(), twoAPage.withCursor(cursor)).items()).hasSize(1);
    assertThatThrownBy(() -> world.images.listVisible(globex(), twoAPage.withCursor(cursor)))
        .isInstanceOfSatisfying(InputException.class, problem ->
            assertThat(problem.code()).isEqualTo(RuleCode.INPUT_PAGE));
  }
}
