package dev.imago.core;

import dev.imago.core.policy.Action;
import dev.imago.core.policy.Decision;
import dev.imago.core.policy.ImageSpec;
import dev.imago.core.policy.UseRequest;
import dev.imago.spi.Deprecation;
import dev.imago.spi.Family;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageFilter;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.InputException;
import dev.imago.spi.Membership;
import dev.imago.spi.MembershipStatus;
import dev.imago.spi.Page;
import dev.imago.spi.Price;
import dev.imago.spi.RegionId;
import dev.imago.spi.StoreException;
import dev.imago.spi.StoredEvent;
import dev.imago.spi.TenantId;
import dev.imago.spi.VaultId;
import dev.imago.spi.VersionConflictException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one entry point for hosts: every use case of the image service. Built by {@link
 * Imago#builder()}; thread-safe.
 *
 * <p>Each command validates its input, loads the image, looks up the tenants and sources
 * involved, asks the policy engine, applies the change and saves the new state with its events
 * atomically. When another caller changed the image in between, it reloads and decides again, a
 * bounded number of times.
 *
 * <p>Every method that takes a tenant as caller throws {@link InputException} (rule {@code
 * INPUT_ID}) when the tenant directory knows no such tenant, or when a tenant is needed and the
 * operator calls. Every method may also throw {@link StoreException} when the host's storage or
 * directories fail; nothing is then half-written. Images the caller may not see, deleted images and ids that
 * never existed all answer {@link ImageNotFoundException}, alike.
 */
public interface ImageService {
  /**
   * The operator registers a public system-disk image, imported from a file, in a region.
   *
   * @param caller the platform operator
   * @param spec the new image; its source is a file
   * @param region the region the image serves
   * @return the new image, QUEUED
   * @throws InputException if an argument is absent or malformed
   * @throws ImagePolicyException if a rule denies it (CREATE_PUBLIC, CREATE_IMPORT_*, ...)
   */
  ImageRecord registerPublicImage(Caller caller, ImageSpec spec, RegionId region);

  /**
   * A tenant creates a private image in its region: a system-disk image from a server, a
   * data-disk image from a disk, a full-server image from a server or a cloud backup, an import
   * of a file, or an ISO image.
   *
   * @param caller the tenant
   * @param spec the new image
   * @return the new image, QUEUED
   * @throws InputException if an argument is absent or malformed, or the caller is no known
   *     tenant
   * @throws ImagePolicyException if a rule denies it (CREATE_*, INPUT_TAGS)
   */
  ImageRecord createImage(Caller caller, ImageSpec spec);

  /**
   * The host's image pipeline reports progress: SAVING, ACTIVE or KILLED.
   *
   * @param image the image
   * @param status the new status
   * @return the image after the move
   * @throws InputException if an argument is absent
   * @throws ImageNotFoundException if the image does not exist
   * @throws ImagePolicyException if the status table does not allow the move
   *     (LIFECYCLE_TRANSITION)
   * @throws VersionConflictException if the image kept changing under the retries
   */
  ImageRecord reportProgress(ImageId image, ImageStatus status);

  /**
   * Takes an ACTIVE image out of use for now: the owner's private image, or the operator's
   * public one.
   *
   * @param caller the owner, or the operator for a public image
   * @param image the image
   * @return the image, DEACTIVATED
   * @throws InputException if an argument is absent
   * @throws ImageNotFoundException if the caller may not see the image
   * @throws ImagePolicyException if a rule denies it
   * @throws VersionConflictException if the image kept changing under the retries
   */
  ImageRecord deactivate(Caller caller, ImageId image);

  /**
   * Puts a DEACTIVATED image back into use.
   *
   * @param caller the owner, or the operator for a public image
   * @param image the image
   * @return the image, ACTIVE
   * @throws InputException if an argument is absent
   * @throws ImageNotFoundException if the caller may not see the image
   * @throws ImagePolicyException if a rule denies it
   * @throws VersionConflictException if the image kept changing under the retries
   */
  ImageRecord reactivate(Caller caller, ImageId image);

  /**
   * The owner replicates its ACTIVE private image to another region, where its account's project
   * owns the new image.
   *
   * @param caller the owner
   * @param image the image
   * @param region the target region
   * @return the replica, QUEUED, with its origin recorded
   * @throws InputException if an argument is absent
   * @throws ImageNotFoundException if the caller may not see the image
   * @throws ImagePolicyException if a rule denies it (REPLICATE_*, CREATE_QUOTA)
   */
  ImageRecord replicate(Caller caller, ImageId image, RegionId region);

  /**
   * The owner shares its image with a batch of tenants of the same region; each becomes a
   * PENDING member. Current members are reported and left as they are.
   *
   * @param caller the owner
   * @param image the image
   * @param recipients the tenants, each once
   * @return which recipients were added and which were members already
   * @throws InputException if an argument is absent, empty or names a tenant twice
   * @throws ImageNotFoundException if the caller may not see the image
   * @throws ImagePolicyException if a rule denies the batch (SHARE_*); nothing is shared then
   * @throws VersionConflictException if the image kept changing under the retries
   */
  ShareResult share(Caller caller, ImageId image, List<TenantId> recipients);

  /**
   * The owner revokes a member, whatever its answer; the member's access ends at once.
   *
   * @param caller the owner
   * @param image the image
   * @param member the member
   * @throws InputException if an argument is absent
   * @throws ImageNotFoundException if the caller may not see the image
   * @throws ImagePolicyException if a rule denies it (SHARE_NOT_OWNER, SHARE_REVOKE)
   * @throws VersionConflictException if the image kept changing under the retries
   */
  void revoke(Caller caller, ImageId image, TenantId member);

  /**
   * A member accepts an image shared with it, and then sees and uses it. A full-server image
   * needs the member's backup vault: accept it with {@link #accept(Caller, ImageId, VaultId)}.
   *
   * @param caller the member
   * @param image the image
   * @return the membership, ACCEPTED
   * @throws InputException if an argument is absent
   * @throws ImageNotFoundException if the image is not shared with the caller
   * @throws ImagePolicyException if a rule denies it (SHARE_MEMBER_ONLY, SHARE_ACCEPT_VAULT)
   * @throws VersionConflictException if the image kept changing under the retries
   */
  Membership accept(Caller caller, ImageId image);

  /**
   * A member accepts an image shared with it, naming the backup vault that a full-server image
   * restores into (rule {@code SHARE_ACCEPT_VAULT}).
   *
   * @param caller the member
   * @param image the image
   * @param vault the member's backup vault
   * @return the membership, ACCEPTED, with the vault
   * @throws InputException if an argument is absent
   * @throws ImageNotFoundException if the image is not shared with the caller
   * @throws ImagePolicyException if a rule denies it (SHARE_MEMBER_ONLY)
   * @throws VersionConflictException if the image kept changing under the retries
   */
  Membership accept(Caller caller, ImageId image, VaultId vault);

  /**
   * A member rejects an image shared with it; it may accept later.
   *
   * @param caller the member
   * @param image the image
   * @return the membership, REJECTED
   * @throws InputException if an argument is absent
   * @throws ImageNotFoundException if the image is not shared with the caller
   * @throws ImagePolicyException if a rule denies it (SHARE_MEMBER_ONLY)
   * @throws VersionConflictException if the image kept changing under the retries
   */
  Membership reject(Caller caller, ImageId image);

  /**
   * The owner, as a registered seller, publishes its image to the marketplace for free.
   *
   * @param caller the owner
   * @param image the image
   * @return the image, now MARKET
   * @throws InputException if an argument is absent
   * @throws ImageNotFoundException if the caller may not see the image
   * @throws ImagePolicyException if a rule denies it (MARKET_PUBLISH, SHARE_MARKET)
   * @throws VersionConflictException if the image kept changing under the retries
   */
  ImageRecord publish(Caller caller, ImageId image);

  /**
   * The owner, as a registered seller, publishes its image to the marketplace at a price.
   *
   * @param caller the owner
   * @param image the image
   * @param price the price of the paid listing
   * @return the image, now MARKET
   * @throws InputException if an argument is absent
   * @throws ImageNotFoundException if the caller may not see the image
   * @throws ImagePolicyException if a rule denies it (MARKET_PUBLISH, SHARE_MARKET)
   * @throws VersionConflictException if the image kept changing under the retries
   */
  ImageRecord publish(Caller caller, ImageId image, Price price);

  /**
   * The seller withdraws its listing: new use stops, servers already made are unaffected.
   *
   * @param caller the seller
   * @param image the image
   * @return the image, PRIVATE again
   * @throws InputException if an argument is absent
   * @throws ImageNotFoundException if the caller may not see the image
   * @throws ImagePolicyException if a rule denies it (MARKET_WITHDRAW)
   * @throws VersionConflictException if the image kept changing under the retries
   */
  ImageRecord withdraw(Caller caller, ImageId image);

  /**
   * Protects an image from deletion.
   *
   * @param caller the owner, or the operator for a public image
   * @param image the image
   * @return the image, protected
   * @throws InputException if an argument is absent
   * @throws ImageNotFoundException if the caller may not see the image
   * @throws ImagePolicyException if a rule denies it
   * @throws VersionConflictException if the image kept changing under the retries
   */
  ImageRecord protect(Caller caller, ImageId image);

  /**
   * Removes an image's deletion protection.
   *
   * @param caller the owner, or the operator for a public image
   * @param image the image
   * @return the image, unprotected
   * @throws InputException if an argument is absent
   * @throws ImageNotFoundException if the caller may not see the image
   * @throws ImagePolicyException if a rule denies it
   * @throws VersionConflictException if the image kept changing under the retries
   */
  ImageRecord unprotect(Caller caller, ImageId image);

  /**
   * Replaces an image's tags.
   *
   * @param caller the owner, or the operator for a public image
   * @param image the image
   * @param tags the new tags
   * @return the image with its new tags
   * @throws InputException if an argument is absent or a tag malformed (INPUT_TAGS)
   * @throws ImageNotFoundException if the caller may not see the image
   * @throws ImagePolicyException if a rule denies it (INPUT_TAGS for too many tags)
   * @throws VersionConflictException if the image kept changing under the retries
   */
  ImageRecord updateTags(Caller caller, ImageId image, Map<String, String> tags);

  /**
   * Deletes an image for good; every membership and any listing end with it.
   *
   * @param caller the owner, or the operator for a public image
   * @param image the image
   * @throws InputException if an argument is absent
   * @throws ImageNotFoundException if the caller may not see the image
   * @throws ImagePolicyException if a rule denies it (LIFECYCLE_PROTECTED, ...)
   * @throws VersionConflictException if the image kept changing under the retries
   */
  void delete(Caller caller, ImageId image);

  /**
   * Schedules an image's retirement, or changes its schedule (rules {@code DEPRECATE_SCHEDULE},
   * {@code DEPRECATE_REPLACEMENT}). From the deprecation time the image still works, with a
   * notice (rule {@code USE_DEPRECATED}), and leaves other tenants' default listings; from the
   * obsolete time it creates nothing new (rule {@code USE_OBSOLETE}). Scheduling the schedule the
   * image has changes nothing.
   *
   * @param caller the owner, or the operator for a public image
   * @param image the image
   * @param schedule the deprecation time, and optionally the obsolete time and the replacement
   * @return the image as saved
   * @throws InputException if an argument is absent
   * @throws ImageNotFoundException if the caller may not see the image
   * @throws ImagePolicyException if a rule denies it (DEPRECATE_SCHEDULE for a time out of
   *     bounds, DEPRECATE_REPLACEMENT for a replacement that is not eligible, ...)
   * @throws VersionConflictException if the image or its replacements kept changing under the
   *     retries
   * @throws StoreException if the store or a directory failed
   */
  ImageRecord deprecate(Caller caller, ImageId image, Deprecation schedule);

  /**
   * Cancels an image's retirement schedule, until it is obsolete (rule {@code
   * DEPRECATE_SCHEDULE}). Cancelling where there is no schedule changes nothing.
   *
   * @param caller the owner, or the operator for a public image
   * @param image the image
   * @return the image as saved
   * @throws InputException if an argument is absent
   * @throws ImageNotFoundException if the caller may not see the image
   * @throws ImagePolicyException if a rule denies it (DEPRECATE_SCHEDULE once obsolete, ...)
   * @throws VersionConflictException if the image kept changing under the retries
   * @throws StoreException if the store or a directory failed
   */
  ImageRecord cancelDeprecation(Caller caller, ImageId image);

  /**
   * Puts an image in a family of its owner (of the platform, for a public image), or moves it
   * to another, and says whether resolving the family may pick it (rules {@code FAMILY_NAME},
   * {@code FAMILY_LATEST}). Setting what the image has changes nothing.
   *
   * @param caller the owner, or the operator for a public image
   * @param image the image
   * @param family the family name: 1 to 63 lower-case letters, digits and '-', starting with a
   *     letter
   * @param excludedFromLatest {@code true} to keep the image out of the family's "latest"
   * @return the image as saved
   * @throws InputException if an argument is absent, or the name breaks FAMILY_NAME (field
   *     {@code family})
   * @throws ImageNotFoundException if the caller may not see the image
   * @throws ImagePolicyException if a rule denies it (CHANGE_NOT_OWNER, CREATE_PUBLIC, ...)
   * @throws VersionConflictException if the image kept changing under the retries
   * @throws StoreException if the store or a directory failed
   */
  ImageRecord setFamily(Caller caller, ImageId image, String family, boolean excludedFromLatest);

  /**
   * Takes an image out of its family. Leaving no family changes nothing.
   *
   * @param caller the owner, or the operator for a public image
   * @param image the image
   * @return the image as saved
   * @throws InputException if an argument is absent
   * @throws ImageNotFoundException if the caller may not see the image
   * @throws ImagePolicyException if a rule denies it (CHANGE_NOT_OWNER, CREATE_PUBLIC, ...)
   * @throws VersionConflictException if the image kept changing under the retries
   * @throws StoreException if the store or a directory failed
   */
  ImageRecord leaveFamily(Caller caller, ImageId image);

  /**
   * Resolves a family to the newest image of it the caller may use now (rule {@code
   * FAMILY_LATEST}): ACTIVE, not deprecated, not excluded from "latest", in the caller's region,
   * and its own, the platform's, shared with it and accepted, or on the market. This is the
   * call a console or a launch template makes on every server creation.
   *
   * @param caller the tenant
   * @param family the family: {@link Family#platform(String)} for public images, {@link
   *     Family#of} for a tenant's
   * @return the image, as the caller may read it, or empty when the family has none the caller
   *     may use now; another tenant's family the caller sees nothing of answers empty too
   * @throws InputException if an argument is absent, or the caller is not a known tenant
   * @throws StoreException if the store or a directory failed
   */
  Optional<ImageRecord> latestInFamily(Caller caller, Family family);

  /**
   * Decides whether an action may happen, changing nothing: a console greys out a button and
   * says why.
   *
   * @param caller who would act
   * @param action what it would do
   * @return the decision, with every violation and any charges
   * @throws InputException if an argument is absent
   * @throws ImageNotFoundException if the action concerns an image the caller may not see
   */
  Decision check(Caller caller, Action action);

  /**
   * Decides whether a tenant may use an image as it asks, and plans what gets created.
   *
   * @param caller the tenant
   * @param image the image
   * @param request what to create, where, and on what flavor
   * @return the plan: what is created and the charges
   * @throws InputException if an argument is absent
   * @throws ImageNotFoundException if the caller may not see the image
   * @throws ImagePolicyException if a rule denies it (USE_*)
   */
  UsePlan authorizeUse(Caller caller, ImageId image, UseRequest request);

  /**
   * Reads an image the caller may see.
   *
   * @param caller who reads
   * @param image the image
   * @return the image
   * @throws InputException if an argument is absent
   * @throws ImageNotFoundException if the caller may not see the image
   */
  ImageRecord get(Caller caller, ImageId image);

  /**
   * Lists the images the caller sees in its region: its own, the public and market images of its
   * region, and those shared with it (ACCEPTED only, unless the filter asks for other membership
   * statuses). The service adds the caller and its region to the filter; a cursor continues only
   * the same filter of the same caller.
   *
   * @param caller the tenant
   * @param filter what to list and how: reasons, filters, order, page size and cursor
   * @return one page
   * @throws InputException if an argument is absent, the caller is no known tenant, or the
   *     cursor belongs to another listing (INPUT_PAGE)
   */
  Page<ImageRecord> listVisible(Caller caller, ImageFilter filter);

  /**
   * The owner lists the members of its image.
   *
   * @param caller the owner
   * @param image the image
   * @return the memberships, in the order they were added
   * @throws InputException if an argument is absent
   * @throws ImageNotFoundException if the caller may not see the image
   * @throws ImagePolicyException if the caller is not the owner (SHARE_NOT_OWNER)
   */
  List<Membership> listMembers(Caller caller, ImageId image);

  /**
   * Reads one membership of an image: the owner reads any member's, a member its own, whatever
   * its answer.
   *
   * @param caller the owner, or the member itself
   * @param image the image
   * @param member the member
   * @return the membership, or empty when the image is not shared with that tenant
   * @throws InputException if an argument is absent
   * @throws ImageNotFoundException if the caller may not see the image
   * @throws ImagePolicyException if the caller is neither the owner nor the member
   *     (SHARE_NOT_OWNER)
   */
  Optional<Membership> membership(Caller caller, ImageId image, TenantId member);

  /**
   * Lists the first page of the images shared with the caller whose membership has one of the
   * given statuses, newest first.
   *
   * @param caller the member tenant
   * @param statuses the membership statuses to list
   * @param pageSize the largest number of images on the page, 1 to 1000
   * @return the first page
   * @throws InputException if an argument is absent or out of range, or the caller is no known
   *     tenant
   */
  Page<ImageRecord> listSharedWithMe(
      Caller caller, Set<MembershipStatus> statuses, int pageSize);

  /**
   * Lists the next page of the images shared with the caller, after the cursor of the previous
   * page of the same listing.
   *
   * @param caller the member tenant
   * @param statuses the membership statuses to list, as for the previous page
   * @param pageSize the largest number of images on a page, as for the previous page
   * @param cursor the previous page's next cursor
   * @return the next page
   * @throws InputException if an argument is absent or out of range, the caller is no known
   *     tenant, or the cursor belongs to another listing (INPUT_PAGE)
   */
  Page<ImageRecord> listSharedWithMe(
      Caller caller, Set<MembershipStatus> statuses, int pageSize, String cursor);

  /**
   * Reads saved events in order, for a host that relays them.
   *
   * @param afterSequence the last sequence number already read, 0 at first
   * @param limit the largest number of events to return
   * @return the events after {@code afterSequence}
   * @throws InputException if {@code afterSequence} is negative or {@code limit} below 1
   */
  List<StoredEvent> events(long afterSequence, int limit);
}
