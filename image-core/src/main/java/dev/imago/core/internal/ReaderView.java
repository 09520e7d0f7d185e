package dev.imago.core.internal;

import dev.imago.core.Caller;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.Membership;
import dev.imago.spi.Page;
import dev.imago.spi.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A record as its reader may see it. The owner and the operator read every membership of an
 * image; any other tenant reads a record whose members hold at most its own membership: not the
 * other members' ids, their answers or their backup vaults.
 */
final class ReaderView {
  private ReaderView() {}

  /**
   * Returns the record as the caller may read it.
   *
   * @param record the stored record
   * @param caller who reads it
   * @return the record itself, or a copy without the other members
   */
  static ImageRecord of(ImageRecord record, Caller caller) {
    Optional<TenantId> reader = caller.tenant();
    if (reader.isEmpty() || record.members().isEmpty() || record.isOwnedBy(reader.get())) {
      return record;
    }
    Membership own = record.members().get(reader.get());
    if (own != null && record.members().size() == 1) {
      return record;
    }
    return record.withMembers(own == null ? Map.of() : Map.of(reader.get(), own));
  }

  /**
   * Returns a page as the caller may read it.
   *
   * @param page the store's page
   * @param caller who reads it
   * @return the page itself when every record may be read as it is, or a page of views
   */
  static Page<ImageRecord> of(Page<ImageRecord> page, Caller caller) {
    List<ImageRecord> items = null;
    for (int i = 0; i < page.items().size(); i++) {
      ImageRecord record = page.items().get(i);
      ImageRecord view = of(record, caller);
      if (view != record && items == null) {
        items = new ArrayList<>(page.items().subList(0, i));
      }
      if (items != null) {
        items.add(view);
      }
    }
    return items == null ? page : Page.of(items, page.nextCursor());
  }
}
