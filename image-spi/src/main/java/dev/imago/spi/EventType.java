package dev.imago.spi;

/** What happened to an image, as recorded in an {@link ImageEvent}. */
public enum EventType {
  /** A private image was created, or a public image registered. */
  CREATED,
  /** The image's status moved; details {@code from} and {@code to}. */
  STATUS_CHANGED,
  /** A tenant became a PENDING member. */
  MEMBER_ADDED,
  /** A member accepted the image. */
  MEMBER_ACCEPTED,
  /** A member rejected the image. */
  MEMBER_REJECTED,
  /** The owner revoked a member, or the membership ended with the image. */
  MEMBER_REMOVED,
  /** The image was published to the marketplace. */
  PUBLISHED,
  /** The market listing was withdrawn. */
  WITHDRAWN,
  /** A replica was requested in another region; detail {@code replica} names the new image. */
  REPLICATED,
  /** Deletion protection was switched on. */
  PROTECTED,
  /** Deletion protection was switched off. */
  UNPROTECTED,
  /** The tags were replaced. */
  TAGS_CHANGED,
  /** The image's deprecation was scheduled or its schedule changed. */
  DEPRECATION_SCHEDULED,
  /** The image's deprecation schedule was cancelled. */
  DEPRECATION_CANCELLED,
  /** The image joined or left a family, or was excluded from or included in its "latest". */
  FAMILY_CHANGED,
  /** The image was deleted. */
  DELETED
}
