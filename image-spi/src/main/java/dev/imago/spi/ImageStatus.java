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
  /** Gone for good; the id is never reused. */
  DELETED;
}
