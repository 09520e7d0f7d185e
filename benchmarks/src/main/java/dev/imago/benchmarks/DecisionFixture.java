package dev.imago.benchmarks;

import dev.imago.core.ImageNotFoundException;
import dev.imago.core.ImageService;
import dev.imago.core.Imago;
import dev.imago.core.policy.Action;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.UseRequest;
import dev.imago.core.policy.UseTarget;
import dev.imago.spi.Architecture;
import dev.imago.spi.BackupId;
import dev.imago.spi.BootMode;
import dev.imago.spi.DiskRole;
import dev.imago.spi.DiskSpec;
import dev.imago.spi.ImageChange;
import dev.imago.spi.ImageClass;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageSource;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.ImageType;
import dev.imago.spi.KeyId;
import dev.imago.spi.MarketListing;
import dev.imago.spi.Membership;
import dev.imago.spi.MembershipStatus;
import dev.imago.spi.OsFacts;
import dev.imago.spi.OsType;
import dev.imago.spi.Platform;
import dev.imago.spi.Price;
import dev.imago.spi.PriceUnit;
import dev.imago.spi.RegionId;
import dev.imago.spi.ServerKind;
import dev.imago.spi.TenantId;
import dev.imago.spi.TenantInfo;
import dev.imago.spi.TenantStatus;
import dev.imago.store.memory.InMemoryImageStore;
import dev.imago.store.memory.InMemoryTenantDirectory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The images and tenants of the decision benchmarks, held alike by Imago (a memory store and a
 * tenant directory behind an {@link ImageService}) and by the hand-written floor and the peers
 * ({@link Facts}), with the cases to decide.
 */
final class DecisionFixture {
  static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");
  private static final int MEMBERS = Facts.MEMBER_LIMIT;

  final Facts facts = new Facts();
  final InMemoryImageStore store = new InMemoryImageStore();
  final InMemoryTenantDirectory directory = new InMemoryTenantDirectory();
  final ImageService imago = Imago.builder().store(store).tenants(directory)
      .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
  /** Allowed uses of images with 128 members, the measured loop. */
  final List<DecisionCase> uses = new ArrayList<>();
  /** Allowed shares of images with 128 members, the measured loop. */
  final List<DecisionCase> shares = new ArrayList<>();
  /** Allowed and denied cases of every kind, on which all policies must agree. */
  final List<DecisionCase> sample = new ArrayList<>();

  private DecisionFixture() {}

  /**
   * A few images reused: four PRIVATE images with 128 members each, which the measured cases
   * use and share, and neighbours that give every rule a case to deny.
   */
  static DecisionFixture warm() {
    DecisionFixture fixture = new DecisionFixture();
    List<TenantId> north = new ArrayList<>();
    List<TenantId> south = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      north.add(fixture.addTenant("north-" + i, Population.NORTH, TenantStatus.ACTIVE));
    }
    for (int i = 0; i < 20; i++) {
      south.add(fixture.addTenant("south-" + i, Population.SOUTH, TenantStatus.ACTIVE));
    }
    TenantId suspended = fixture.addTenant("north-suspended", Population.NORTH,
        TenantStatus.SUSPENDED);
    List<ImageRecord> images = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ImageRecord measured = fixture.addImage(systemDisk("measured-" + i, north.get(i))
          .putAllMembers(members(north.subList(10, 10 + MEMBERS))).build());
      images.add(measured);
      TenantId member = Population.membersWith(measured, MembershipStatus.ACCEPTED).get(i);
      fixture.uses.add(DecisionCase.use(member, measured.id(), serverIn(Population.NORTH)));
      fixture.shares.add(DecisionCase.share(north.get(i), measured.id(), member));
    }
    List<TenantId> few = north.subList(200, 203);
    images.add(fixture.addImage(systemDisk("few-members", north.get(4))
        .putAllMembers(members(few)).build()));
    images.add(fixture.addImage(systemDisk("deactivated", north.get(5))
        .status(ImageStatus.DEACTIVATED).putAllMembers(members(few)).build()));
    images.add(fixture.addImage(systemDisk("encrypted", north.get(6))
        .encryptionKey(KeyId.of("kms-1")).putAllMembers(members(few)).build()));
    images.add(fixture.addImage(systemDisk("public-north", null).build()));
    images.add(fixture.addImage(systemDisk("public-south", null).region(Population.SOUTH)
        .build()));
    images.add(fixture.addImage(systemDisk("paid-market", north.get(7))
        .imageClass(ImageClass.MARKET)
        .listing(MarketListing.paid(Price.of("0.50", "USD", PriceUnit.PER_HOUR), NOW)).build()));
    images.add(fixture.addImage(fullServer("full-from-server", north.get(8), ImageSource.SERVER)
        .putAllMembers(members(few)).build()));
    images.add(fixture.addImage(fullServer("full-from-backup", north.get(8),
        ImageSource.CLOUD_BACKUP).backup(BackupId.of("cbr-1")).putAllMembers(members(few))
        .build()));
    images.add(fixture.addImage(dataDisk("data-disk", north.get(9)).putAllMembers(members(few))
        .build()));
    images.add(fixture.addImage(systemDisk("south-private", south.get(0))
        .region(Population.SOUTH).build()));
    for (ImageRecord image : images) {
      fixture.addSampleCases(image, List.of(north.get(299), south.get(19)),
          List.of(north.get(250), south.get(18), suspended, TenantId.of("nobody")));
    }
    return fixture;
  }

  /**
   * Random images out of a large population, each with 128 members: the ids, records and member
   * maps the measured cases touch are spread over far more memory than the caches hold.
   *
   * @param images how many images the store holds
   * @param cases how many cases to prepare
   */
  static DecisionFixture cold(int images, int cases) {
    DecisionFixture fixture = new DecisionFixture();
    // 10k tenants at 1M images; never fewer than two regions' worth of 128 members and an owner.
    Population population = new Population(images, Math.max(400, images / 100), 0.10, 0.01,
        MEMBERS, MEMBERS);
    for (int i = 0; i < population.tenants(); i++) {
      fixture.addTenant(TenantInfo.builder().id(Population.tenantId(i))
          .region(Population.regionOf(i)).build());
    }
    List<ImageRecord> candidates = new ArrayList<>();
    population.forEachImage(image -> {
      fixture.addImage(image);
      if (image.members().size() == MEMBERS && image.status() == ImageStatus.ACTIVE
          && image.type() == ImageType.SYSTEM_DISK) {
        candidates.add(image);
      }
    });
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < cases; i++) {
      ImageRecord image = candidates.get(random.nextInt(candidates.size()));
      List<TenantId> accepted = Population.membersWith(image, MembershipStatus.ACCEPTED);
      TenantId member = accepted.get(random.nextInt(accepted.size()));
      // Fresh ids, as a host parses them from each request.
      ImageId id = ImageId.of(image.id().value());
      fixture.uses.add(DecisionCase.use(TenantId.of(member.value()), id,
          serverIn(image.region())));
      fixture.shares.add(DecisionCase.share(TenantId.of(image.owner().get().value()), id,
          TenantId.of(member.value())));
    }
    for (int i = 0; i < Math.min(cases, 100); i++) {
      DecisionCase use = fixture.uses.get(i);
      DecisionCase share = fixture.shares.get(i);
      // A tenant of the other region is neither the owner nor a member: denied, as not found.
      TenantId abroad = Population.tenantId(
          (Population.tenantIndex(share.tenant()) + 1) % population.tenants());
      fixture.sample.addAll(List.of(use, share,
          DecisionCase.use(abroad, use.image(), use.request()),
          DecisionCase.share(share.tenant(), share.image(), abroad)));
    }
    return fixture;
  }

  /** Imago through its one entry point, as a host calls it. */
  Policy imagoCheck() {
    return decision -> {
      try {
        return imago.check(decision.caller(), decision.action()).isAllowed();
      } catch (ImageNotFoundException notFound) {
        return false;
      }
    };
  }

  /**
   * Returns the context {@code ImageService.check} would gather for a case, so that the engine
   * can be measured alone.
   *
   * @param decision the case
   * @return its context
   */
  Context contextOf(DecisionCase decision) {
    Context.Builder context = Context.builder()
        .caller(decision.caller())
        .action(decision.action())
        .now(NOW)
        .callerTenant(directory.find(decision.tenant()))
        .image(store.load(decision.image()));
    if (decision.action() instanceof Action.Share share) {
      for (TenantId recipient : share.recipients()) {
        directory.find(recipient).ifPresent(found -> context.putTenants(recipient, found));
      }
    }
    return context.build();
  }

  /**
   * Asserts that every policy answers every sample case as Imago does, and that the sample holds
   * both answers.
   *
   * @param policies the policies, by name
   * @throws IllegalStateException if one disagrees
   */
  void assertAgreement(java.util.Map<String, Policy> policies) {
    Policy reference = imagoCheck();
    int allowed = 0;
    for (DecisionCase decision : sample) {
      boolean expected = reference.allows(decision);
      allowed += expected ? 1 : 0;
      policies.forEach((name, policy) -> {
        if (policy.allows(decision) != expected) {
          throw new IllegalStateException(name + " answers " + !expected + " where Imago answers "
              + expected + ": " + decision);
        }
      });
    }
    if (allowed == 0 || allowed == sample.size()) {
      throw new IllegalStateException("the sample must hold allowed and denied cases");
    }
  }

  private void addSampleCases(ImageRecord image, List<TenantId> strangers,
      List<TenantId> recipients) {
    List<TenantId> callers = new ArrayList<>(strangers);
    image.owner().ifPresent(callers::add);
    for (MembershipStatus status : MembershipStatus.values()) {
      Population.membersWith(image, status).stream().limit(1).forEach(callers::add);
    }
    List<TenantId> shareWith = new ArrayList<>(recipients);
    shareWith.addAll(callers);
    for (TenantId caller : callers) {
      for (RegionId region : List.of(Population.NORTH, Population.SOUTH)) {
        sample.add(DecisionCase.use(caller, image.id(), serverIn(region)));
        sample.add(DecisionCase.use(caller, image.id(), request(UseTarget.DATA_DISK, region, 100,
            false)));
        sample.add(DecisionCase.use(caller, image.id(), request(UseTarget.SERVER, region, 10,
            true)));
      }
      for (TenantId recipient : shareWith) {
        if (!recipient.equals(caller)) {
          sample.add(DecisionCase.share(caller, image.id(), recipient));
        }
      }
    }
  }

  private TenantId addTenant(String id, RegionId region, TenantStatus status) {
    return addTenant(TenantInfo.builder().id(TenantId.of(id)).region(region).status(status)
        .build());
  }

  private TenantId addTenant(TenantInfo tenant) {
    facts.add(tenant);
    directory.put(tenant);
    return tenant.id();
  }

  private ImageRecord addImage(ImageRecord image) {
    facts.add(image);
    store.save(ImageChange.of(image, 0, List.of()));
    return image;
  }

  private static UseRequest serverIn(RegionId region) {
    return request(UseTarget.SERVER, region, 40, false);
  }

  private static UseRequest request(UseTarget target, RegionId region, int diskGib,
      boolean acceptsPrice) {
    UseRequest.Builder request = UseRequest.builder().target(target).region(region)
        .diskGib(diskGib).ramMib(2048).acceptsPrice(acceptsPrice);
    if (target.isServer()) {
      request.serverKind(ServerKind.ECS);
    }
    return request.build();
  }

  private static Map<TenantId, Membership> members(List<TenantId> tenants) {
    Map<TenantId, Membership> members = new LinkedHashMap<>();
    MembershipStatus[] answers = MembershipStatus.values();
    for (int i = 0; i < tenants.size(); i++) {
      // Mostly ACCEPTED, with PENDING and REJECTED ones among them.
      MembershipStatus status = i % 8 < 6 ? MembershipStatus.ACCEPTED : answers[i % 2 == 0 ? 0 : 2];
      members.put(tenants.get(i), Membership.builder().tenant(tenants.get(i)).status(status)
          .createdAt(NOW).updatedAt(NOW).build());
    }
    return members;
  }

  private static ImageRecord.Builder base(String id, TenantId owner) {
    ImageRecord.Builder image = ImageRecord.builder().id(ImageId.of(id)).name(id)
        .imageClass(owner == null ? ImageClass.PUBLIC : ImageClass.PRIVATE)
        .status(ImageStatus.ACTIVE).region(Population.NORTH).minRamMib(1024)
        .createdAt(NOW).updatedAt(NOW).version(1);
    if (owner != null) {
      image.owner(owner);
    }
    return image;
  }

  private static OsFacts ubuntu() {
    return OsFacts.builder().osType(OsType.LINUX).platform(Platform.UBUNTU).osVersion("22.04")
        .architecture(Architecture.X86_64).bootMode(BootMode.UEFI).build();
  }

  private static ImageRecord.Builder systemDisk(String id, TenantId owner) {
    return base(id, owner).type(ImageType.SYSTEM_DISK)
        .source(owner == null ? ImageSource.EXTERNAL_FILE : ImageSource.SERVER).os(ubuntu())
        .addDisks(DiskSpec.of(DiskRole.SYSTEM, 40)).minDiskGib(40).addServerKinds(ServerKind.ECS);
  }

  private static ImageRecord.Builder fullServer(String id, TenantId owner,
      ImageSource source) {
    return base(id, owner).type(ImageType.FULL_SERVER).source(source).os(ubuntu())
        .addDisks(DiskSpec.of(DiskRole.SYSTEM, 40), DiskSpec.of(DiskRole.DATA, 100))
        .minDiskGib(40).addServerKinds(ServerKind.ECS);
  }

  private static ImageRecord.Builder dataDisk(String id, TenantId owner) {
    return base(id, owner).type(ImageType.DATA_DISK).source(ImageSource.DATA_DISK)
        .addDisks(DiskSpec.of(DiskRole.DATA, 100)).minDiskGib(100);
  }
}
