package dev.imago.store.memory.internal;

import dev.imago.spi.ImageRecord;
import dev.imago.spi.Membership;
import dev.imago.spi.TenantId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One {@link TenantId} object per tenant for the records a store keeps. A host hands over
 * records built of their own objects, a tenant id (and its text) per owner and per member: with
 * three members an image carries some 280 bytes of ids that equal ids of other images. A record
 * whose ids are not the kept ones is stored as an equal copy that uses them; one that already
 * does, as a record the store loaded and changed mostly is, is stored as it is.
 *
 * <p>Thread-safe. The ids of every tenant ever stored are kept, a few dozen bytes each.
 */
public final class TenantIds {
  private final ConcurrentMap<TenantId, TenantId> kept = new ConcurrentHashMap<>();

  /**
   * Returns a record equal to {@code record} whose owner and members use the kept tenant ids.
   *
   * @param record the record
   * @return {@code record} itself when it uses them already, else an equal copy
   */
  public ImageRecord share(ImageRecord record) {
    if (usesKeptIds(record)) {
      return record;
    }
    ImageRecord.Builder copy = ImageRecord.builder().from(record);
    record.owner().ifPresent(owner -> copy.owner(kept(owner)));
    Map<TenantId, Membership> members = new LinkedHashMap<>();
    for (Membership membership : record.members().values()) {
      TenantId tenant = kept(membership.tenant());
      members.put(tenant, membership.withTenant(tenant));
    }
    return copy.members(members).build();
  }

  private boolean usesKeptIds(ImageRecord record) {
    if (record.owner().isPresent() && kept(record.owner().get()) != record.owner().get()) {
      return false;
    }
    for (Map.Entry<TenantId, Membership> member : record.members().entrySet()) {
      TenantId tenant = kept(member.getKey());
      if (tenant != member.getKey() || tenant != member.getValue().tenant()) {
        return false;
      }
    }
    return true;
  }

  private TenantId kept(TenantId id) {
    TenantId known = kept.putIfAbsent(id, id);
    return known == null ? id : known;
  }
}
