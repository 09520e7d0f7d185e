package dev.imago.spi;

/**
 * The host's storage failed. A store throws it only when nothing of the failed operation was
 * written, so the caller may retry the whole operation.
 */
public class StoreException extends ImagoException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed, without another tenant's data
   * @param cause the underlying failure, or {@code null} when there is none
   */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
