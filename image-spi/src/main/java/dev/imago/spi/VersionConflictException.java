package dev.imago.spi;

/**
 * A save found a newer version of an image than the one its change was based on: the image
 * saved, or another image the change was decided on ({@link ImageChange#unchangedImages()}). The
 * store wrote nothing; the caller reloads and decides again. {@code ImageService} does so a
 * bounded number of times before it passes this exception on.
 *
 * <p>Named so that it does not clash with {@link java.util.ConcurrentModificationException}.
 */
public final class VersionConflictException extends ImagoException {
  private static final long serialVersionUID = 1L;

  private final ImageId imageId;
  private final long expectedVersion;

  /**
   * Creates the exception.
   *
   * @param imageId the image whose version had moved on
   * @param expectedVersion the version the save expected it to have, 0 for none
   */
  public VersionConflictException(ImageId imageId, long expectedVersion) {
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
   * Returns the version the failed save expected the image to have.
   *
   * @return the expected version, 0 when the image was expected not to exist
   */
  public long expectedVersion() {
    return expectedVersion;
  }
}
