package dev.imago.benchmarks;

import dev.imago.core.policy.UseRequest;
import dev.imago.spi.ImageClass;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageSource;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.ImageType;
import dev.imago.spi.Membership;
import dev.imago.spi.MembershipStatus;
import dev.imago.spi.TenantId;
import dev.imago.spi.TenantInfo;

/**
 * The floor: the use and share rules written inline over hash-map lookups, answering only yes or
 * no, with no explanation, no lock, no context and no extension point. Nothing that decides the
 * same thing can be much cheaper.
 */
final class HandWrittenPolicy implements Policy {
  private final Facts facts;

  HandWrittenPolicy(Facts facts) {
    this.facts = facts;
  }

  @Override
  public boolean allows(DecisionCase decision) {
    ImageRecord image = facts.images.get(decision.image());
    TenantInfo caller = facts.tenants.get(decision.tenant());
    if (image == null || caller == null || image.status() == ImageStatus.DELETED) {
      return false;
    }
    boolean owner = image.isOwnedBy(caller.id());
    UseRequest request = decision.request();
    return request != null
        ? mayUse(image, caller, owner, request)
        : mayShare(image, owner, decision.recipient());
  }

  private static boolean mayUse(ImageRecord image, TenantInfo caller, boolean owner,
      UseRequest request) {
    Membership membership = image.members().get(caller.id());
    boolean visible = owner
        || (image.imageClass() != ImageClass.PRIVATE && caller.region().equals(image.region()))
        || (membership != null && membership.status() == MembershipStatus.ACCEPTED);
    boolean serverTarget = request.target().isServer();
    return visible
        && image.status() == ImageStatus.ACTIVE
        && request.region().equals(image.region())
        && Facts.creates(image.type(), request.target())
        && (!serverTarget || image.type() == ImageType.DATA_DISK
            || request.serverKind().isEmpty()
            || image.serverKinds().contains(request.serverKind().get()))
        && request.diskGib() >= image.minDiskGib()
        && (!serverTarget || request.ramMib() >= image.minRamMib())
        && (image.imageClass() != ImageClass.MARKET || owner || request.acceptsPrice()
            || !image.listing().get().isPaid());
  }

  private boolean mayShare(ImageRecord image, boolean owner, TenantId recipientId) {
    TenantInfo recipient = facts.tenants.get(recipientId);
    int added = image.members().containsKey(recipientId) ? 0 : 1;
    return owner
        && image.imageClass() == ImageClass.PRIVATE
        && image.status() == ImageStatus.ACTIVE
        && !image.isEncrypted()
        && (image.type() != ImageType.FULL_SERVER || image.source() == ImageSource.CLOUD_BACKUP)
        && recipient != null
        && recipient.isActive()
        && !image.isOwnedBy(recipientId)
        && recipient.region().equals(image.region())
        && image.members().size() + added <= Facts.MEMBER_LIMIT;
  }
}
