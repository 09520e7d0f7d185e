package dev.imago.benchmarks;

import dev.imago.core.Caller;
import dev.imago.core.policy.Action;
import dev.imago.core.policy.UseRequest;
import dev.imago.spi.ImageId;
import dev.imago.spi.TenantId;
import org.jspecify.annotations.Nullable;

/**
 * One question put to every policy alike: may this tenant use this image as it asks, or share it
 * with this recipient? Prepared before measuring, so no benchmark pays for building it.
 *
 * @param tenant who asks
 * @param caller the same, as Imago takes it
 * @param image the image
 * @param request what to create, for a use; {@code null} for a share
 * @param recipient who to share with, for a share; {@code null} for a use
 * @param action the same question, as Imago takes it
 */
record DecisionCase(TenantId tenant, Caller caller, ImageId image, @Nullable UseRequest request,
    @Nullable TenantId recipient, Action action) {

  static DecisionCase use(TenantId tenant, ImageId image, UseRequest request) {
    return new DecisionCase(tenant, Caller.tenant(tenant), image, request, null,
        new Action.Use(image, request));
  }

  static DecisionCase share(TenantId tenant, ImageId image, TenantId recipient) {
    return new DecisionCase(tenant, Caller.tenant(tenant), image, null, recipient,
        new Action.Share(image, java.util.List.of(recipient)));
  }

  boolean isUse() {
    return request != null;
  }

  @Override
  public String toString() {
    return isUse()
        ? tenant + " uses " + image + " for " + request
        : tenant + " shares " + image + " with " + recipient;
  }
}
