package dev.imago.testkit;

import dev.imago.core.UsePlan;
import dev.imago.core.policy.Charge;
import dev.imago.core.policy.Notice;
import dev.imago.spi.BackupId;
import dev.imago.spi.Deprecation;
import dev.imago.spi.DiskSpec;
import dev.imago.spi.ImageClass;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageSource;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.ImageType;
import dev.imago.spi.Membership;
import dev.imago.spi.MembershipStatus;
import dev.imago.spi.OsFacts;
import dev.imago.spi.Price;
import dev.imago.spi.Recycling;
import dev.imago.spi.RegionId;
import dev.imago.spi.ReplicaOrigin;
import dev.imago.spi.RuleCode;
import dev.imago.spi.ServerKind;
import dev.imago.spi.TenantId;
import dev.imago.spi.VaultId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the stateful contract compares of an image: every field the reference model predicts, as
 * one line. Versions and update times are left out: the model does not count saves.
 */
record ImageView(
    ImageId id,
    String name,
    ImageClass imageClass,
    ImageType type,
    ImageSource source,
    ImageStatus status,
    RegionId region,
    String owner,
    String os,
    String disks,
    int minDiskGib,
    int minRamMib,
    long sizeBytes,
    String serverKinds,
    boolean encrypted,
    boolean deletionProtected,
    String members,
    String listing,
    String tags,
    String origin,
    String backup,
    String deprecation,
    String family,
    String recycling,
    Instant createdAt) {

  /** The view of a record the service or the store returned. */
  static ImageView of(ImageRecord record) {
    return new ImageView(record.id(), record.name(), record.imageClass(), record.type(),
        record.source(), record.status(), record.region(), owner(record.owner()),
        os(record.os()), disks(record.disks()), record.minDiskGib(), record.minRamMib(),
        record.sizeBytes(), serverKinds(record.serverKinds()), record.isEncrypted(),
        record.deletionProtected(),
        members(record.members().values().stream().map(ImageView::member).toList()),
        record.listing().map(listing -> listing(listing.price())).orElse("-"),
        tags(record.tags()), origin(record.origin()), backup(record.backup()),
        deprecation(record.deprecation()), family(record.family(), record.excludedFromLatest()),
        recycling(record.recycling()), record.createdAt());
  }

  /** What putting an image in a family, or taking it out, answers: the image's family. */
  static String family(ImageRecord record) {
    return "family " + family(record.family(), record.excludedFromLatest());
  }

  /** A family and whether "latest" may pick the image, or "-" for none. */
  static String family(Optional<String> family, boolean excludedFromLatest) {
    return family.map(name -> name + (excludedFromLatest ? " (excluded from latest)" : ""))
        .orElse(excludedFromLatest ? "- (excluded from latest)" : "-");
  }

  /** A stay in the recycle bin: since when, until when, and the status it had, or "-". */
  static String recycling(Optional<Recycling> recycling) {
    return recycling.map(bin -> "from " + bin.recycledAt() + " until " + bin.purgeAt() + ", was "
        + bin.statusBefore()).orElse("-");
  }

  static String owner(Optional<TenantId> owner) {
    return owner.map(TenantId::value).orElse("-");
  }

  static String os(Optional<OsFacts> os) {
    return os.map(facts -> facts.osType() + "/" + facts.platform()).orElse("-");
  }

  static String disks(List<DiskSpec> disks) {
    return disks.stream().map(disk -> disk.role() + " " + disk.sizeGib()).toList().toString();
  }

  static String serverKinds(Collection<ServerKind> kinds) {
    return new TreeSet<>(kinds).toString();
  }

  static String members(List<String> members) {
    return members.toString();
  }

  static String member(Membership membership) {
    return member(membership.tenant(), membership.status(), membership.vault());
  }

  static String member(TenantId tenant, MembershipStatus status, Optional<VaultId> vault) {
    return tenant + ":" + status + vault.map(id -> " " + id).orElse("");
  }

  /** A listing, free or at a price; amounts compare by value, whatever their scale. */
  static String listing(Optional<Price> price) {
    return price.map(ImageView::price).map(text -> "paid " + text).orElse("free");
  }

  static String price(Price price) {
    return price.amount().stripTrailingZeros().toPlainString() + " "
        + price.currency().getCurrencyCode() + " " + price.unit();
  }

  static String tags(Map<String, String> tags) {
    return new TreeMap<>(tags).toString();
  }

  static String origin(Optional<ReplicaOrigin> origin) {
    return origin.map(from -> from.image() + "@" + from.region()).orElse("-");
  }

  static String backup(Optional<BackupId> backup) {
    return backup.map(BackupId::value).orElse("-");
  }

  /** A retirement schedule: its deprecation time, obsolete time and replacement, or "-". */
  static String deprecation(Optional<Deprecation> schedule) {
    return schedule.map(at -> "from " + at.deprecatedAt()
        + at.obsoleteAt().map(obsolete -> ", obsolete from " + obsolete).orElse("")
        + at.replacement().map(replacement -> ", replaced by " + replacement).orElse(""))
        .orElse("-");
  }

  /**
   * What a use plan says: how many disks are created, the charges and the codes of its notices
   * (their messages are not compared).
   */
  static String plan(UsePlan plan) {
    return plan(plan.disks().size(), plan.charges().stream()
        .map(charge -> charge(charge.kind(), charge.price())).toList(),
        plan.notices().stream().map(Notice::code).toList());
  }

  static String plan(int disks, List<String> charges, List<RuleCode> notices) {
    return disks + " disks, charges " + charges
        + (notices.isEmpty() ? "" : ", notices " + notices);
  }

  static String charge(Charge.Kind kind, Price price) {
    return kind + " " + price(price);
  }

  @Override
  public String toString() {
    return id + " \"" + name + "\" " + imageClass + " " + type + " from " + source + " "
        + status + " in " + region + " owner " + owner + " os " + os + " disks " + disks
        + " min " + minDiskGib + " GiB/" + minRamMib + " MiB size " + sizeBytes
        + " kinds " + serverKinds + (encrypted ? " encrypted" : "")
        + (deletionProtected ? " protected" : "") + " members " + members
        + " listing " + listing + " tags " + tags + " origin " + origin + " backup " + backup
        + (deprecation.equals("-") ? "" : " deprecated " + deprecation)
        + (family.equals("-") ? "" : " family " + family)
        + (recycling.equals("-") ? "" : " recycled " + recycling)
        + " created " + createdAt;
  }
}
