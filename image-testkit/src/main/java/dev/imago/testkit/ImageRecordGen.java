package dev.imago.testkit;

import dev.imago.spi.BackupId;
import dev.imago.spi.Deprecation;
import dev.imago.spi.DiskRole;
import dev.imago.spi.DiskSpec;
import dev.imago.spi.ImageClass;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageSource;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.ImageType;
import dev.imago.spi.Inputs;
import dev.imago.spi.KeyId;
import dev.imago.spi.Membership;
import dev.imago.spi.RegionId;
import dev.imago.spi.ReplicaOrigin;
import dev.imago.spi.ServerKind;
import dev.imago.spi.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

/**
 * A generator of valid {@link ImageRecord}s, made by {@link ImageGenerators#images()} and
 * narrowed with its {@code with...} methods, each of which returns a new generator:
 *
 * <pre>{@code
 * Gen<ImageRecord> privateImagesOfAlice = ImageGenerators.images()
 *     .withClasses(ImageClass.PRIVATE)
 *     .withTenants(Generate.constant(TenantId.of("alice")));
 * }</pre>
 *
 * <p>A record's class decides its type (PUBLIC: SYSTEM_DISK; MARKET: SYSTEM_DISK or
 * FULL_SERVER), the type its sources, OS, disks and server kinds, the source its backup or
 * origin; MARKET images are unencrypted and listed; only PRIVATE images that are not DELETED have
 * members, never their owner. Versions run from 1 to 5: to save a record as a new image, take
 * {@code record.withVersion(1)}.
 */
public final class ImageRecordGen implements Gen<ImageRecord> {
  private static final Map<ImageClass, List<ImageType>> TYPES = Map.of(
      ImageClass.PUBLIC, List.of(ImageType.SYSTEM_DISK),
      ImageClass.PRIVATE, List.of(ImageType.values()),
      ImageClass.MARKET, List.of(ImageType.SYSTEM_DISK, ImageType.FULL_SERVER));
  private static final Map<ImageType, List<ImageSource>> SOURCES = Map.of(
      ImageType.SYSTEM_DISK,
      List.of(ImageSource.SERVER, ImageSource.EXTERNAL_FILE, ImageSource.REPLICA),
      ImageType.DATA_DISK,
      List.of(ImageSource.DATA_DISK, ImageSource.EXTERNAL_FILE, ImageSource.REPLICA),
      ImageType.FULL_SERVER,
      List.of(ImageSource.SERVER, ImageSource.CLOUD_BACKUP, ImageSource.REPLICA),
      ImageType.ISO, List.of(ImageSource.ISO_FILE));
  private static final Gen<Set<ServerKind>> SERVER_KINDS = Generate.pick(List.of(
      Set.of(ServerKind.ECS), Set.of(ServerKind.BMS), Set.of(ServerKind.ECS, ServerKind.BMS)));
  private static final Gen<Integer> DISK_SIZES = Generate.range(1, 2_048);
  private static final Gen<Integer> DATA_DISK_COUNTS = Generate.range(0, 3);
  private static final Gen<String> FAMILIES = Generate.pick(List.of("web", "db"));
  private static final Gen<Integer> MEMBER_COUNTS = Generate.range(0, 3);
  private static final Gen<String> DESCRIPTIONS =
      ImageGenerators.textOf("abcdefghij .,-", Generate.range(0, 40));

  private Gen<ImageId> ids = ImageGenerators.imageIds();
  private Gen<TenantId> tenants = ImageGenerators.tenantIds();
  private Gen<RegionId> regions = ImageGenerators.regionIds();
  private Gen<String> names = ImageGenerators.names();
  private Gen<Instant> times = ImageGenerators.instants();
  private Gen<Map<String, String>> tags = ImageGenerators.tags();
  private Gen<ImageClass> classes = Generate.enumValues(ImageClass.class);
  private Gen<ImageStatus> statuses = Generate.enumValues(ImageStatus.class);

  ImageRecordGen() {}

  /**
   * Returns a generator that draws image ids from {@code ids}.
   *
   * @param ids the ids
   * @return the new generator
   * @throws dev.imago.spi.InputException if {@code ids} is absent
   */
  public ImageRecordGen withIds(Gen<ImageId> ids) {
    Inputs.present(ids, "ids");
    return copy(copy -> copy.ids = ids);
  }

  /**
   * Returns a generator that draws owners and members from {@code tenants}.
   *
   * @param tenants the tenants
   * @return the new generator
   * @throws dev.imago.spi.InputException if {@code tenants} is absent
   */
  public ImageRecordGen withTenants(Gen<TenantId> tenants) {
    Inputs.present(tenants, "tenants");
    return copy(copy -> copy.tenants = tenants);
  }

  /**
   * Returns a generator that draws image regions, and the regions replicas come from, from
   * {@code regions}.
   *
   * @param regions the regions
   * @return the new generator
   * @throws dev.imago.spi.InputException if {@code regions} is absent
   */
  public ImageRecordGen withRegions(Gen<RegionId> regions) {
    Inputs.present(regions, "regions");
    return copy(copy -> copy.regions = regions);
  }

  /**
   * Returns a generator that draws names from {@code names}, which must be valid.
   *
   * @param names the names
   * @return the new generator
   * @throws dev.imago.spi.InputException if {@code names} is absent
   */
  public ImageRecordGen withNames(Gen<String> names) {
    Inputs.present(names, "names");
    return copy(copy -> copy.names = names);
  }

  /**
   * Returns a generator that draws creation times from {@code times}; an update time is the
   * creation time or up to a day later.
   *
   * @param times the creation times
   * @return the new generator
   * @throws dev.imago.spi.InputException if {@code times} is absent
   */
  public ImageRecordGen withTimes(Gen<Instant> times) {
    Inputs.present(times, "times");
    return copy(copy -> copy.times = times);
  }

  /**
   * Returns a generator that draws tags from {@code tags}, which must be valid.
   *
   * @param tags the tags
   * @return the new generator
   * @throws dev.imago.spi.InputException if {@code tags} is absent
   */
  public ImageRecordGen withTags(Gen<Map<String, String>> tags) {
    Inputs.present(tags, "tags");
    return copy(copy -> copy.tags = tags);
  }

  /**
   * Returns a generator of images of the given classes only.
   *
   * @param first a class
   * @param more more classes
   * @return the new generator
   * @throws dev.imago.spi.InputException if a class is absent
   */
  public ImageRecordGen withClasses(ImageClass first, ImageClass... more) {
    List<ImageClass> allowed = listOf(first, more, "classes");
    return copy(copy -> copy.classes = Generate.pick(allowed));
  }

  /**
   * Returns a generator of images in the given statuses only.
   *
   * @param first a status
   * @param more more statuses
   * @return the new generator
   * @throws dev.imago.spi.InputException if a status is absent
   */
  public ImageRecordGen withStatuses(ImageStatus first, ImageStatus... more) {
    List<ImageStatus> allowed = listOf(first, more, "statuses");
    return copy(copy -> copy.statuses = Generate.pick(allowed));
  }

  /**
   * Generates a record.
   *
   * @param in the source of randomness
   * @return a valid record
   */
  @Override
  public ImageRecord generate(RandomnessSource in) {
    ImageClass imageClass = classes.generate(in);
    ImageType type = Generate.pick(TYPES.get(imageClass)).generate(in);
    ImageSource source = Generate.pick(SOURCES.get(type)).generate(in);
    ImageStatus status = statuses.generate(in);
    RegionId region = regions.generate(in);
    Instant createdAt = times.generate(in);
    Optional<TenantId> owner = imageClass == ImageClass.PUBLIC
        ? Optional.empty() : Optional.of(tenants.generate(in));
    List<DiskSpec> disks = disks(type, in);
    int smallestDisk = disks.isEmpty() ? 1 : disks.get(0).sizeGib();
    ImageId id = ids.generate(in);
    ImageRecord.Builder image = ImageRecord.builder()
        .id(id)
        .name(names.generate(in))
        .description(DESCRIPTIONS.generate(in))
        .imageClass(imageClass)
        .type(type)
        .source(source)
        .status(status)
        .region(region)
        .owner(owner)
        .disks(disks)
        .minDiskGib(Generate.range(smallestDisk, DiskSpec.MAX_SIZE_GIB).generate(in))
        .minRamMib(Generate.range(0, 1 << 20).generate(in))
        .sizeBytes(Generate.longRange(0, 1L << 40).generate(in))
        .deletionProtected(Generate.booleans().generate(in))
        .tags(tags.generate(in))
        .createdAt(createdAt)
        .updatedAt(createdAt.plusSeconds(Generate.range(0, 86_400).generate(in)))
        .version(Generate.longRange(1, 5).generate(in));
    switch (type) {
      case SYSTEM_DISK, FULL_SERVER -> image.os(ImageGenerators.osFacts().generate(in));
      case ISO -> image.os(ImageGenerators.osFacts().toOptionals(50).generate(in));
      case DATA_DISK -> { }
    }
    if (type != ImageType.DATA_DISK) {
      image.serverKinds(SERVER_KINDS.generate(in));
    }
    if (imageClass == ImageClass.MARKET) {
      image.listing(ImageGenerators.marketListings().generate(in));
    } else {
      image.encryptionKey(ImageGenerators.idStrings().map(KeyId::of).toOptionals(70).generate(in));
    }
    if (imageClass == ImageClass.PRIVATE && status != ImageStatus.DELETED) {
      image.members(members(owner.orElseThrow(), in));
    }
    if (source == ImageSource.CLOUD_BACKUP) {
      image.backup(ImageGenerators.idStrings().map(BackupId::of).generate(in));
    }
    if (Generate.range(1, 4).generate(in) == 1) {
      image.deprecation(deprecation(id, in));
    }
    if (Generate.booleans().generate(in)) {
      image.family(FAMILIES.generate(in)).excludedFromLatest(Generate.range(1, 4).generate(in) == 1);
    }
    if (source == ImageSource.REPLICA) {
      image.origin(ReplicaOrigin.of(ids.generate(in), otherThan(region, regions.generate(in))));
    }
    return image.build();
  }

  // A schedule at the generator's times, to the nanosecond, sometimes with an obsolete time and a
  // replacement (never the image itself).
  private Deprecation deprecation(ImageId self, RandomnessSource in) {
    Instant deprecatedAt = times.generate(in)
        .plusNanos(Generate.pick(List.of(0, 0, 1, 999_999_999)).generate(in));
    Deprecation.Builder schedule = Deprecation.builder().deprecatedAt(deprecatedAt);
    if (Generate.booleans().generate(in)) {
      schedule.obsoleteAt(deprecatedAt.plusSeconds(Generate.range(0, 86_400).generate(in)));
    }
    ImageId replacement = ids.generate(in);
    if (Generate.booleans().generate(in) && !replacement.equals(self)) {
      schedule.replacement(replacement);
    }
    return schedule.build();
  }

  private static List<DiskSpec> disks(ImageType type, RandomnessSource in) {
    List<DiskSpec> disks = new ArrayList<>();
    switch (type) {
      case SYSTEM_DISK -> disks.add(DiskSpec.of(DiskRole.SYSTEM, DISK_SIZES.generate(in)));
      case DATA_DISK -> disks.add(DiskSpec.of(DiskRole.DATA, DISK_SIZES.generate(in)));
      case FULL_SERVER -> {
        disks.add(DiskSpec.of(DiskRole.SYSTEM, DISK_SIZES.generate(in)));
        for (int i = DATA_DISK_COUNTS.generate(in); i > 0; i--) {
          disks.add(DiskSpec.of(DiskRole.DATA, DISK_SIZES.generate(in)));
        }
      }
      case ISO -> { }
    }
    return disks;
  }

  private Map<TenantId, Membership> members(TenantId owner, RandomnessSource in) {
    Gen<Membership> memberships = ImageGenerators.memberships(tenants);
    Map<TenantId, Membership> members = new LinkedHashMap<>();
    for (int i = MEMBER_COUNTS.generate(in); i > 0; i--) {
      Membership membership = memberships.generate(in);
      if (!membership.tenant().equals(owner)) {
        members.putIfAbsent(membership.tenant(), membership);
      }
    }
    return members;
  }

  // A replica's origin lies in another region than the replica.
  private static RegionId otherThan(RegionId region, RegionId candidate) {
    if (!candidate.equals(region)) {
      return candidate;
    }
    return RegionId.of(region.value().equals("origin-1") ? "origin-2" : "origin-1");
  }

  private ImageRecordGen copy(Consumer<ImageRecordGen> change) {
    ImageRecordGen copy = new ImageRecordGen();
    copy.ids = ids;
    copy.tenants = tenants;
    copy.regions = regions;
    copy.names = names;
    copy.times = times;
    copy.tags = tags;
    copy.classes = classes;
    copy.statuses = statuses;
    change.accept(copy);
    return copy;
  }

  private static <E extends Enum<E>> List<E> listOf(E first, E[] more, String field) {
    List<E> all = new ArrayList<>();
    all.add(Inputs.present(first, field));
    for (E value : Inputs.present(more, field)) {
      all.add(Inputs.present(value, field));
    }
    return List.copyOf(EnumSet.copyOf(all));
  }
}
