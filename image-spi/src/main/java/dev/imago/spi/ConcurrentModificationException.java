package dev.imago.spi;

/**
 * A save found a newer version of the image than the one it was based on. The store wrote
 * nothing; the caller reloads and decides again. {@code ImageService} does so a bounded number of
 * times before it passes this exception on.
 */
public final class ConcurrentModificationException extends ImagoException {
  private static final long serialVersionUID = 1L;

  private final ImageId imageId;
  private final long expectedVersion;

  /**
   * Creates the exception.
   *
   * @param imageId the image whose version had moved on
   * @param expectedVersion the version the save was based on
   */
  public ConcurrentModificationException(ImageId imageId, long expectedVersion) {
    super("image " + imageId + " changed after version " + expectedVersion, null);
    this.imageId = imageId;
    this.expectedVersion = expectedVersion;
  }

  /**
   * Returns the image that was changed concurrently.
   *
   * @return the image id
   */
  public ImageId imageId() {
    return imageId;
  }

  /**
   * Returns the version the failed save expected to replace.
   *
   * @return the expected version
   */
  public long expectedVersion() {
    return expectedVersion;
  }
}
