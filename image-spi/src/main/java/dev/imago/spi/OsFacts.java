package dev.imago.spi;

import org.immutables.value.Value;

/** The operating system an image or a server carries (rule {@code CREATE_SYSTEM_DISK}). */
@Value.Immutable
public abstract class OsFacts {
  OsFacts() {}

  /**
   * Returns a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@code OsFacts}; {@code build()} checks it. */
  public static final class Builder extends ImmutableOsFacts.Builder {
    Builder() {}
  }

  /**
   * Returns the OS family.
   *
   * @return the OS type
   */
  public abstract OsType osType();

  /**
   * Returns the distribution or product.
   *
   * @return the platform
   */
  public abstract Platform platform();

  /**
   * Returns the OS version as its vendor writes it, such as {@code "22.04"}; may be empty.
   *
   * @return the version
   */
  @Value.Default
  public String osVersion() {
    return "";
  }

  /**
   * Returns the processor architecture.
   *
   * @return the architecture
   */
  public abstract Architecture architecture();

  /**
   * Returns how a server boots from the image.
   *
   * @return the boot mode
   */
  public abstract BootMode bootMode();

  @Value.Check
  void check() {
    Inputs.present(osType(), "os.osType");
    Inputs.present(platform(), "os.platform");
    Inputs.present(architecture(), "os.architecture");
    Inputs.present(bootMode(), "os.bootMode");
    String version = Inputs.present(osVersion(), "os.osVersion");
    if (version.length() > 32 || version.chars().anyMatch(Character::isISOControl)
        || Inputs.rendersDeceptively(version)) {
      throw new InputException("os.osVersion", version, RuleCode.INPUT_VALUE,
          "must be at most 32 characters without control characters or characters that render"
              + " deceptively");
    }
  }
}
