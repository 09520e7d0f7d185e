package dev.imago.examples.rest;

import dev.imago.core.ImageNotFoundException;
import dev.imago.core.ImagePolicyException;
import dev.imago.core.policy.Category;
import dev.imago.core.policy.Decision;
import dev.imago.core.policy.Violation;
import dev.imago.spi.InputException;
import dev.imago.spi.QuotaExceededException;
import dev.imago.spi.RuleCode;
import dev.imago.spi.StoreException;
import dev.imago.spi.VersionConflictException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Turns Imago's refusals into RFC 9457 problem details. Every body lists each violation with its
 * code, category, message and fields, so that a client can show them all and act on the codes.
 *
 * <table>
 *   <caption>HTTP status by refusal</caption>
 *   <tr><th>refusal</th><th>status</th></tr>
 *   <tr><td>a denial with a FORBIDDEN or a QUOTA violation</td><td>403</td></tr>
 *   <tr><td>a denial with a CONFLICT violation (and none of the above)</td><td>409</td></tr>
 *   <tr><td>a denial with INVALID violations only</td><td>400</td></tr>
 *   <tr><td>not found, or not visible to the caller (NOT_FOUND)</td><td>404</td></tr>
 *   <tr><td>bad input ({@link InputException}), with its field and code</td><td>400</td></tr>
 *   <tr><td>the image kept changing under every retry</td><td>409</td></tr>
 *   <tr><td>the store failed; nothing was written</td><td>503</td></tr>
 * </table>
 *
 * <p>A quota is 403, not 429: 429 asks the client to retry later, and a full quota does not empty
 * itself; the tenant must delete images or ask for a larger quota. Rate limits, which 429 is for,
 * are the gateway's. When violations of several categories meet, the caller's permission comes
 * first, then the image's state, then the request's form.
 */
@RestControllerAdvice
public class ProblemAdvice {
  private static final Logger LOG = LoggerFactory.getLogger(ProblemAdvice.class);
  private static final String TYPES = "urn:imago:problem:";

  /** Creates the advice; Spring does. */
  public ProblemAdvice() {}

  /**
   * A rule denied the request.
   *
   * @param denied the denial
   * @return 403, 409 or 400, with every violation
   */
  @ExceptionHandler(ImagePolicyException.class)
  public ProblemDetail denied(ImagePolicyException denied) {
    Decision decision = denied.decision();
    HttpStatus status = statusOf(decision.violations());
    ProblemDetail problem = problem(status, "denied", "The request breaks Imago's rules",
        decision.violations().get(0).message());
    problem.setProperty("violations", decision.violations().stream()
        .map(ProblemAdvice::violation).toList());
    return problem;
  }

  /**
   * The image does not exist, or the caller may not see it: both answer alike.
   *
   * @param notFound the exception
   * @return 404
   */
  @ExceptionHandler(ImageNotFoundException.class)
  public ProblemDetail notFound(ImageNotFoundException notFound) {
    ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "not-found", "Image not found",
        "image " + notFound.imageId().value() + " does not exist");
    problem.setProperty("violations", List.of(Map.of(
        "code", RuleCode.USE_NOT_VISIBLE.value(), "category", Category.NOT_FOUND.name())));
    return problem;
  }

  /**
   * The input is malformed.
   *
   * @param invalid the exception, naming the field
   * @return 400, with the field and the code
   */
  @ExceptionHandler(InputException.class)
  public ProblemDetail invalid(InputException invalid) {
    ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input",
        invalid.getMessage());
    problem.setProperty("violations", List.of(Map.of(
        "code", invalid.code().value(), "category", Category.INVALID.name(),
        "fields", List.of(invalid.field()))));
    return problem;
  }

  /**
   * Another host took the last place of the quota meanwhile.
   *
   * @param full the exception
   * @return 403 with CREATE_QUOTA
   */
  @ExceptionHandler(QuotaExceededException.class)
  public ProblemDetail quota(QuotaExceededException full) {
    ProblemDetail problem = problem(HttpStatus.FORBIDDEN, "denied",
        "The request breaks Imago's rules", "the private image quota of the region is full");
    problem.setProperty("violations", List.of(Map.of(
        "code", RuleCode.CREATE_QUOTA.value(), "category", Category.QUOTA.name())));
    return problem;
  }

  /**
   * The image changed under every attempt.
   *
   * @param conflict the exception
   * @return 409
   */
  @ExceptionHandler(VersionConflictException.class)
  public ProblemDetail conflict(VersionConflictException conflict) {
    return problem(HttpStatus.CONFLICT, "conflict", "The image kept changing",
        "the image changed while the request was decided, each time it was tried; try again");
  }

  /**
   * The store or a directory failed; nothing was written, so the client may retry.
   *
   * @param failed the exception
   * @param request the request, for the log
   * @return 503
   */
  @ExceptionHandler(StoreException.class)
  public ProblemDetail unavailable(StoreException failed, HttpServletRequest request) {
    // The route, not the path, and no message above DEBUG: both may name images or tenants.
    LOG.warn("{} {} failed: the image store is unavailable ({})", request.getMethod(),
        request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE),
        failed.getClass().getSimpleName());
    LOG.debug("store failure", failed);
    return problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Service unavailable",
        "the image store is unavailable; nothing was changed, the request may be retried");
  }

  static HttpStatus statusOf(List<Violation> violations) {
    boolean conflict = false;
    for (Violation violation : violations) {
      switch (violation.category()) {
        case FORBIDDEN, QUOTA -> {
          return HttpStatus.FORBIDDEN;
        }
        case NOT_FOUND -> {
          return HttpStatus.NOT_FOUND;
        }
        case CONFLICT -> conflict = true;
        case INVALID -> { }
        default -> throw new IllegalStateException("unknown category " + violation.category());
      }
    }
    return conflict ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
  }

  private static Map<String, Object> violation(Violation violation) {
    return Map.of("code", violation.code().value(), "category", violation.category().name(),
        "message", violation.message(), "fields", violation.fields());
  }

  private static ProblemDetail problem(HttpStatus status, String type, String title,
      String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(TYPES + type));
    problem.setTitle(title);
    return problem;
  }
}
