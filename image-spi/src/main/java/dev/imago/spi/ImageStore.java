package dev.imago.spi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where images are kept: the port a host implements to plug its storage into Imago. Imago ships
 * an in-memory store and a PostgreSQL store; {@code image-testkit} holds the contract tests every
 * implementation must pass.
 *
 * <h2>Many hosts, one store</h2>
 *
 * <p>Several hosts, each with its own {@code ImageService}, may share one store (several
 * processes over one database). Imago keeps no lock of its own for correctness, so a store keeps
 * every rule that spans more than one record in the same atomic step as the write: the version
 * of the image saved and of the images its decision read, and the owner's quota ({@link
 * ImageChange}). An in-process lock is not enough for a store shared by processes: use the
 * database's transactions and row locks.
 *
 * <p>A reader never sees half of a save: a load, a page, a count or a read of the event log
 * observes every effect of a save or none.
 *
 * <h2>The event log</h2>
 *
 * <p>Every save appends its events to one log, in list order, numbered from 1 without gaps. The
 * numbers follow the order in which saves commit, across every host: when the events of a save
 * become readable, every event with a lower number is readable already. A reader that polls
 * {@link #events(long, int)} after the last number it read therefore never skips an event that
 * commits later with a lower number, and never sees a gap that fills later. A store shares one
 * counter between hosts and takes the next numbers under a lock it holds until the save commits
 * (in PostgreSQL, an update of a one-row counter in the save's transaction; the {@code
 * image-jdbc-store} does so), or it answers readers only up to the oldest save still in flight.
 * A database sequence alone is not enough: it hands out numbers in the order transactions ask,
 * not the order they commit.
 *
 * <h2>Listings</h2>
 *
 * <p>{@link ImageQuery#matches(ImageRecord)} is the one definition of which images a query lists,
 * {@link ImageSort} of their order and {@link PageCursor} of the keyset cursor; {@link
 * Listings#page} puts them together for a store that lists by scanning.
 *
 * <h2>Input errors</h2>
 *
 * <p>A store rejects absent arguments with {@link InputException} (rule {@code INPUT_VALUE})
 * naming the parameter as the field: {@code id} for {@link #load}, {@code change} for {@link
 * #save}, {@code query} for {@link #listVisible}, {@code owner} and {@code region} for {@link
 * #countOwned}; {@code afterSequence} and {@code limit} name the bounds of {@link #events}, {@code
 * purgeBy} and {@code limit} those of {@link #listExpired}; a
 * cursor from another query or viewer is field {@code cursor}, rule {@code INPUT_PAGE} (as {@link
 * PageCursor#decode} reports it). The values themselves check everything else when they are
 * built ({@code record.version} of an {@link ImageChange}, for one), so a store need not.
 *
 * <p>Implementations are thread-safe.
 */
public interface ImageStore {
  /**
   * Loads an image by id, whatever its status: DELETED images are returned too, for audit; it is
   * the caller that hides them.
   *
   * @param id the image
   * @return the image's record, equal to the one saved, or empty when no image ever had that id
   * @throws InputException if {@code id} is absent (field {@code id})
   * @throws StoreException if the storage failed
   */
  Optional<ImageRecord> load(ImageId id);

  /**
   * Saves an image's new state and the events that describe the change, atomically: either
   * everything is stored or nothing is.
   *
   * <p>In the same atomic step, the save checks that the stored image still has the change's
   * {@link ImageChange#expectedVersion() expected version} (0: the image must not exist), that
   * every image in {@link ImageChange#unchangedImages()} still has the version given, and, when
   * the change carries an {@link ImageChange#ownedLimit() owned limit}, that the owner has room
   * for the image. The events are appended to the log in list order, numbered in commit order
   * (see the class description).
   *
   * @param change the new state, its events and its conditions
   * @throws VersionConflictException if the stored image, or one of the unchanged images, has
   *     another version; nothing was written
   * @throws QuotaExceededException if the save would pass the owned limit; nothing was written
   * @throws InputException if {@code change} is absent (field {@code change}); nothing was
   *     written
   * @throws StoreException if the storage failed; nothing was written
   */
  void save(ImageChange change);

  /**
   * Lists the images a tenant sees, as {@link ImageQuery} describes them ({@link
   * ImageQuery#matches(ImageRecord)}), in the query's {@link ImageSort order}, one page at a time.
   * A page that is not full is the last and has no next cursor; a full page has the cursor
   * {@link PageCursor#encode(ImageQuery, ImageRecord)} of its last image, which may lead to an
   * empty page. Paging is by keyset: walking every page of a query while other images are added
   * or deleted lists each image that existed during the whole walk exactly once.
   *
   * @param query the question, including the page size and the cursor
   * @return the page
   * @throws InputException if {@code query} is absent (field {@code query}), or its cursor was
   *     not returned by the same query of the same viewer (field {@code cursor}, rule {@code
   *     INPUT_PAGE})
   * @throws StoreException if the storage failed
   */
  Page<ImageRecord> listVisible(ImageQuery query);

  /**
   * Counts the images a tenant owns in a region that count in its quota ({@link
   * ImageRecord#isCountedInQuota()}: PRIVATE or MARKET, neither DELETED nor RECYCLED): the figure
   * the quota is
   * checked against (rule {@code CREATE_QUOTA}).
   *
   * @param owner the tenant
   * @param region the region
   * @return the number of such images
   * @throws InputException if an argument is absent (field {@code owner} or {@code region})
   * @throws StoreException if the storage failed
   */
  long countOwned(TenantId owner, RegionId region);

  /**
   * Lists the images in a recycle bin whose retention has ended (rule {@code RECYCLE_RETENTION}):
   * RECYCLED images whose {@link Recycling#purgeAt()} is not after the given moment, the earliest
   * purge time first (ties by id), whoever owns them. A host purges them on a schedule; several
   * hosts may do so at once, since each purge is a save that expects the version listed.
   *
   * @param purgeBy the moment, normally now
   * @param limit the largest number of images to return, at least 1
   * @return up to {@code limit} images, in purge order
   * @throws InputException if {@code purgeBy} is absent (field {@code purgeBy}) or {@code limit}
   *     below 1 (field {@code limit})
   * @throws StoreException if the storage failed
   */
  List<ImageRecord> listExpired(Instant purgeBy, int limit);

  /**
   * Reads events after a sequence number, in sequence order (see the class description for the
   * promise that holds across hosts).
   *
   * @param afterSequence the last sequence number already read, 0 to read from the start
   * @param limit the largest number of events to return, at least 1
   * @return up to {@code limit} events with sequence numbers above {@code afterSequence}, without
   *     gaps
   * @throws InputException if {@code afterSequence} is negative (field {@code afterSequence}) or
   *     {@code limit} below 1 (field {@code limit})
   * @throws StoreException if the storage failed
   */
  List<StoredEvent> events(long afterSequence, int limit);
}
