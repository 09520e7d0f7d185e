package dev.imago.spi;

import java.util.List;
import java.util.Optional;

/**
 * Where images are kept: the port a host implements to plug its storage into Imago. Imago ships
 * an in-memory store; {@code image-testkit} holds the contract tests every implementation must
 * pass.
 *
 * <p>Implementations are thread-safe. A reader never sees half of a save: a load or a query
 * observes every effect of a save or none.
 */
public interface ImageStore {
  /**
   * Loads an image by id, whatever its status: DELETED images are returned too, for audit; it is
   * the caller that hides them.
   *
   * @param id the image
   * @return the image's record, or empty when no image ever had that id
   * @throws StoreException if the storage failed
   */
  Optional<ImageRecord> load(ImageId id);

  /**
   * Saves an image's new state and the events that describe the change, atomically: either both
   * are stored or neither is.
   *
   * <p>The save succeeds only when the stored version is still {@code expectedVersion} ({@code 0}
   * for an image that must not exist yet), and the record's own version is {@code
   * expectedVersion + 1}. The events are appended to the one log of all events in list order,
   * each receiving the next sequence number.
   *
   * @param record the new state
   * @param expectedVersion the version the change was based on, 0 for a new image
   * @param events what happened to this image, in order; may be empty
   * @throws ConcurrentModificationException if the stored version differs from {@code
   *     expectedVersion}; nothing was written
   * @throws InputException if the record's version is not {@code expectedVersion + 1}; nothing
   *     was written
   * @throws StoreException if the storage failed; nothing was written
   */
  void save(ImageRecord record, long expectedVersion, List<ImageEvent> events);

  /**
   * Lists the images a tenant sees, as {@link ImageQuery} describes them, one page at a time.
   * A page that is not full is the last and has no next cursor; a full page may have one that
   * leads to an empty page.
   * Paging is by keyset: walking every page of a query while other images are added or deleted
   * lists each image that existed during the whole walk exactly once.
   *
   * @param query the question, including the page size and the cursor
   * @return the page
   * @throws InputException if the cursor was not returned by the same query of the same viewer
   *     (rule {@code INPUT_PAGE})
   * @throws StoreException if the storage failed
   */
  Page<ImageRecord> listVisible(ImageQuery query);

  /**
   * Counts the images a tenant owns in a region that are PRIVATE or MARKET and not DELETED: the
   * figure the quota is checked against (rule {@code CREATE_QUOTA}).
   *
   * @param owner the tenant
   * @param region the region
   * @return the number of such images
   * @throws StoreException if the storage failed
   */
  long countOwned(TenantId owner, RegionId region);

  /**
   * Reads events after a sequence number, in sequence order.
   *
   * @param afterSequence the last sequence number already read, 0 to read from the start
   * @param limit the largest number of events to return, at least 1
   * @return up to {@code limit} events with sequence numbers above {@code afterSequence}
   * @throws InputException if {@code afterSequence} is negative or {@code limit} below 1
   * @throws StoreException if the storage failed
   */
  List<StoredEvent> events(long afterSequence, int limit);
}
