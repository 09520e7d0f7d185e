package dev.imago.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.imago.spi.InputException;
import dev.imago.spi.RegionId;
import dev.imago.spi.TenantDirectory;
import dev.imago.spi.TenantId;
import dev.imago.spi.TenantInfo;
import dev.imago.spi.TenantStatus;
import dev.imago.testkit.TenantDirectoryContract;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InMemoryTenantDirectoryTest extends TenantDirectoryContract {
  private static final RegionId BEIJING = RegionId.of("cn-north-4");
  private static final RegionId SHANGHAI = RegionId.of("cn-east-3");
  private static final TenantInfo SHOP_BEIJING = tenant("shop-bj", BEIJING);
  private static final TenantInfo SHOP_SHANGHAI = tenant("shop-sh", SHANGHAI);

  @Override
  protected TenantDirectory newDirectory(List<TenantInfo> tenants,
      List<Set<TenantId>> accounts) {
    Map<TenantId, String> accountOf = new HashMap<>();
    for (int i = 0; i < accounts.size(); i++) {
      for (TenantId tenant : accounts.get(i)) {
        accountOf.put(tenant, "account-" + i);
      }
    }
    InMemoryTenantDirectory directory = new InMemoryTenantDirectory();
    for (TenantInfo tenant : tenants) {
      if (accountOf.containsKey(tenant.id())) {
        directory.put(tenant, accountOf.get(tenant.id()));
      } else {
        directory.put(tenant);
      }
    }
    return directory;
  }

  @Test
  void put_replaces_a_known_tenant_and_keeps_its_account() {
    InMemoryTenantDirectory directory = shop();
    TenantInfo suspended = TenantInfo.builder().from(SHOP_SHANGHAI)
        .status(TenantStatus.SUSPENDED).build();

    directory.put(suspended);

    assertThat(directory.find(SHOP_SHANGHAI.id())).contains(suspended);
    assertThat(directory.findProjectIn(SHOP_BEIJING.id(), SHANGHAI)).contains(suspended);
  }

  @Test
  void second_project_of_an_account_in_one_region_is_rejected_and_nothing_changes() {
    InMemoryTenantDirectory directory = shop();
    TenantInfo intruder = tenant("shop-sh-2", SHANGHAI);

    assertThatExceptionOfType(InputException.class)
        .isThrownBy(() -> directory.put(intruder, "shop"))
        .withMessageContaining("shop-sh");
    assertThat(directory.find(intruder.id())).isEmpty();
    assertThat(directory.findProjectIn(SHOP_BEIJING.id(), SHANGHAI)).contains(SHOP_SHANGHAI);
  }

  @Test
  void removed_tenant_is_no_longer_found_nor_a_project_of_its_account() {
    InMemoryTenantDirectory directory = shop();

    directory.remove(SHOP_SHANGHAI.id()).remove(TenantId.of("never-there"));

    assertThat(directory.find(SHOP_SHANGHAI.id())).isEmpty();
    assertThat(directory.findProjectIn(SHOP_BEIJING.id(), SHANGHAI)).isEmpty();
  }

  @Test
  void tenant_moved_to_another_region_is_its_accounts_project_there() {
    InMemoryTenantDirectory directory = shop();
    RegionId guangzhou = RegionId.of("cn-south-1");
    TenantInfo moved = TenantInfo.builder().from(SHOP_SHANGHAI).region(guangzhou).build();

    directory.put(moved);

    assertThat(directory.findProjectIn(SHOP_BEIJING.id(), guangzhou)).contains(moved);
    assertThat(directory.findProjectIn(SHOP_BEIJING.id(), SHANGHAI)).isEmpty();
  }

  @Test
  void malformed_account_name_is_rejected() {
    assertThatExceptionOfType(InputException.class)
        .isThrownBy(() -> new InMemoryTenantDirectory().put(SHOP_BEIJING, "no spaces"))
        .satisfies(problem -> assertThat(problem.field()).isEqualTo("account"));
  }

  private static InMemoryTenantDirectory shop() {
    return new InMemoryTenantDirectory().put(SHOP_BEIJING, "shop").put(SHOP_SHANGHAI, "shop");
  }

  private static TenantInfo tenant(String id, RegionId region) {
    return TenantInfo.builder().id(TenantId.of(id)).region(region).build();
  }
}
