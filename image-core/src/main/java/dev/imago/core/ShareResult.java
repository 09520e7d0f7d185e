package dev.imago.core;

import dev.imago.spi.Inputs;
import dev.imago.spi.TenantId;
import java.util.List;

/**
 * What a share did: which recipients became PENDING members, and which were members already and
 * were left as they were (rule {@code SHARE_DUPLICATE}).
 *
 * @param added the recipients that became members, in request order
 * @param alreadyMembers the recipients that were members already, in request order
 */
public record ShareResult(List<TenantId> added, List<TenantId> alreadyMembers) {
  /**
   * Checks and copies the lists.
   *
   * @throws dev.imago.spi.InputException if a list or an element is absent
   */
  public ShareResult {
    added = List.copyOf(Inputs.presentElements(added, "added"));
    alreadyMembers = List.copyOf(Inputs.presentElements(alreadyMembers, "alreadyMembers"));
  }
}
