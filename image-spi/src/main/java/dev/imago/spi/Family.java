package dev.imago.spi;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * A family of images: the images one owner (the platform, for PUBLIC images) marks with the same
 * family name, newer versions of the same thing (rule {@code FAMILY_NAME}). A family resolves to
 * its newest image a caller may use now (rule {@code FAMILY_LATEST}); a listing may be filtered
 * by family ({@link ImageFilter#family()}).
 */
@Value.Immutable
public abstract class Family {
  Family() {}

  /**
   * Returns a tenant's family.
   *
   * @param owner the tenant whose images the family holds
   * @param name the family name (rule {@code FAMILY_NAME})
   * @return the family
   * @throws InputException if the owner is absent (field {@code family.owner}) or the name breaks
   *     rule {@code FAMILY_NAME} (field {@code family.name})
   */
  public static Family of(TenantId owner, String name) {
    return ImmutableFamily.builder().owner(Inputs.present(owner, "family.owner")).name(name)
        .build();
  }

  /**
   * Returns a family of the platform's PUBLIC images.
   *
   * @param name the family name (rule {@code FAMILY_NAME})
   * @return the family
   * @throws InputException if the name breaks rule {@code FAMILY_NAME} (field {@code
   *     family.name})
   */
  public static Family platform(String name) {
    return ImmutableFamily.builder().name(name).build();
  }

  /**
   * Returns the tenant whose images the family holds.
   *
   * @return the owner, or empty for a family of the platform's PUBLIC images
   */
  public abstract Optional<TenantId> owner();

  /**
   * Returns the family name.
   *
   * @return the name
   */
  public abstract String name();

  /**
   * Tells whether an image belongs to this family: it has the family's name and owner (no owner:
   * a PUBLIC image).
   *
   * @param record an image
   * @return {@code true} when the image is of the family
   * @throws InputException if the record is absent
   */
  public final boolean contains(ImageRecord record) {
    Inputs.present(record, "record");
    return record.family().filter(name()::equals).isPresent()
        && record.owner().equals(owner())
        && (owner().isPresent() || record.imageClass() == ImageClass.PUBLIC);
  }

  @Override
  public String toString() {
    return owner().map(owner -> owner + "/").orElse("(platform)/") + name();
  }

  @Value.Check
  void check() {
    Inputs.family(name(), "family.name");
  }
}
