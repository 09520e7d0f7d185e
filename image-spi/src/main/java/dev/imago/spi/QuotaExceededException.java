package dev.imago.spi;

/**
 * A save would have given an owner more counted images in a region than the limit its change
 * carried ({@link ImageChange#ownedLimit()}, rule {@code CREATE_QUOTA}). The store wrote nothing.
 *
 * <p>Stores throw it so that the quota holds across every host sharing the store; {@code
 * ImageService} answers it with the same {@code CREATE_QUOTA} denial a single host gives.
 */
public final class QuotaExceededException extends ImagoException {
  private static final long serialVersionUID = 1L;

  private final TenantId owner;
  private final RegionId region;
  private final long limit;

  /**
   * Creates the exception.
   *
   * @param owner the owner that has no room left
   * @param region the region of the image saved
   * @param limit the limit the change carried
   */
  public QuotaExceededException(TenantId owner, RegionId region, long limit) {
    super("tenant " + owner + " already has " + limit + " or more private images in " + region
        + " [" + RuleCode.CREATE_QUOTA.value() + "]", null);
    this.owner = owner;
    this.region = region;
    this.limit = limit;
  }

  /**
   * Returns the owner that has no room left.
   *
   * @return the owner
   */
  public TenantId owner() {
    return owner;
  }

  /**
   * Returns the region of the image that was not saved.
   *
   * @return the region
   */
  public RegionId region() {
    return region;
  }

  /**
   * Returns the limit the change carried.
   *
   * @return the largest number of counted images the owner may have in the region
   */
  public long limit() {
    return limit;
  }
}
