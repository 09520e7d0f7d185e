package dev.imago.spi;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * One change to save, as {@link ImageStore#save(ImageChange)} receives it: an image's new state,
 * the version it replaces, the events that describe it, and the conditions on other state that
 * the decision behind it relied on. A store checks every condition in the same atomic step as the
 * write, so that the rules hold when several hosts share the store.
 *
 * <p>A change is valid when built: the record's version is one more than the expected version.
 */
@Value.Immutable
public abstract class ImageChange implements WithImageChange {
  ImageChange() {}

  /**
   * Returns a change without conditions on other state.
   *
   * @param record the new state
   * @param expectedVersion the version the change replaces, 0 for a new image
   * @param events what happened, in order; may be empty
   * @return the change
   * @throws InputException if an argument is absent, or the record's version is not {@code
   *     expectedVersion + 1} (field {@code record.version})
   */
  public static ImageChange of(ImageRecord record, long expectedVersion, List<ImageEvent> events) {
    return builder().record(record).expectedVersion(expectedVersion).events(events).build();
  }

  /**
   * Returns a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@code ImageChange}; {@code build()} checks it. */
  public static final class Builder extends ImmutableImageChange.Builder {
    Builder() {}
  }

  /**
   * Returns the image's new state.
   *
   * @return the record to save
   */
  public abstract ImageRecord record();

  /**
   * Returns the version the stored image must still have: the version the change was decided
   * on, or 0 for an image that must not exist yet.
   *
   * @return the expected version
   */
  public abstract long expectedVersion();

  /**
   * Returns the events that describe the change, in order, to append to the log in the same
   * step.
   *
   * @return the events, possibly none
   */
  public abstract List<ImageEvent> events();

  /**
   * Returns the quota the save must keep (rule {@code CREATE_QUOTA}), if any. When present, and
   * the saved record counts in its owner's quota ({@link ImageRecord#isCountedInQuota()}) while
   * the stored version did not or there is none, the save fails with {@link
   * QuotaExceededException} if the owner already has this many counted images, or more, in the
   * record's region.
   *
   * @return the largest number of counted images the owner may have after the save
   */
  public abstract OptionalLong ownedLimit();

  /**
   * Returns the other images the change was decided on, each with the version that was read
   * (0 for an image that did not exist): the save fails with {@link VersionConflictException}
   * if any of them has another version when the change is written.
   *
   * @return the versions the decision read, by image
   */
  public abstract Map<ImageId, Long> unchangedImages();

  @Value.Check
  void check() {
    ImageRecord record = Inputs.present(record(), "record");
    Inputs.range(expectedVersion(), 0, Long.MAX_VALUE - 1, "expectedVersion");
    if (record.version() != expectedVersion() + 1) {
      throw new InputException("record.version", record.version(), RuleCode.INPUT_VALUE,
          "must be one more than the expected version " + expectedVersion());
    }
    Inputs.presentElements(events(), "events");
    if (ownedLimit().isPresent()) {
      Inputs.range(ownedLimit().getAsLong(), 0, Long.MAX_VALUE, "ownedLimit");
    }
    for (Map.Entry<ImageId, Long> unchanged : unchangedImages().entrySet()) {
      ImageId id = Inputs.present(unchanged.getKey(), "unchangedImages.key");
      if (id.equals(record.id())) {
        throw new InputException("unchangedImages", id, RuleCode.INPUT_VALUE,
            "must not name the image saved, whose version is expectedVersion");
      }
      Inputs.range(Inputs.present(unchanged.getValue(), "unchangedImages[" + id + "]"),
          0, Long.MAX_VALUE, "unchangedImages[" + id + "]");
    }
  }
}
