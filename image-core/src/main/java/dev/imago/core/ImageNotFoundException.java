package dev.imago.core;

import dev.imago.spi.ImageId;
import dev.imago.spi.ImagoException;

/**
 * No image the caller may see has this id: it never existed, it was deleted, or it belongs to
 * someone else and is not shared with the caller. The three answer exactly alike, so that the
 * existence of other tenants' images does not leak.
 */
public final class ImageNotFoundException extends ImagoException {
  private static final long serialVersionUID = 1L;

  private final ImageId imageId;

  /**
   * Creates the exception.
   *
   * @param imageId the id asked for
   */
  public ImageNotFoundException(ImageId imageId) {
    super("image " + imageId + " does not exist", null);
    this.imageId = imageId;
  }

  /**
   * Returns the id asked for.
   *
   * @return the image id
   */
  public ImageId imageId() {
    return imageId;
  }
}
