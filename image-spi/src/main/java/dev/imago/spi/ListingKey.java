package dev.imago.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * Where an image stands in the orders of a listing: its creation time, its name and its id, the
 * fields {@link ImageSort} compares. A {@link PageCursor} carries the key of the last image of a
 * page, and the next page starts after it.
 */
public final class ListingKey {
  private final Instant createdAt;
  private final String name;
  private final ImageId id;

  private ListingKey(Instant createdAt, String name, ImageId id) {
    this.createdAt = Inputs.present(createdAt, "createdAt");
    this.name = Inputs.name(name, "name");
    this.id = Inputs.present(id, "id");
  }

  /**
   * Returns the key of an image.
   *
   * @param record the image
   * @return its key
   * @throws InputException if the record is absent
   */
  public static ListingKey of(ImageRecord record) {
    Inputs.present(record, "record");
    return new ListingKey(record.createdAt(), record.name(), record.id());
  }

  /**
   * Returns the key of the given fields.
   *
   * @param createdAt the creation time
   * @param name the name (rule {@code INPUT_NAME})
   * @param id the image id
   * @return the key
   * @throws InputException if a field is absent or the name malformed
   */
  public static ListingKey of(Instant createdAt, String name, ImageId id) {
    return new ListingKey(createdAt, name, id);
  }

  /**
   * Returns the creation time.
   *
   * @return the creation time
   */
  public Instant createdAt() {
    return createdAt;
  }

  /**
   * Returns the name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the image id, which breaks every tie.
   *
   * @return the id
   */
  public ImageId id() {
    return id;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ListingKey key && createdAt.equals(key.createdAt)
        && name.equals(key.name) && id.equals(key.id);
  }

  @Override
  public int hashCode() {
    return Objects.hash(createdAt, name, id);
  }

  @Override
  public String toString() {
    return "ListingKey{" + createdAt + ", " + name + ", " + id + "}";
  }
}
