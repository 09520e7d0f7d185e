package dev.imago.core.policy.internal;

import static dev.imago.spi.ImageStatus.ACTIVE;
import static dev.imago.spi.ImageStatus.DEACTIVATED;
import static dev.imago.spi.ImageStatus.DELETED;
import static dev.imago.spi.ImageStatus.KILLED;
import static dev.imago.spi.ImageStatus.QUEUED;
import static dev.imago.spi.ImageStatus.RECYCLED;
import static dev.imago.spi.ImageStatus.SAVING;

import dev.imago.spi.ImageStatus;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Every legal status move, in one table (rule {@code LIFECYCLE_TRANSITION}). DELETED is
 * terminal, and every other status may move to it; every status in use may move to RECYCLED
 * (deleting with a retention period, rule {@code RECYCLE_RETENTION}), which moves back to the
 * status it came from (rule {@code RECYCLE_RESTORE}) or on to DELETED.
 */
public final class StatusTable {
  private static final Map<ImageStatus, Set<ImageStatus>> MOVES = new EnumMap<>(ImageStatus.class);

  static {
    MOVES.put(QUEUED, EnumSet.of(SAVING, ACTIVE, RECYCLED, DELETED));
    MOVES.put(SAVING, EnumSet.of(ACTIVE, KILLED, RECYCLED, DELETED));
    MOVES.put(ACTIVE, EnumSet.of(DEACTIVATED, RECYCLED, DELETED));
    MOVES.put(KILLED, EnumSet.of(RECYCLED, DELETED));
    MOVES.put(DEACTIVATED, EnumSet.of(ACTIVE, RECYCLED, DELETED));
    // Out of the recycle bin: restored to the status it had, or purged (RECYCLE_RESTORE,
    // RECYCLE_RETENTION).
    MOVES.put(RECYCLED, EnumSet.of(QUEUED, SAVING, ACTIVE, KILLED, DEACTIVATED, DELETED));
    MOVES.put(DELETED, EnumSet.noneOf(ImageStatus.class));
  }

  private StatusTable() {}

  /**
   * Tells whether an image may move from one status to another.
   *
   * @param from the current status
   * @param to the wanted status
   * @return {@code true} when the table lists the move
   */
  public static boolean allows(ImageStatus from, ImageStatus to) {
    return MOVES.get(from).contains(to);
  }

  /**
   * Returns the statuses an image may move to from a status.
   *
   * @param from the current status
   * @return the allowed targets
   */
  public static Set<ImageStatus> movesFrom(ImageStatus from) {
    return java.util.Collections.unmodifiableSet(MOVES.get(from));
  }
}
