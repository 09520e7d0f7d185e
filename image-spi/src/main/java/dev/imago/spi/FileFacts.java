package dev.imago.spi;

import org.immutables.value.Value;

/** A file in object storage an image can be imported from. */
@Value.Immutable
public abstract class FileFacts {
  FileFacts() {}

  /**
   * Returns a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@code FileFacts}; {@code build()} checks it. */
  public static final class Builder extends ImmutableFileFacts.Builder {
    Builder() {}
  }

  /**
   * Returns the resource's id.
   *
   * @return the id
   */
  public abstract FileId id();

  /**
   * Returns the tenant that owns the resource (rule {@code CREATE_SOURCE_ACCESS}).
   *
   * @return the owner
   */
  public abstract TenantId owner();

  /**
   * Returns the region the resource lives in.
   *
   * @return the region
   */
  public abstract RegionId region();

  /**
   * Returns the file's format.
   *
   * @return the format
   */
  public abstract FileFormat format();

  /**
   * Returns the file's size.
   *
   * @return the size in bytes
   */
  public abstract long sizeBytes();

  /**
   * Tells whether a bitmap file accompanies a RAW file, which allows fast import (rule {@code
   * CREATE_IMPORT_SIZE}).
   *
   * @return {@code true} when a bitmap file is present
   */
  @Value.Default
  public boolean hasBitmap() {
    return false;
  }

  @Value.Check
  void check() {
    Inputs.present(id(), "file.id");
    Inputs.present(owner(), "file.owner");
    Inputs.present(region(), "file.region");
    Inputs.present(format(), "file.format");
    Inputs.range(sizeBytes(), 0, Long.MAX_VALUE, "file.sizeBytes");
  }
}
