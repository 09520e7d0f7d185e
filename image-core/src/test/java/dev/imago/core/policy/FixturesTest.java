package dev.imago.core.policy;

import static dev.imago.core.policy.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imago.spi.MembershipStatus;
import dev.imago.spi.TenantId;
import java.util.List;
import org.junit.jupiter.api.Test;

class FixturesTest {
  @Test
  void owner_shares_an_active_private_image_with_a_tenant_of_its_region() {
    Decision decision = decide(context(owner(),
        new Action.Share(systemDiskImage().id(), List.of(FRIEND)), systemDiskImage()));
    assertThat(decision.isAllowed()).as(decision.toString()).isTrue();
  }

  @Test
  void every_fixture_image_is_a_valid_record() {
    assertThat(List.of(systemDiskImage(), fullServerImageFromBackup(), dataDiskImage(),
        publicImage(), sharedWith(systemDiskImage(), FRIEND, MembershipStatus.ACCEPTED)))
        .hasSize(5);
  }
}
