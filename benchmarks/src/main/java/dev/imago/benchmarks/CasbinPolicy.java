package dev.imago.benchmarks;

import dev.imago.core.policy.UseRequest;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.Membership;
import dev.imago.spi.ServerKind;
import dev.imago.spi.TenantId;
import dev.imago.spi.TenantInfo;
import java.util.HashMap;
import java.util.Map;
import org.casbin.jcasbin.main.CachedEnforcer;
import org.casbin.jcasbin.main.Enforcer;
import org.casbin.jcasbin.model.Model;
import org.casbin.jcasbin.persist.cache.CacheableParam;
import org.casbin.jcasbin.util.Util;

/**
 * The use and share rules in jCasbin, as an ABAC model with domains: memberships are grouping
 * policies {@code g, tenant, status, image} (the image is the domain), every other fact is an
 * attribute of the subject, the image or the request, and one policy line per action holds.
 * Either the plain {@link Enforcer} or the {@link CachedEnforcer}, whose cache keeps allowed
 * answers by the request's cache key.
 */
final class CasbinPolicy implements Policy {
  private static final String MODEL = """
      [request_definition]
      r = sub, obj, act, req

      [policy_definition]
      p = act

      [role_definition]
      g = _, _, _

      [policy_effect]
      e = some(where (p.eft == allow))

      [matchers]
      m = r.act == p.act && (r.act == 'use' ? (%s) : (%s))
      """.formatted(String.join(" && ",
          "(r.obj.owner == r.sub.id"
              + " || (r.obj.imageClass != 'PRIVATE' && r.obj.region == r.sub.region)"
              + " || g(r.sub.id, 'ACCEPTED', r.obj.id))",
          "r.obj.status == 'ACTIVE'",
          "r.req.region == r.obj.region",
          "string.contains(r.obj.targets, r.req.target)",
          "(!r.req.serverTarget || r.obj.type == 'DATA_DISK'"
              + " || string.contains(r.obj.serverKinds, r.req.serverKind))",
          "r.req.diskGib >= r.obj.minDiskGib",
          "(!r.req.serverTarget || r.req.ramMib >= r.obj.minRamMib)",
          "(!r.obj.paidMarket || r.obj.owner == r.sub.id || r.req.acceptsPrice)"),
      String.join(" && ",
          "r.obj.owner == r.sub.id",
          "r.obj.imageClass == 'PRIVATE'",
          "r.obj.status == 'ACTIVE'",
          "!r.obj.encrypted",
          "(r.obj.type != 'FULL_SERVER' || r.obj.source == 'CLOUD_BACKUP')",
          "r.req.recipientKnown",
          "r.req.recipientActive",
          "r.req.recipient != r.obj.owner",
          "r.req.recipientRegion == r.obj.region",
          "r.obj.memberCount + (g(r.req.recipient, 'member', r.obj.id) ? 0 : 1) <= "
              + Facts.MEMBER_LIMIT));

  private final Facts facts;
  private final Enforcer enforcer;
  private final Map<String, ImageAttributes> images = new HashMap<>();
  private final Map<String, SubjectAttributes> subjects = new HashMap<>();

  private CasbinPolicy(Facts facts, Enforcer enforcer) {
    this.facts = facts;
    this.enforcer = enforcer;
    Util.enableLog = false;
    enforcer.enableLog(false);
    enforcer.addPolicy("use");
    enforcer.addPolicy("share");
    for (ImageRecord image : facts.images.values()) {
      images.put(image.id().value(), new ImageAttributes(image));
      for (Membership membership : image.members().values()) {
        String tenant = membership.tenant().value();
        enforcer.addNamedGroupingPolicy("g", tenant, membership.status().name(), image.id().value());
        enforcer.addNamedGroupingPolicy("g", tenant, "member", image.id().value());
      }
    }
    for (TenantInfo tenant : facts.tenants.values()) {
      subjects.put(tenant.id().value(), new SubjectAttributes(tenant));
    }
  }

  static CasbinPolicy enforcer(Facts facts) {
    return new CasbinPolicy(facts, new Enforcer(model()));
  }

  static CasbinPolicy cachedEnforcer(Facts facts) {
    return new CasbinPolicy(facts, new CachedEnforcer(model()));
  }

  private static Model model() {
    Model model = new Model();
    model.loadModelFromText(MODEL);
    return model;
  }

  @Override
  public boolean allows(DecisionCase decision) {
    SubjectAttributes subject = subjects.get(decision.tenant().value());
    ImageAttributes image = images.get(decision.image().value());
    if (subject == null || image == null || image.status.equals("DELETED")) {
      return false;
    }
    return decision.isUse()
        ? enforcer.enforce(subject, image, "use", new RequestAttributes(decision.request()))
        : enforcer.enforce(subject, image, "share",
            new RequestAttributes(decision.recipient(), facts.tenants.get(decision.recipient())));
  }

  /** The calling tenant's attributes. Public with getters, so that Casbin's evaluator reads them. */
  public static final class SubjectAttributes implements CacheableParam {
    private final String id;
    private final String region;

    SubjectAttributes(TenantInfo tenant) {
      this.id = tenant.id().value();
      this.region = tenant.region().value();
    }

    public String getId() {
      return id;
    }

    public String getRegion() {
      return region;
    }

    @Override
    public String getCacheKey() {
      return id;
    }
  }

  /** An image's attributes. */
  public static final class ImageAttributes implements CacheableParam {
    private final String id;
    private final String owner;
    private final String imageClass;
    private final String status;
    private final String region;
    private final boolean encrypted;
    private final String type;
    private final String source;
    private final int memberCount;
    private final String targets;
    private final String serverKinds;
    private final int minDiskGib;
    private final int minRamMib;
    private final boolean paidMarket;

    ImageAttributes(ImageRecord image) {
      this.id = image.id().value();
      this.owner = image.owner().map(TenantId::value).orElse("");
      this.imageClass = image.imageClass().name();
      this.status = image.status().name();
      this.region = image.region().value();
      this.encrypted = image.isEncrypted();
      this.type = image.type().name();
      this.source = image.source().name();
      this.memberCount = image.members().size();
      this.targets = delimited(Facts.targetNames(image.type()));
      this.serverKinds = delimited(image.serverKinds().stream().map(ServerKind::name).toList());
      this.minDiskGib = image.minDiskGib();
      this.minRamMib = image.minRamMib();
      this.paidMarket = image.listing().map(listing -> listing.isPaid()).orElse(false);
    }

    public String getId() {
      return id;
    }

    public String getOwner() {
      return owner;
    }

    public String getImageClass() {
      return imageClass;
    }

    public String getStatus() {
      return status;
    }

    public String getRegion() {
      return region;
    }

    public boolean getEncrypted() {
      return encrypted;
    }

    public String getType() {
      return type;
    }

    public String getSource() {
      return source;
    }

    public int getMemberCount() {
      return memberCount;
    }

    public String getTargets() {
      return targets;
    }

    public String getServerKinds() {
      return serverKinds;
    }

    public int getMinDiskGib() {
      return minDiskGib;
    }

    public int getMinRamMib() {
      return minRamMib;
    }

    public boolean getPaidMarket() {
      return paidMarket;
    }

    @Override
    public String getCacheKey() {
      return id;
    }
  }

  /** The request's attributes: what a use creates, or whom a share names. */
  public static final class RequestAttributes implements CacheableParam {
    private final String region;
    private final String target;
    private final boolean serverTarget;
    private final String serverKind;
    private final int diskGib;
    private final int ramMib;
    private final boolean acceptsPrice;
    private final String recipient;
    private final boolean recipientKnown;
    private final boolean recipientActive;
    private final String recipientRegion;

    RequestAttributes(UseRequest request) {
      this.region = request.region().value();
      this.target = delimited(java.util.List.of(request.target().name()));
      this.serverTarget = request.target().isServer();
      this.serverKind = request.serverKind().map(kind -> delimited(java.util.List.of(kind.name())))
          .orElse("");
      this.diskGib = request.diskGib();
      this.ramMib = request.ramMib();
      this.acceptsPrice = request.acceptsPrice();
      this.recipient = "";
      this.recipientKnown = false;
      this.recipientActive = false;
      this.recipientRegion = "";
    }

    RequestAttributes(TenantId recipient, TenantInfo known) {
      this.region = "";
      this.target = "";
      this.serverTarget = false;
      this.serverKind = "";
      this.diskGib = 0;
      this.ramMib = 0;
      this.acceptsPrice = false;
      this.recipient = recipient.value();
      this.recipientKnown = known != null;
      this.recipientActive = known != null && known.isActive();
      this.recipientRegion = known != null ? known.region().value() : "";
    }

    public String getRegion() {
      return region;
    }

    public String getTarget() {
      return target;
    }

    public boolean getServerTarget() {
      return serverTarget;
    }

    public String getServerKind() {
      return serverKind;
    }

    public int getDiskGib() {
      return diskGib;
    }

    public int getRamMib() {
      return ramMib;
    }

    public boolean getAcceptsPrice() {
      return acceptsPrice;
    }

    public String getRecipient() {
      return recipient;
    }

    public boolean getRecipientKnown() {
      return recipientKnown;
    }

    public boolean getRecipientActive() {
      return recipientActive;
    }

    public String getRecipientRegion() {
      return recipientRegion;
    }

    @Override
    public String getCacheKey() {
      return region + '|' + target + '|' + serverKind + '|' + diskGib + '|' + ramMib + '|'
          + acceptsPrice + '|' + recipient;
    }
  }

  // Bars around each name, so that "SERVER" is not found inside "|TEMPORARY_SERVER|".
  private static String delimited(java.util.List<String> names) {
    return "|" + String.join("|", names) + "|";
  }
}
