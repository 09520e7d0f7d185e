package dev.imago.benchmarks;

import dev.imago.spi.Architecture;
import dev.imago.spi.BootMode;
import dev.imago.spi.Deprecation;
import dev.imago.spi.DiskRole;
import dev.imago.spi.DiskSpec;
import dev.imago.spi.ImageChange;
import dev.imago.spi.ImageClass;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageSource;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.ImageType;
import dev.imago.spi.Membership;
import dev.imago.spi.MembershipStatus;
import dev.imago.spi.OsFacts;
import dev.imago.spi.OsType;
import dev.imago.spi.Platform;
import dev.imago.spi.RegionId;
import dev.imago.spi.ServerKind;
import dev.imago.spi.TenantId;
import dev.imago.spi.TenantInfo;
import dev.imago.store.memory.InMemoryImageStore;
import dev.imago.store.memory.InMemoryTenantDirectory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A seeded, reproducible population of tenants and images, the data every benchmark and every
 * peer is loaded with. Tenants alternate between two regions; an image is PUBLIC or else PRIVATE
 * to a tenant of its region, and a share of the private images have members of that region.
 *
 * <p>Every record gets its own objects (ids, names, OS facts, disks, member tenant ids), as a host
 * that reads its images from a database would hand them over, so the memory benchmark measures
 * what a store really retains.
 *
 * @param images how many images
 * @param tenants how many tenants, half in each region
 * @param publicShare the fraction of images that are PUBLIC
 * @param sharedShare the fraction of PRIVATE images that have members
 * @param minMembers the fewest members of a shared image
 * @param maxMembers the most members of a shared image
 * @param retired whether images are in families and some deprecated (see {@link
 *     #withRetirements()})
 */
record Population(int images, int tenants, double publicShare, double sharedShare,
    int minMembers, int maxMembers, boolean retired) {
  static final RegionId NORTH = RegionId.of("cn-north-4");
  static final RegionId SOUTH = RegionId.of("ap-southeast-1");
  /** Creation time of image 0; image {@code i} is {@code i} seconds younger, so ids break no tie. */
  static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

  private static final long SEED = 20261128L;
  private static final Platform[] LINUXES = {Platform.UBUNTU, Platform.DEBIAN, Platform.CENTOS,
      Platform.EULEROS};

  /**
   * The listing population of issue 6: 10k tenants, 10 % PUBLIC images, 20 % of PRIVATE images
   * shared with 1 to 128 members each.
   */
  static Population forListing(int images) {
    return new Population(images, 10_000, 0.10, 0.20, 1, 128);
  }

  /** A population of images in no family and never deprecated. */
  Population(int images, int tenants, double publicShare, double sharedShare, int minMembers,
      int maxMembers) {
    this(images, tenants, publicShare, sharedShare, minMembers, maxMembers, false);
  }

  /**
   * The same images, retired: every private image in one of four families of its owner
   * ("line-0" to "line-3"), every public image in one of eight platform families ("os-0" to
   * "os-7"), and one image in ten deprecated from {@link #EPOCH}, before any image was made.
   */
  Population withRetirements() {
    return new Population(images, tenants, publicShare, sharedShare, minMembers, maxMembers,
        true);
  }

  /**
   * The time retiring benchmarks judge at: a day after the youngest image, when every schedule
   * has taken effect.
   */
  Instant judgedAt() {
    return createdAt(images).plusSeconds(86_400);
  }

  /** Returns the id of tenant {@code index}, a new object at each call. */
  static TenantId tenantId(int index) {
    return TenantId.of("tenant-" + padded(index, 5));
  }

  /** Returns the index of a tenant id made by {@link #tenantId(int)}. */
  static int tenantIndex(TenantId id) {
    return Integer.parseInt(id.value().substring("tenant-".length()));
  }

  /** Returns the region of tenant {@code index}. */
  static RegionId regionOf(int index) {
    return index % 2 == 0 ? NORTH : SOUTH;
  }

  /** Returns the id of image {@code index}, a new object at each call. */
  static ImageId imageId(int index) {
    return ImageId.of("img-" + padded(index, 8));
  }

  // Zero-padded, so ids sort as their numbers do; String.format would dominate the set-up.
  private static String padded(int number, int digits) {
    String plain = Integer.toString(number);
    return "0".repeat(Math.max(0, digits - plain.length())) + plain;
  }

  /** Returns the creation time of image {@code index}. */
  static Instant createdAt(int index) {
    return EPOCH.plusSeconds(index);
  }

  /** Returns new OS facts of one of a few Linux platforms. */
  static OsFacts linux(int platform) {
    return OsFacts.builder().osType(OsType.LINUX).platform(LINUXES[platform % LINUXES.length])
        .osVersion("22.04").architecture(Architecture.X86_64).bootMode(BootMode.UEFI).build();
  }

  /** Puts every tenant, all ACTIVE, in a directory. */
  InMemoryTenantDirectory directory() {
    InMemoryTenantDirectory directory = new InMemoryTenantDirectory();
    for (int i = 0; i < tenants; i++) {
      directory.put(TenantInfo.builder().id(tenantId(i)).region(regionOf(i)).build());
    }
    return directory;
  }

  /** Counts the memberships of every image, generating them once. */
  long countMembers() {
    long[] members = {0};
    forEachImage(image -> members[0] += image.members().size());
    return members[0];
  }

  /** Saves every image in a new memory store. */
  InMemoryImageStore store() {
    InMemoryImageStore store = new InMemoryImageStore();
    forEachImage(record -> store.save(ImageChange.of(record, 0, List.of())));
    return store;
  }

  /**
   * Hands every image to {@code sink}, in id order, the same images at every call.
   *
   * @param sink what receives the images
   */
  void forEachImage(Consumer<ImageRecord> sink) {
    SplittableRandom random = new SplittableRandom(SEED);
    Set<Integer> chosen = new HashSet<>();
    for (int i = 0; i < images; i++) {
      sink.accept(image(i, random, chosen));
    }
  }

  private ImageRecord image(int index, SplittableRandom random, Set<Integer> chosen) {
    Instant created = createdAt(index);
    boolean isPublic = random.nextDouble() < publicShare;
    int owner = random.nextInt(tenants);
    RegionId region = isPublic ? regionOf(random.nextInt(2)) : regionOf(owner);
    boolean systemDisk = isPublic || random.nextDouble() < 0.7;
    ImageRecord.Builder image = ImageRecord.builder()
        .id(imageId(index))
        .name((isPublic ? "platform image " : "tenant image ") + index)
        .imageClass(isPublic ? ImageClass.PUBLIC : ImageClass.PRIVATE)
        .region(region)
        .status(random.nextDouble() < 0.9 ? ImageStatus.ACTIVE : ImageStatus.DEACTIVATED)
        .minRamMib(1024)
        .createdAt(created)
        .updatedAt(created)
        .version(1);
    if (systemDisk) {
      int diskGib = 40;
      image.type(ImageType.SYSTEM_DISK)
          .source(isPublic ? ImageSource.EXTERNAL_FILE : ImageSource.SERVER)
          .os(linux(random.nextInt(LINUXES.length)))
          .addDisks(DiskSpec.of(DiskRole.SYSTEM, diskGib))
          .minDiskGib(diskGib)
          .addServerKinds(ServerKind.ECS);
    } else {
      image.type(ImageType.DATA_DISK).source(ImageSource.DATA_DISK)
          .addDisks(DiskSpec.of(DiskRole.DATA, 100))
          .minDiskGib(100);
    }
    if (retired) {
      image.family(isPublic ? "os-" + index % 8 : "line-" + index % 4);
      if (index % 10 == 3) {
        image.deprecation(Deprecation.at(EPOCH));
      }
    }
    if (isPublic) {
      return image.build();
    }
    image.owner(tenantId(owner));
    if (random.nextDouble() < sharedShare) {
      int count = minMembers + random.nextInt(maxMembers - minMembers + 1);
      chosen.clear();
      while (chosen.size() < count) {
        // A member is another tenant of the owner's region: same parity as the owner.
        int member = (random.nextInt(tenants / 2) * 2 + owner % 2) % tenants;
        if (member != owner && chosen.add(member)) {
          Membership membership = membership(member, created, random);
          image.putMembers(membership.tenant(), membership);
        }
      }
    }
    return image.build();
  }

  private static Membership membership(int member, Instant created, SplittableRandom random) {
    double answer = random.nextDouble();
    MembershipStatus status = answer < 0.8 ? MembershipStatus.ACCEPTED
        : answer < 0.95 ? MembershipStatus.PENDING : MembershipStatus.REJECTED;
    return Membership.builder().tenant(tenantId(member)).status(status)
        .createdAt(created).updatedAt(created).build();
  }

  /**
   * Returns the members of a record with a status, in no particular order.
   *
   * @param record the record
   * @param status the status
   * @return the member tenants
   */
  static List<TenantId> membersWith(ImageRecord record, MembershipStatus status) {
    List<TenantId> members = new ArrayList<>();
    for (Membership membership : record.members().values()) {
      if (membership.status() == status) {
        members.add(membership.tenant());
      }
    }
    return members;
  }
}
