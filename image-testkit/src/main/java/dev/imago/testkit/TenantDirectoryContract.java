package dev.imago.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imago.spi.RegionId;
import dev.imago.spi.TenantDirectory;
import dev.imago.spi.TenantId;
import dev.imago.spi.TenantInfo;
import dev.imago.spi.TenantStatus;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link TenantDirectory} must pass. Extend it and say how to make a
 * directory holding given tenants, grouped in accounts:
 *
 * <pre>{@code
 * class MyTenantDirectoryTest extends TenantDirectoryContract {
 *   @Override
 *   protected TenantDirectory newDirectory(List<TenantInfo> tenants,
 *       List<Set<TenantId>> accounts) {
 *     return new MyTenantDirectory(loadFixtures(tenants, accounts));
 *   }
 * }
 * }</pre>
 */
public abstract class TenantDirectoryContract {
  private static final RegionId BEIJING = RegionId.of("cn-north-4");
  private static final RegionId SHANGHAI = RegionId.of("cn-east-3");
  private static final RegionId GUANGZHOU = RegionId.of("cn-south-1");
  private static final RegionId HONG_KONG = RegionId.of("ap-southeast-1");

  private static final TenantInfo SHOP_BEIJING = TenantInfo.builder()
      .id(TenantId.of("shop-bj")).region(BEIJING).seller(true)
      .putAttributes("org", "shop").putAttributes("level", "gold").build();
  private static final TenantInfo SHOP_SHANGHAI = tenant("shop-sh", SHANGHAI);
  private static final TenantInfo SHOP_GUANGZHOU = TenantInfo.builder()
      .id(TenantId.of("shop-gz")).region(GUANGZHOU).status(TenantStatus.SUSPENDED).build();
  private static final TenantInfo RIVAL_BEIJING = tenant("rival-bj", BEIJING);
  private static final TenantInfo RIVAL_HONG_KONG = tenant("rival-hk", HONG_KONG);
  private static final TenantInfo LONER = tenant("loner", SHANGHAI);

  private TenantDirectory directory;

  /** Creates the contract; subclasses say how to make a directory. */
  protected TenantDirectoryContract() {}

  /**
   * Returns a new directory that knows exactly the given tenants.
   *
   * @param tenants the tenants, each a project in one region
   * @param accounts the projects of each account, one set per account, at most one project per
   *     region; a tenant in no set is alone in its account
   * @return the directory under test
   */
  protected abstract TenantDirectory newDirectory(List<TenantInfo> tenants,
      List<Set<TenantId>> accounts);

  /**
   * Releases a directory after a test; nothing by default.
   *
   * @param directory a directory {@link #newDirectory(List, List)} returned
   */
  protected void cleanup(TenantDirectory directory) {}

  @BeforeEach
  final void createDirectory() {
    directory = newDirectory(
        List.of(SHOP_BEIJING, SHOP_SHANGHAI, SHOP_GUANGZHOU, RIVAL_BEIJING, RIVAL_HONG_KONG, LONER),
        List.of(Set.of(SHOP_BEIJING.id(), SHOP_SHANGHAI.id(), SHOP_GUANGZHOU.id()),
            Set.of(RIVAL_BEIJING.id(), RIVAL_HONG_KONG.id())));
  }

  @AfterEach
  final void releaseDirectory() {
    cleanup(directory);
  }

  @Test
  void find_returns_every_fact_of_a_known_tenant() {
    assertThat(directory.find(SHOP_BEIJING.id())).as("a seller with attributes")
        .contains(SHOP_BEIJING);
    assertThat(directory.find(LONER.id())).as("a tenant alone in its account").contains(LONER);
  }

  @Test
  void suspended_tenant_is_found_with_its_status() {
    assertThat(directory.find(SHOP_GUANGZHOU.id())).as("a suspended tenant")
        .contains(SHOP_GUANGZHOU);
  }

  @Test
  void find_of_an_unknown_tenant_is_empty() {
    assertThat(directory.find(TenantId.of("stranger"))).as("an unknown tenant").isEmpty();
  }

  @Test
  void project_in_another_region_is_the_same_accounts_project_there() {
    assertThat(directory.findProjectIn(SHOP_BEIJING.id(), SHANGHAI)).as("shop's Shanghai project")
        .contains(SHOP_SHANGHAI);
    assertThat(directory.findProjectIn(SHOP_SHANGHAI.id(), GUANGZHOU))
        .as("shop's Guangzhou project, suspended").contains(SHOP_GUANGZHOU);
    assertThat(directory.findProjectIn(RIVAL_HONG_KONG.id(), BEIJING))
        .as("rival's Beijing project").contains(RIVAL_BEIJING);
  }

  @Test
  void project_in_a_region_where_the_account_has_none_is_empty() {
    assertThat(directory.findProjectIn(SHOP_BEIJING.id(), HONG_KONG))
        .as("shop's project in Hong Kong").isEmpty();
  }

  @Test
  void project_is_never_another_accounts() {
    assertThat(directory.findProjectIn(RIVAL_BEIJING.id(), SHANGHAI))
        .as("rival's project in Shanghai, where shop and loner have one").isEmpty();
    assertThat(directory.findProjectIn(LONER.id(), BEIJING))
        .as("loner's project in Beijing").isEmpty();
  }

  @Test
  void project_in_the_tenants_own_region_is_the_tenant_itself() {
    assertThat(directory.findProjectIn(SHOP_BEIJING.id(), BEIJING)).as("shop in Beijing")
        .contains(SHOP_BEIJING);
    assertThat(directory.findProjectIn(LONER.id(), SHANGHAI)).as("loner in Shanghai")
        .contains(LONER);
  }

  @Test
  void project_of_an_unknown_tenant_is_empty() {
    assertThat(directory.findProjectIn(TenantId.of("stranger"), BEIJING))
        .as("a project of an unknown tenant").isEmpty();
  }

  private static TenantInfo tenant(String id, RegionId region) {
    return TenantInfo.builder().id(TenantId.of(id)).region(region).build();
  }
}
