package dev.imago.examples.rest;

import dev.imago.core.Caller;
import dev.imago.core.ImageService;
import dev.imago.core.policy.ImageSpec;
import dev.imago.core.policy.SourceRef;
import dev.imago.core.policy.UseRequest;
import dev.imago.core.policy.UseTarget;
import dev.imago.examples.rest.Views.ImageView;
import dev.imago.examples.rest.Views.MembershipView;
import dev.imago.examples.rest.Views.NewImage;
import dev.imago.examples.rest.Views.PageView;
import dev.imago.examples.rest.Views.ShareRequest;
import dev.imago.examples.rest.Views.ShareView;
import dev.imago.examples.rest.Views.UsePlanView;
import dev.imago.examples.rest.Views.UseRequestView;
import dev.imago.spi.BackupId;
import dev.imago.spi.ImageFilter;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageType;
import dev.imago.spi.InputException;
import dev.imago.spi.Inputs;
import dev.imago.spi.KeyId;
import dev.imago.spi.RegionId;
import dev.imago.spi.RuleCode;
import dev.imago.spi.ServerId;
import dev.imago.spi.ServerKind;
import dev.imago.spi.TenantId;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The use cases over HTTP, one endpoint each: create, read, list (with a cursor), share, accept,
 * reject, revoke, plan a use, delete.
 *
 * <p>The caller is the tenant named by the {@value #TENANT_HEADER} header, as a gateway in front
 * of the service passes it: authenticating the caller and setting the header is the gateway's
 * job, and the service trusts it. Reachable by anything but the gateway, the header would let
 * anyone act as anyone.
 */
@RestController
@RequestMapping("/images")
public class ImageController {
  /** The header that names the calling tenant. */
  public static final String TENANT_HEADER = "X-Tenant-Id";

  private final ImageService images;

  /**
   * Creates the controller.
   *
   * @param images the service, from the starter
   */
  public ImageController(ImageService images) {
    this.images = images;
  }

  /**
   * Creates a private image from a server or a cloud backup of the caller's.
   *
   * @param tenant the caller
   * @param request the new image
   * @return 201 with the image, QUEUED
   * @throws InputException if the request is malformed (400)
   */
  @PostMapping
  public ResponseEntity<ImageView> create(@RequestHeader(TENANT_HEADER) String tenant,
      @RequestBody NewImage request) {
    ImageSpec.Builder spec = ImageSpec.builder()
        .name(Inputs.present(request.name(), "name"))
        .type(Inputs.constant(ImageType.class, request.type(), "type"))
        .source(source(request));
    if (request.encryptionKey() != null) {
      spec.encryptionKey(KeyId.of(request.encryptionKey()));
    }
    ImageRecord image = images.createImage(caller(tenant), spec.build());
    return ResponseEntity.created(URI.create("/images/" + image.id().value()))
        .body(ImageView.of(image));
  }

  /**
   * Reads an image the caller may see.
   *
   * @param tenant the caller
   * @param id the image
   * @return the image
   * @throws dev.imago.core.ImageNotFoundException if the caller may not see it (404)
   */
  @GetMapping("/{id}")
  public ImageView get(@RequestHeader(TENANT_HEADER) String tenant, @PathVariable String id) {
    return ImageView.of(images.get(caller(tenant), ImageId.of(id)));
  }

  /**
   * Lists the images the caller sees, one page at a time.
   *
   * @param tenant the caller
   * @param pageSize the largest number of images on the page
   * @param cursor the previous page's next cursor, for the next page
   * @return the page
   * @throws InputException if the page size is out of range or the cursor foreign (400)
   */
  @GetMapping
  public PageView list(@RequestHeader(TENANT_HEADER) String tenant,
      @RequestParam(defaultValue = "100") int pageSize,
      @RequestParam(required = false) String cursor) {
    ImageFilter.Builder filter = ImageFilter.builder().pageSize(pageSize);
    if (cursor != null) {
      filter.cursor(cursor);
    }
    return PageView.of(images.listVisible(caller(tenant), filter.build()));
  }

  /**
   * Shares the caller's image with tenants of its region.
   *
   * @param tenant the owner
   * @param id the image
   * @param request the recipients
   * @return who was added and who was a member already
   * @throws dev.imago.core.ImagePolicyException if a rule denies it (403, 409 or 400)
   */
  @PostMapping("/{id}/members")
  public ShareView share(@RequestHeader(TENANT_HEADER) String tenant, @PathVariable String id,
      @RequestBody ShareRequest request) {
    List<TenantId> recipients = Inputs.present(request.recipients(), "recipients").stream()
        .map(TenantId::of).toList();
    return ShareView.of(images.share(caller(tenant), ImageId.of(id), recipients));
  }

  /**
   * The owner revokes a member.
   *
   * @param tenant the owner
   * @param id the image
   * @param member the member
   * @return 204
   * @throws dev.imago.core.ImagePolicyException if the caller is not the owner (403)
   */
  @DeleteMapping("/{id}/members/{member}")
  public ResponseEntity<Void> revoke(@RequestHeader(TENANT_HEADER) String tenant,
      @PathVariable String id, @PathVariable String member) {
    images.revoke(caller(tenant), ImageId.of(id), TenantId.of(member));
    return ResponseEntity.noContent().build();
  }

  /**
   * The caller accepts an image shared with it.
   *
   * @param tenant the member
   * @param id the image
   * @return the membership, ACCEPTED
   * @throws dev.imago.core.ImageNotFoundException if the image is not shared with it (404)
   */
  @PostMapping("/{id}/accept")
  public MembershipView accept(@RequestHeader(TENANT_HEADER) String tenant,
      @PathVariable String id) {
    return MembershipView.of(images.accept(caller(tenant), ImageId.of(id)));
  }

  /**
   * The caller rejects an image shared with it.
   *
   * @param tenant the member
   * @param id the image
   * @return the membership, REJECTED
   * @throws dev.imago.core.ImageNotFoundException if the image is not shared with it (404)
   */
  @PostMapping("/{id}/reject")
  public MembershipView reject(@RequestHeader(TENANT_HEADER) String tenant,
      @PathVariable String id) {
    return MembershipView.of(images.reject(caller(tenant), ImageId.of(id)));
  }

  /**
   * Plans what using the image creates and costs, or says why it may not be used.
   *
   * @param tenant the caller
   * @param id the image
   * @param request what to create, where and on what flavor
   * @return the plan
   * @throws dev.imago.core.ImagePolicyException if a rule denies the use
   */
  @PostMapping("/{id}/use-plan")
  public UsePlanView plan(@RequestHeader(TENANT_HEADER) String tenant, @PathVariable String id,
      @RequestBody UseRequestView request) {
    UseRequest.Builder use = UseRequest.builder()
        .target(Inputs.constant(UseTarget.class, request.target(), "target"))
        .region(RegionId.of(Inputs.present(request.region(), "region")))
        .diskGib(Inputs.present(request.diskGib(), "diskGib"))
        .ramMib(request.ramMib() == null ? 0 : request.ramMib())
        .acceptsPrice(Boolean.TRUE.equals(request.acceptsPrice()));
    if (request.serverKind() != null) {
      use.serverKind(Inputs.constant(ServerKind.class, request.serverKind(), "serverKind"));
    }
    return UsePlanView.of(images.authorizeUse(caller(tenant), ImageId.of(id), use.build()));
  }

  /**
   * Deletes the caller's image; every membership ends with it.
   *
   * @param tenant the owner
   * @param id the image
   * @return 204
   * @throws dev.imago.core.ImagePolicyException if a rule denies it (a protected image: 409)
   */
  @DeleteMapping("/{id}")
  public ResponseEntity<Void> delete(@RequestHeader(TENANT_HEADER) String tenant,
      @PathVariable String id) {
    images.delete(caller(tenant), ImageId.of(id));
    return ResponseEntity.noContent().build();
  }

  private static Caller caller(String tenant) {
    try {
      return Caller.tenant(TenantId.of(tenant));
    } catch (InputException malformed) {
      throw new InputException(TENANT_HEADER, tenant, RuleCode.INPUT_ID, "is no tenant id");
    }
  }

  private static SourceRef source(NewImage request) {
    if (request.server() != null && request.backup() == null) {
      return SourceRef.server(ServerId.of(request.server()));
    }
    if (request.backup() != null && request.server() == null) {
      return SourceRef.backup(BackupId.of(request.backup()));
    }
    throw new InputException("source", null, RuleCode.INPUT_VALUE,
        "must be exactly one of server and backup");
  }
}
