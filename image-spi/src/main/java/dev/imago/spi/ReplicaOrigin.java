package dev.imago.spi;

import org.immutables.value.Value;

/** Where a replica was copied from (rule {@code REPLICATE_REGION}). */
@Value.Immutable
public abstract class ReplicaOrigin {
  ReplicaOrigin() {}

  /**
   * Returns an origin.
   *
   * @param image the image that was replicated
   * @param region that image's region
   * @return the origin
   * @throws InputException if an argument is absent
   */
  public static ReplicaOrigin of(ImageId image, RegionId region) {
    return ImmutableReplicaOrigin.builder().image(image).region(region).build();
  }

  /**
   * Returns the image that was replicated.
   *
   * @return the source image
   */
  public abstract ImageId image();

  /**
   * Returns the region of the source image.
   *
   * @return the source region
   */
  public abstract RegionId region();

  @Value.Check
  void check() {
    Inputs.present(image(), "origin.image");
    Inputs.present(region(), "origin.region");
  }
}
