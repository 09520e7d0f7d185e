package dev.imago.spi;

/** The life cycle of an image. Every legal move is listed in one table in image-core. */
public enum ImageStatus {
  /** Registered; its content is not yet being written. */
  QUEUED,
  /** Its content is being written. */
  SAVING,
  /** Ready for use. */
  ACTIVE,
  /** Writing its content failed. */
  KILLED,
  /** Taken out of use for now; it can be reactivated. */
  DEACTIVATED,
  /**
   * Deleted into its owner's recycle bin (rule {@code RECYCLE_RETENTION}): nobody else sees or
   * uses it and it counts in no quota; its owner may restore it until its retention ends, when
   * it is purged to DELETED. The record's {@link ImageRecord#recycling()} says until when and
   * with which status it comes back.
   */
  RECYCLED,
  /** Gone for good; the id is never reused. */
  DELETED;
}
