package dev.imago.store.memory;

import dev.imago.spi.InputException;
import dev.imago.spi.Inputs;
import dev.imago.spi.RegionId;
import dev.imago.spi.RuleCode;
import dev.imago.spi.TenantDirectory;
import dev.imago.spi.TenantId;
import dev.imago.spi.TenantInfo;
import dev.imago.store.memory.internal.Guard;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link TenantDirectory} that holds the tenants it is given.
 *
 * <p>Tenants are projects; projects of one cloud account are grouped under an account name, at
 * most one project per account and region, and {@link #findProjectIn(TenantId, RegionId)} answers
 * with the account's project in the region asked for. A tenant put without an account is alone:
 * its only project is itself.
 *
 * <pre>{@code
 * InMemoryTenantDirectory tenants = new InMemoryTenantDirectory()
 *     .put(shopInBeijing, "shop")
 *     .put(shopInShanghai, "shop")
 *     .put(operator);
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class InMemoryTenantDirectory implements TenantDirectory {
  private final Guard guard = new Guard();
  // Concurrent, so that find() reads it without the lock: every decision asks it.
  private final Map<TenantId, Entry> tenants = new ConcurrentHashMap<>();
  private final Map<AccountRegion, TenantId> projects = new HashMap<>();

  /** Creates an empty directory. */
  public InMemoryTenantDirectory() {}

  /**
   * Adds a tenant, or replaces the facts of a known one. A new tenant is alone in its own
   * account; a known one stays in the account it was put in.
   *
   * @param tenant the tenant
   * @return this directory
   * @throws InputException if the tenant is absent, or it moved to a region where its account
   *     already has another project
   */
  public InMemoryTenantDirectory put(TenantInfo tenant) {
    Inputs.present(tenant, "tenant");
    guard.write(() -> {
      Entry known = tenants.get(tenant.id());
      place(tenant, known == null ? Optional.empty() : known.account());
    });
    return this;
  }

  /**
   * Adds a tenant, or replaces a known one, as the project of an account in the tenant's region.
   *
   * @param tenant the tenant
   * @param account the account's name, in the format of an id (rule {@code INPUT_ID})
   * @return this directory
   * @throws InputException if an argument is absent or the account name malformed, or the
   *     account already has another project in the tenant's region
   */
  public InMemoryTenantDirectory put(TenantInfo tenant, String account) {
    Inputs.present(tenant, "tenant");
    Inputs.id(account, "account");
    guard.write(() -> place(tenant, Optional.of(account)));
    return this;
  }

  /**
   * Removes a tenant; removing an unknown tenant changes nothing.
   *
   * @param id the tenant
   * @return this directory
   * @throws InputException if the id is absent
   */
  public InMemoryTenantDirectory remove(TenantId id) {
    Inputs.present(id, "id");
    guard.write(() -> {
      Entry removed = tenants.remove(id);
      if (removed != null) {
        removed.place().ifPresent(projects::remove);
      }
    });
    return this;
  }

  /**
   * {@inheritDoc}
   *
   * @throws InputException if the id is absent
   */
  @Override
  public Optional<TenantInfo> find(TenantId id) {
    Inputs.present(id, "id");
    Entry entry = tenants.get(id);
    return entry == null ? Optional.empty() : Optional.of(entry.info());
  }

  /**
   * {@inheritDoc}
   *
   * <p>Asked for the tenant's own region, it answers with the tenant itself.
   *
   * @throws InputException if an argument is absent
   */
  @Override
  public Optional<TenantInfo> findProjectIn(TenantId tenant, RegionId region) {
    Inputs.present(tenant, "tenant");
    Inputs.present(region, "region");
    return guard.read(() -> {
      Entry entry = tenants.get(tenant);
      if (entry == null) {
        return Optional.empty();
      }
      if (entry.info().region().equals(region)) {
        return Optional.of(entry.info());
      }
      return entry.account()
          .map(account -> projects.get(new AccountRegion(account, region)))
          .map(project -> tenants.get(project).info());
    });
  }

  // Checks before it changes anything, so a rejected put leaves the directory as it was.
  private void place(TenantInfo tenant, Optional<String> account) {
    Entry replacing = tenants.get(tenant.id());
    Entry entry = new Entry(tenant, account);
    entry.place().ifPresent(place -> {
      TenantId holder = projects.get(place);
      if (holder != null && !holder.equals(tenant.id())) {
        throw new InputException("tenant.region", tenant.region(), RuleCode.INPUT_VALUE,
            "must differ from the region of project " + holder + " of account " + account.get());
      }
    });
    if (replacing != null) {
      replacing.place().ifPresent(projects::remove);
    }
    entry.place().ifPresent(place -> projects.put(place, tenant.id()));
    tenants.put(tenant.id(), entry);
  }

  private record AccountRegion(String account, RegionId region) {}

  private record Entry(TenantInfo info, Optional<String> account) {
    Optional<AccountRegion> place() {
      return account.map(name -> new AccountRegion(name, info.region()));
    }
  }
}
