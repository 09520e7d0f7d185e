package dev.imago.core.policy.internal;

import dev.imago.core.policy.Context;
import dev.imago.spi.ImageClass;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.Membership;
import dev.imago.spi.TenantId;
import java.util.Optional;

/** Questions several rules ask of a context. */
final class Facts {
  private Facts() {}

  // These two run in nearly every decision: plain branches, no lambda and no boxed answer.
  static boolean isOwner(Context context, ImageRecord image) {
    Optional<TenantId> caller = context.caller().tenant();
    return caller.isPresent() && image.isOwnedBy(caller.get());
  }

  static Membership membership(Context context, ImageRecord image) {
    Optional<TenantId> caller = context.caller().tenant();
    return caller.isPresent() ? image.members().get(caller.get()) : null;
  }

  /**
   * Tells whether the caller sees the image (rule {@code USE_NOT_VISIBLE}): the operator sees
   * every image; a tenant its own, the public and market images of its region, and those shared
   * with it, whatever its answer (it reads them, and lists them when it asks). Only an ACCEPTED
   * member uses a shared image; to anyone who does not see it, an image answers as not found.
   */
  static boolean canSee(Context context, ImageRecord image) {
    if (context.caller().isOperator() || isOwner(context, image)) {
      return true;
    }
    if (image.imageClass() != ImageClass.PRIVATE
        && context.callerTenant().isPresent()
        && context.callerTenant().get().region().equals(image.region())) {
      return true;
    }
    return membership(context, image) != null;
  }

  static String tenantOf(Context context) {
    return context.caller().tenant().map(TenantId::value).orElse("the operator");
  }
}
