package dev.imago.spi;

/** Where a member stands on an image shared with it. */
public enum MembershipStatus {
  /** Shared, not yet answered. */
  PENDING,
  /** Accepted: the member sees and uses the image. */
  ACCEPTED,
  /** Rejected: the member does not see the image unless it asks for rejected shares. */
  REJECTED;
}
