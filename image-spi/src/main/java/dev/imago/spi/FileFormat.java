package dev.imago.spi;

import java.util.EnumSet;
import java.util.Set;

/** The format of a file an image is imported from. */
public enum FileFormat {
  /** Microsoft VHD. */
  VHD,
  /** Microsoft VHDX. */
  VHDX,
  /** VMware VMDK. */
  VMDK,
  /** QEMU copy-on-write, version 2. */
  QCOW2,
  /** QEMU copy-on-write, version 1. */
  QCOW,
  /** A raw disk image; with a bitmap file it may use fast import. */
  RAW,
  /** Huawei ZVHD. */
  ZVHD,
  /** Huawei ZVHD2, which may use fast import. */
  ZVHD2,
  /** VirtualBox VDI. */
  VDI,
  /** QEMU enhanced disk. */
  QED,
  /** An ISO 9660 installation medium; registered only as an ISO image. */
  ISO;

  private static final Set<FileFormat> DISK_FORMATS = EnumSet.complementOf(EnumSet.of(ISO));

  /**
   * Returns the formats a disk image (system disk, data disk or full server) is imported from:
   * every format but {@link #ISO} (rule {@code CREATE_IMPORT_FORMAT}).
   *
   * @return the disk formats, as an unmodifiable set
   */
  public static Set<FileFormat> diskFormats() {
    return Set.copyOf(DISK_FORMATS);
  }

  /**
   * Returns the formats an image is imported from, as every message about them tells it (rule
   * {@code CREATE_IMPORT_FORMAT}): the disk formats for a disk image, ISO for an ISO image.
   *
   * @return the allowed formats, for people
   */
  public static String allowedFormats() {
    return String.join(", ", DISK_FORMATS.stream().map(Enum::name).toList())
        + " for a disk image; ISO for an ISO image";
  }

  /**
   * Tells whether this format is one a disk image is imported from.
   *
   * @return {@code true} for every format but {@link #ISO}
   */
  public boolean isDiskFormat() {
    return this != ISO;
  }

  /**
   * Reads a format from its name, ignoring case.
   *
   * @param value the name, such as {@code "qcow2"}
   * @param field the field that holds it
   * @return the format
   * @throws InputException if the name is absent or names no format; the message lists the
   *     allowed formats (rule {@code CREATE_IMPORT_FORMAT})
   */
  public static FileFormat parse(String value, String field) {
    if (value != null) {
      for (FileFormat format : values()) {
        if (format.name().equalsIgnoreCase(value.trim())) {
          return format;
        }
      }
    }
    throw new InputException(field, value, RuleCode.CREATE_IMPORT_FORMAT,
        "must be one of " + allowedFormats());
  }
}
