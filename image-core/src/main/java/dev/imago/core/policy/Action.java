package dev.imago.core.policy;

import dev.imago.spi.Deprecation;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.Inputs;
import dev.imago.spi.Price;
import dev.imago.spi.RegionId;
import dev.imago.spi.TenantId;
import dev.imago.spi.VaultId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Something a caller wants to do, as the policy engine judges it. */
public sealed interface Action {
  /**
   * Returns the kind of action, by which rules are chosen.
   *
   * @return the kind
   */
  ActionKind kind();

  /** An action on an existing image. */
  sealed interface OnImage extends Action {
    /**
     * Returns the image acted on.
     *
     * @return the image
     */
    ImageId image();
  }

  /**
   * The operator registers a public image in a region.
   *
   * @param spec the new image
   * @param region the region it serves
   */
  record RegisterPublic(ImageSpec spec, RegionId region) implements Action {
    /** Checks the parts are present. */
    public RegisterPublic {
      Inputs.present(spec, "spec");
      Inputs.present(region, "region");
    }

    @Override
    public ActionKind kind() {
      return ActionKind.REGISTER_PUBLIC;
    }
  }

  /**
   * A tenant creates a private image in its region.
   *
   * @param spec the new image
   */
  record Create(ImageSpec spec) implements Action {
    /** Checks the spec is present. */
    public Create {
      Inputs.present(spec, "spec");
    }

    @Override
    public ActionKind kind() {
      return ActionKind.CREATE;
    }
  }

  /**
   * Reads an image.
   *
   * @param image the image
   */
  record Read(ImageId image) implements OnImage {
    /** Checks the image is present. */
    public Read {
      Inputs.present(image, "imageId");
    }

    @Override
    public ActionKind kind() {
      return ActionKind.READ;
    }
  }

  /**
   * Moves an image's status: the image pipeline's progress (SAVING, ACTIVE, KILLED), or
   * deactivating and reactivating.
   *
   * @param image the image
   * @param target the new status
   */
  record ChangeStatus(ImageId image, ImageStatus target) implements OnImage {
    /** Checks the parts are present. */
    public ChangeStatus {
      Inputs.present(image, "imageId");
      Inputs.present(target, "status");
    }

    @Override
    public ActionKind kind() {
      return ActionKind.CHANGE_STATUS;
    }
  }

  /**
   * Uses an image to create a server or a disk.
   *
   * @param image the image
   * @param request what to create, where and how
   */
  record Use(ImageId image, UseRequest request) implements OnImage {
    /** Checks the parts are present. */
    public Use {
      Inputs.present(image, "imageId");
      Inputs.present(request, "request");
    }

    @Override
    public ActionKind kind() {
      return ActionKind.USE;
    }
  }

  /**
   * The owner shares an image with a batch of tenants.
   *
   * @param image the image
   * @param recipients the tenants, each once, in order
   */
  record Share(ImageId image, List<TenantId> recipients) implements OnImage {
    /** Checks the parts are present and copies the recipients. */
    public Share {
      Inputs.present(image, "imageId");
      recipients = List.copyOf(Inputs.presentElements(recipients, "recipients"));
      if (recipients.isEmpty()) {
        throw new dev.imago.spi.InputException("recipients", "[]",
            dev.imago.spi.RuleCode.SHARE_RECIPIENT, "must name at least one tenant");
      }
      if (recipients.stream().distinct().count() != recipients.size()) {
        throw new dev.imago.spi.InputException("recipients", recipients,
            dev.imago.spi.RuleCode.SHARE_RECIPIENT, "must name each tenant once");
      }
    }

    @Override
    public ActionKind kind() {
      return ActionKind.SHARE;
    }
  }

  /**
   * A member accepts an image shared with it.
   *
   * @param image the image
   * @param vault the member's backup vault, required for a full-server image
   */
  record Accept(ImageId image, Optional<VaultId> vault) implements OnImage {
    /** Checks the parts are present. */
    public Accept {
      Inputs.present(image, "imageId");
      Inputs.present(vault, "vault");
    }

    @Override
    public ActionKind kind() {
      return ActionKind.ACCEPT;
    }
  }

  /**
   * A member rejects an image shared with it.
   *
   * @param image the image
   */
  record Reject(ImageId image) implements OnImage {
    /** Checks the image is present. */
    public Reject {
      Inputs.present(image, "imageId");
    }

    @Override
    public ActionKind kind() {
      return ActionKind.REJECT;
    }
  }

  /**
   * The owner revokes a member.
   *
   * @param image the image
   * @param member the member
   */
  record Revoke(ImageId image, TenantId member) implements OnImage {
    /** Checks the parts are present. */
    public Revoke {
      Inputs.present(image, "imageId");
      Inputs.present(member, "member");
    }

    @Override
    public ActionKind kind() {
      return ActionKind.REVOKE;
    }
  }

  /**
   * The owner lists an image's members.
   *
   * @param image the image
   */
  record ListMembers(ImageId image) implements OnImage {
    /** Checks the image is present. */
    public ListMembers {
      Inputs.present(image, "imageId");
    }

    @Override
    public ActionKind kind() {
      return ActionKind.LIST_MEMBERS;
    }
  }

  /**
   * The owner, as a registered seller, publishes an image to the marketplace.
   *
   * @param image the image
   * @param price the price of a paid listing, empty for a free one
   */
  record Publish(ImageId image, Optional<Price> price) implements OnImage {
    /** Checks the parts are present. */
    public Publish {
      Inputs.present(image, "imageId");
      Inputs.present(price, "price");
    }

    @Override
    public ActionKind kind() {
      return ActionKind.PUBLISH;
    }
  }

  /**
   * The seller withdraws a market listing.
   *
   * @param image the image
   */
  record Withdraw(ImageId image) implements OnImage {
    /** Checks the image is present. */
    public Withdraw {
      Inputs.present(image, "imageId");
    }

    @Override
    public ActionKind kind() {
      return ActionKind.WITHDRAW;
    }
  }

  /**
   * The owner replicates an image to another region.
   *
   * @param image the image
   * @param region the target region
   */
  record Replicate(ImageId image, RegionId region) implements OnImage {
    /** Checks the parts are present. */
    public Replicate {
      Inputs.present(image, "imageId");
      Inputs.present(region, "region");
    }

    @Override
    public ActionKind kind() {
      return ActionKind.REPLICATE;
    }
  }

  /**
   * Protects an image from deletion.
   *
   * @param image the image
   */
  record Protect(ImageId image) implements OnImage {
    /** Checks the image is present. */
    public Protect {
      Inputs.present(image, "imageId");
    }

    @Override
    public ActionKind kind() {
      return ActionKind.PROTECT;
    }
  }

  /**
   * Removes an image's deletion protection.
   *
   * @param image the image
   */
  record Unprotect(ImageId image) implements OnImage {
    /** Checks the image is present. */
    public Unprotect {
      Inputs.present(image, "imageId");
    }

    @Override
    public ActionKind kind() {
      return ActionKind.UNPROTECT;
    }
  }

  /**
   * Replaces an image's tags.
   *
   * @param image the image
   * @param tags the new tags
   */
  record UpdateTags(ImageId image, Map<String, String> tags) implements OnImage {
    /** Checks the parts and copies the tags, keeping their order. */
    public UpdateTags {
      Inputs.present(image, "imageId");
      tags = java.util.Collections.unmodifiableMap(
          new LinkedHashMap<>(Inputs.tags(tags, "tags")));
    }

    @Override
    public ActionKind kind() {
      return ActionKind.UPDATE_TAGS;
    }
  }

  /**
   * Deletes an image.
   *
   * @param image the image
   */
  record Delete(ImageId image) implements OnImage {
    /** Checks the image is present. */
    public Delete {
      Inputs.present(image, "imageId");
    }

    @Override
    public ActionKind kind() {
      return ActionKind.DELETE;
    }
  }
  /**
   * Schedules an image's retirement, or changes its schedule (rules {@code DEPRECATE_SCHEDULE}
   * and {@code DEPRECATE_REPLACEMENT}).
   *
   * @param image the image
   * @param schedule the deprecation time, the optional obsolete time and replacement
   */
  record Deprecate(ImageId image, Deprecation schedule) implements OnImage {
    /**
     * Checks the parts.
     *
     * @throws dev.imago.spi.InputException if a part is absent (field {@code imageId} or {@code
     *     deprecation})
     */
    public Deprecate {
      Inputs.present(image, "imageId");
      Inputs.present(schedule, "deprecation");
    }

    @Override
    public ActionKind kind() {
      return ActionKind.DEPRECATE;
    }
  }

  /**
   * Cancels an image's retirement schedule (rule {@code DEPRECATE_SCHEDULE}).
   *
   * @param image the image
   */
  record CancelDeprecation(ImageId image) implements OnImage {
    /**
     * Checks the image id.
     *
     * @throws dev.imago.spi.InputException if it is absent (field {@code imageId})
     */
    public CancelDeprecation {
      Inputs.present(image, "imageId");
    }

    @Override
    public ActionKind kind() {
      return ActionKind.CANCEL_DEPRECATION;
    }
  }
  /**
   * Puts an image in a family of its owner, or takes it out, and includes it in or excludes it
   * from the family's "latest" (rules {@code FAMILY_NAME}, {@code FAMILY_LATEST}).
   *
   * @param image the image
   * @param family the family name, or empty to leave every family
   * @param excludedFromLatest whether resolving the family skips the image
   */
  record SetFamily(ImageId image, Optional<String> family, boolean excludedFromLatest)
      implements OnImage {
    /**
     * Checks the parts.
     *
     * @throws dev.imago.spi.InputException if a part is absent, or the family name breaks rule
     *     {@code FAMILY_NAME} (field {@code family})
     */
    public SetFamily {
      Inputs.present(image, "imageId");
      Inputs.present(family, "family").ifPresent(name -> Inputs.family(name, "family"));
    }

    @Override
    public ActionKind kind() {
      return ActionKind.SET_FAMILY;
    }
  }
}
