package dev.imago.core.policy;

/** The kind of a violation, which a host maps to an answer such as an HTTP status. */
public enum Category {
  /** The request is malformed or asks for something that cannot be (HTTP 400). */
  INVALID,
  /** The image does not exist or the caller may not see it (HTTP 404). */
  NOT_FOUND,
  /** The caller may see the image but not do this with it (HTTP 403). */
  FORBIDDEN,
  /** The image's current state does not allow it (HTTP 409). */
  CONFLICT,
  /** A limit would be passed (HTTP 403 or 429, as the host prefers). */
  QUOTA
}
