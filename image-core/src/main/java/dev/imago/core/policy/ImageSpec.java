package dev.imago.core.policy;

import dev.imago.spi.ImageType;
import dev.imago.spi.Inputs;
import dev.imago.spi.KeyId;
import dev.imago.spi.OsFacts;
import dev.imago.spi.ServerKind;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.immutables.value.Value;

/**
 * What a new image should be: its name, type and source, and the facts the source cannot tell
 * (an imported file's OS, say). Facts a server, disk or backup can tell are taken from it.
 */
@Value.Immutable
public abstract class ImageSpec implements WithImageSpec {
  ImageSpec() {}

  /**
   * Returns a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@code ImageSpec}; {@code build()} checks it. */
  public static final class Builder extends ImmutableImageSpec.Builder {
    Builder() {}
  }

  /**
   * Returns the new image's name (rule {@code INPUT_NAME}).
   *
   * @return the name
   */
  public abstract String name();

  /**
   * Returns the description (rule {@code INPUT_DESCRIPTION}); empty by default.
   *
   * @return the description
   */
  @Value.Default
  public String description() {
    return "";
  }

  /**
   * Returns what the image should hold.
   *
   * @return the type
   */
  public abstract ImageType type();

  /**
   * Returns what the image is made from.
   *
   * @return the source
   */
  public abstract SourceRef source();

  /**
   * Returns the OS of an imported file or ISO; ignored for servers and backups, whose OS is
   * known.
   *
   * @return the OS, if given
   */
  public abstract Optional<OsFacts> os();

  /**
   * Returns the smallest disk a server made from the image may have; by default the source
   * disk's size, and never less.
   *
   * @return the minimum disk size in GiB, if given
   */
  public abstract OptionalInt minDiskGib();

  /**
   * Returns the least RAM a server made from the image may have; 0 by default.
   *
   * @return the minimum RAM in MiB
   */
  @Value.Default
  public int minRamMib() {
    return 0;
  }

  /**
   * Returns the server kinds an imported image runs on; ECS by default. A server's or backup's
   * own kind is always included.
   *
   * @return the server kinds
   */
  public abstract Set<ServerKind> serverKinds();

  /**
   * Returns the key to encrypt the image with; an encrypted source disk's key is used otherwise.
   *
   * @return the key, if given
   */
  public abstract Optional<KeyId> encryptionKey();

  /**
   * Returns the tags (rule {@code INPUT_TAGS}).
   *
   * @return the tags
   */
  public abstract Map<String, String> tags();

  /**
   * Returns the family of the creator's (for a public image, the platform's) the image joins
   * (rule {@code FAMILY_NAME}).
   *
   * @return the family name, if any
   */
  public abstract Optional<String> family();

  @Value.Check
  void check() {
    Inputs.name(name(), "name");
    Inputs.description(description(), "description");
    Inputs.present(type(), "type");
    Inputs.present(source(), "source");
    Inputs.range(minRamMib(), 0, dev.imago.spi.ImageRecord.MAX_MIN_RAM_MIB, "minRamMib");
    if (minDiskGib().isPresent()) {
      Inputs.range(minDiskGib().getAsInt(), 1, dev.imago.spi.DiskSpec.MAX_SIZE_GIB, "minDiskGib");
    }
    Inputs.presentElements(serverKinds(), "serverKinds");
    Inputs.tags(tags(), "tags");
    family().ifPresent(name -> Inputs.family(name, "family"));
  }
}
