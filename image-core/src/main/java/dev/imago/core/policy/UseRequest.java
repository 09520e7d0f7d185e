package dev.imago.core.policy;

import dev.imago.spi.DiskSpec;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.Inputs;
import dev.imago.spi.Price;
import dev.imago.spi.RegionId;
import dev.imago.spi.ServerKind;
import java.util.Optional;
import org.immutables.value.Value;

/** How a tenant wants to use an image: the target, where, and on what flavor. */
@Value.Immutable
public abstract class UseRequest implements WithUseRequest {
  UseRequest() {}

  /**
   * Returns a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@code UseRequest}; {@code build()} checks it. */
  public static final class Builder extends ImmutableUseRequest.Builder {
    Builder() {}
  }

  /**
   * Returns what should be created.
   *
   * @return the target
   */
  public abstract UseTarget target();

  /**
   * Returns the region the target is created in.
   *
   * @return the region
   */
  public abstract RegionId region();

  /**
   * Returns the kind of server; required for every target but a data disk.
   *
   * @return the server kind
   */
  public abstract Optional<ServerKind> serverKind();

  /**
   * Returns the size of the system disk, or of the data disk for a data-disk target.
   *
   * @return the disk size in GiB
   */
  public abstract int diskGib();

  /**
   * Returns the flavor's RAM; 0 for a data-disk target.
   *
   * @return the RAM in MiB
   */
  @Value.Default
  public int ramMib() {
    return 0;
  }

  /**
   * Returns the flavor's price, listed as the server fee of a paid market image.
   *
   * @return the server fee, if known
   */
  public abstract Optional<Price> serverFee();

  /**
   * Tells whether the caller accepts the charges of a paid market image (rule {@code
   * USE_MARKET_TERMS}).
   *
   * @return {@code true} when the price is accepted
   */
  @Value.Default
  public boolean acceptsPrice() {
    return false;
  }

  @Value.Check
  void check() {
    Inputs.present(target(), "target");
    Inputs.present(region(), "region");
    Inputs.range(diskGib(), 1, DiskSpec.MAX_SIZE_GIB, "diskGib");
    Inputs.range(ramMib(), 0, ImageRecord.MAX_MIN_RAM_MIB, "ramMib");
    if (target().isServer() && serverKind().isEmpty()) {
      Inputs.present(null, "serverKind");
    }
  }
}
