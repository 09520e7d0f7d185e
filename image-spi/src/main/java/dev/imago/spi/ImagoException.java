package dev.imago.spi;

/**
 * The root of every exception Imago throws on purpose. Messages never carry another tenant's
 * data: they name ids the caller gave and values the caller sent, nothing else.
 */
public abstract class ImagoException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, for a log or an operator
   * @param cause the underlying failure, or {@code null} when there is none
   */
  protected ImagoException(String message, Throwable cause) {
    super(message, cause);
  }
}
