package dev.imago.benchmarks;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.imago.core.policy.UseRequest;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.Membership;
import dev.imago.spi.ServerKind;
import dev.imago.spi.TenantId;
import dev.imago.spi.TenantInfo;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The use and share rules as two compiled CEL-Java expressions, evaluated over an activation map
 * that holds the facts of the image, the caller and the request, gathered per decision.
 */
final class CelPolicy implements Policy {
  private static final String USE = String.join(" && ",
      "(owner == caller || (imageClass != 'PRIVATE' && callerRegion == region)"
          + " || memberStatus == 'ACCEPTED')",
      "status == 'ACTIVE'",
      "requestRegion == region",
      "target in targets",
      "(!serverTarget || type == 'DATA_DISK' || serverKind == '' || serverKind in serverKinds)",
      "diskGib >= minDiskGib",
      "(!serverTarget || ramMib >= minRamMib)",
      "(!paidMarket || owner == caller || acceptsPrice)");
  private static final String SHARE = String.join(" && ",
      "owner == caller",
      "imageClass == 'PRIVATE'",
      "status == 'ACTIVE'",
      "!encrypted",
      "(type != 'FULL_SERVER' || source == 'CLOUD_BACKUP')",
      "recipientKnown",
      "recipientActive",
      "recipient != owner",
      "recipientRegion == region",
      "memberCount + (recipientIsMember ? 0 : 1) <= " + Facts.MEMBER_LIMIT);

  private final Facts facts;
  private final CelRuntime.Program use;
  private final CelRuntime.Program share;

  CelPolicy(Facts facts) {
    this.facts = facts;
    Map<String, CelType> variables = new LinkedHashMap<>();
    for (String name : List.of("caller", "callerRegion", "owner", "imageClass", "status", "region",
        "type", "source", "memberStatus", "requestRegion", "target", "serverKind", "recipient",
        "recipientRegion")) {
      variables.put(name, SimpleType.STRING);
    }
    for (String name : List.of("encrypted", "serverTarget", "acceptsPrice", "paidMarket",
        "recipientKnown", "recipientActive", "recipientIsMember")) {
      variables.put(name, SimpleType.BOOL);
    }
    for (String name : List.of("memberCount", "minDiskGib", "minRamMib", "diskGib", "ramMib")) {
      variables.put(name, SimpleType.INT);
    }
    variables.put("targets", ListType.create(SimpleType.STRING));
    variables.put("serverKinds", ListType.create(SimpleType.STRING));
    var builder = CelFactory.standardCelBuilder().setResultType(SimpleType.BOOL);
    variables.forEach(builder::addVar);
    Cel cel = builder.build();
    try {
      this.use = cel.createProgram(cel.compile(USE).getAst());
      this.share = cel.createProgram(cel.compile(SHARE).getAst());
    } catch (CelValidationException | CelEvaluationException e) {
      throw new IllegalStateException("the CEL rules do not compile", e);
    }
  }

  @Override
  public boolean allows(DecisionCase decision) {
    ImageRecord image = facts.images.get(decision.image());
    TenantInfo caller = facts.tenants.get(decision.tenant());
    if (image == null || caller == null) {
      return false;
    }
    Map<String, Object> activation = new HashMap<>(64);
    activation.put("caller", caller.id().value());
    activation.put("callerRegion", caller.region().value());
    activation.put("owner", image.owner().map(TenantId::value).orElse(""));
    activation.put("imageClass", image.imageClass().name());
    activation.put("status", image.status().name());
    activation.put("region", image.region().value());
    activation.put("type", image.type().name());
    activation.put("source", image.source().name());
    activation.put("encrypted", image.isEncrypted());
    activation.put("memberCount", (long) image.members().size());
    activation.put("minDiskGib", (long) image.minDiskGib());
    activation.put("minRamMib", (long) image.minRamMib());
    activation.put("paidMarket", image.listing().map(listing -> listing.isPaid()).orElse(false));
    UseRequest request = decision.request();
    try {
      if (request != null) {
        Membership membership = image.members().get(caller.id());
        activation.put("memberStatus", membership == null ? "" : membership.status().name());
        activation.put("targets", Facts.targetNames(image.type()));
        activation.put("serverKinds",
            image.serverKinds().stream().map(ServerKind::name).toList());
        activation.put("requestRegion", request.region().value());
        activation.put("target", request.target().name());
        activation.put("serverTarget", request.target().isServer());
        activation.put("serverKind", request.serverKind().map(ServerKind::name).orElse(""));
        activation.put("diskGib", (long) request.diskGib());
        activation.put("ramMib", (long) request.ramMib());
        activation.put("acceptsPrice", request.acceptsPrice());
        return (Boolean) use.eval(activation);
      }
      TenantId recipientId = decision.recipient();
      TenantInfo recipient = facts.tenants.get(recipientId);
      activation.put("recipient", recipientId.value());
      activation.put("recipientKnown", recipient != null);
      activation.put("recipientActive", recipient != null && recipient.isActive());
      activation.put("recipientRegion", recipient != null ? recipient.region().value() : "");
      activation.put("recipientIsMember", image.members().containsKey(recipientId));
      return (Boolean) share.eval(activation);
    } catch (CelEvaluationException e) {
      throw new IllegalStateException("CEL could not decide " + decision, e);
    }
  }
}
