package dev.imago.spi;

import java.util.regex.Pattern;

/**
 * The stable code of a rule, as listed in Imago's rule catalogue. Codes are API: a code never
 * changes meaning once released, so hosts map them to HTTP answers and translations.
 *
 * <p>The built-in codes are constants of this type; hosts make codes for their own rules with
 * {@link #of(String)}.
 *
 * @param value the code, upper case letters, digits and underscores, starting with a letter
 */
public record RuleCode(String value) {
  private static final Pattern FORMAT = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

  /** Allowed status moves only; DELETED is terminal. */
  public static final RuleCode LIFECYCLE_TRANSITION = new RuleCode("LIFECYCLE_TRANSITION");
  /** A deleted image cannot be read, used, shared, changed or listed. */
  public static final RuleCode LIFECYCLE_DELETED = new RuleCode("LIFECYCLE_DELETED");
  /** A protected image cannot be deleted until protection is removed. */
  public static final RuleCode LIFECYCLE_PROTECTED = new RuleCode("LIFECYCLE_PROTECTED");

  /** A system-disk image comes from a server's system disk or an imported file. */
  public static final RuleCode CREATE_SYSTEM_DISK = new RuleCode("CREATE_SYSTEM_DISK");
  /** A data-disk image holds only business data and has no OS. */
  public static final RuleCode CREATE_DATA_DISK = new RuleCode("CREATE_DATA_DISK");
  /** A full-server image holds the system disk and every data disk of one server. */
  public static final RuleCode CREATE_FULL_SERVER = new RuleCode("CREATE_FULL_SERVER");
  /** An ISO image is registered from an external ISO file. */
  public static final RuleCode CREATE_ISO = new RuleCode("CREATE_ISO");
  /** An imported file has one of the supported formats. */
  public static final RuleCode CREATE_IMPORT_FORMAT = new RuleCode("CREATE_IMPORT_FORMAT");
  /** An imported file is within the import size limits. */
  public static final RuleCode CREATE_IMPORT_SIZE = new RuleCode("CREATE_IMPORT_SIZE");
  /** A tenant has a bounded number of private images per region. */
  public static final RuleCode CREATE_QUOTA = new RuleCode("CREATE_QUOTA");
  /** Only the platform operator registers and changes public images. */
  public static final RuleCode CREATE_PUBLIC = new RuleCode("CREATE_PUBLIC");
  /** The caller owns the server, disk, backup or file it creates an image from. */
  public static final RuleCode CREATE_SOURCE_ACCESS = new RuleCode("CREATE_SOURCE_ACCESS");

  /** A tenant uses only images it can see; others answer as not found. */
  public static final RuleCode USE_NOT_VISIBLE = new RuleCode("USE_NOT_VISIBLE");
  /** Only ACTIVE images are used. */
  public static final RuleCode USE_NOT_ACTIVE = new RuleCode("USE_NOT_ACTIVE");
  /** An image is used only in its own region. */
  public static final RuleCode USE_REGION = new RuleCode("USE_REGION");
  /** Each image type creates only its own kinds of resources. */
  public static final RuleCode USE_TARGET = new RuleCode("USE_TARGET");
  /** The target server kind is one the image supports. */
  public static final RuleCode USE_SERVER_KIND = new RuleCode("USE_SERVER_KIND");
  /** The requested disk and RAM are at least the image's minimums. */
  public static final RuleCode USE_FLAVOR = new RuleCode("USE_FLAVOR");
  /** A paid market image is used only after its price is accepted. */
  public static final RuleCode USE_MARKET_TERMS = new RuleCode("USE_MARKET_TERMS");

  /** Only the owner shares, revokes or lists members. */
  public static final RuleCode SHARE_NOT_OWNER = new RuleCode("SHARE_NOT_OWNER");
  /** Only private images are shared. */
  public static final RuleCode SHARE_NOT_PRIVATE = new RuleCode("SHARE_NOT_PRIVATE");
  /** Market images are not shared, and shared images are not published. */
  public static final RuleCode SHARE_MARKET = new RuleCode("SHARE_MARKET");
  /** Only ACTIVE images are shared. */
  public static final RuleCode SHARE_NOT_ACTIVE = new RuleCode("SHARE_NOT_ACTIVE");
  /** Encrypted images are not shared. */
  public static final RuleCode SHARE_ENCRYPTED = new RuleCode("SHARE_ENCRYPTED");
  /** A full-server image is shared only if it was created from a cloud backup. */
  public static final RuleCode SHARE_FULL_SERVER_SOURCE = new RuleCode("SHARE_FULL_SERVER_SOURCE");
  /** Sharing stays inside the image's region. */
  public static final RuleCode SHARE_REGION = new RuleCode("SHARE_REGION");
  /** An image has a bounded number of members. */
  public static final RuleCode SHARE_MEMBER_LIMIT = new RuleCode("SHARE_MEMBER_LIMIT");
  /** A recipient exists, is active and is not the owner. */
  public static final RuleCode SHARE_RECIPIENT = new RuleCode("SHARE_RECIPIENT");
  /** Sharing again with a current member changes nothing and is reported. */
  public static final RuleCode SHARE_DUPLICATE = new RuleCode("SHARE_DUPLICATE");
  /** The owner revokes a member at any time; access ends at once. */
  public static final RuleCode SHARE_REVOKE = new RuleCode("SHARE_REVOKE");
  /** Deleting a shared image ends every membership. */
  public static final RuleCode SHARE_DELETE = new RuleCode("SHARE_DELETE");
  /** Only the member itself accepts or rejects a share. */
  public static final RuleCode SHARE_MEMBER_ONLY = new RuleCode("SHARE_MEMBER_ONLY");
  /** Accepting a full-server image requires the member's backup vault. */
  public static final RuleCode SHARE_ACCEPT_VAULT = new RuleCode("SHARE_ACCEPT_VAULT");

  /** Only the owner, as a registered seller, publishes an eligible image. */
  public static final RuleCode MARKET_PUBLISH = new RuleCode("MARKET_PUBLISH");
  /** A listing is free, or paid with a positive price, a currency and a unit. */
  public static final RuleCode MARKET_PRICE = new RuleCode("MARKET_PRICE");
  /** The seller withdraws a listing; new use stops. */
  public static final RuleCode MARKET_WITHDRAW = new RuleCode("MARKET_WITHDRAW");

  /** An owner replicates its active private image to another region. */
  public static final RuleCode REPLICATE_REGION = new RuleCode("REPLICATE_REGION");
  /** Encrypted, ISO and oversized images are not replicated. */
  public static final RuleCode REPLICATE_EXCLUDED = new RuleCode("REPLICATE_EXCLUDED");
  /** Market and public images are not replicated by tenants. */
  public static final RuleCode REPLICATE_MARKET = new RuleCode("REPLICATE_MARKET");

  /** The owner schedules an image's deprecation and obsolescence within bounds. */
  public static final RuleCode DEPRECATE_SCHEDULE = new RuleCode("DEPRECATE_SCHEDULE");
  /** A replacement is an eligible image that everyone who sees the deprecated one sees. */
  public static final RuleCode DEPRECATE_REPLACEMENT = new RuleCode("DEPRECATE_REPLACEMENT");
  /** Not a refusal: a deprecated image is used with a notice naming its replacement. */
  public static final RuleCode USE_DEPRECATED = new RuleCode("USE_DEPRECATED");
  /** An obsolete image creates nothing new and is not shared, published or replicated. */
  public static final RuleCode USE_OBSOLETE = new RuleCode("USE_OBSOLETE");

  /** A family name is 1 to 63 lower-case letters, digits and '-', starting with a letter. */
  public static final RuleCode FAMILY_NAME = new RuleCode("FAMILY_NAME");
  /** A family resolves to the newest image of it the caller may use now. */
  public static final RuleCode FAMILY_LATEST = new RuleCode("FAMILY_LATEST");

  /** A name is 1 to 128 letters, digits, spaces, '_', '-' or '.', not padded with spaces. */
  public static final RuleCode INPUT_NAME = new RuleCode("INPUT_NAME");
  /** A description is at most 1024 characters without control characters. */
  public static final RuleCode INPUT_DESCRIPTION = new RuleCode("INPUT_DESCRIPTION");
  /** Tags are bounded in number, key length and value length. */
  public static final RuleCode INPUT_TAGS = new RuleCode("INPUT_TAGS");
  /** Ids are well formed. */
  public static final RuleCode INPUT_ID = new RuleCode("INPUT_ID");
  /** Page sizes are 1 to 1000 and a cursor belongs to its own query. */
  public static final RuleCode INPUT_PAGE = new RuleCode("INPUT_PAGE");
  /**
   * Imago's addition to the catalogue: a value is present and inside its allowed set or range (a
   * known constant, a non-negative size).
   */
  public static final RuleCode INPUT_VALUE = new RuleCode("INPUT_VALUE");
  /**
   * Imago's addition to the catalogue: only the owner (the platform operator for public images)
   * changes, protects, deactivates, tags or deletes an image.
   */
  public static final RuleCode CHANGE_NOT_OWNER = new RuleCode("CHANGE_NOT_OWNER");

  /**
   * Checks the code's format.
   *
   * @throws InputException if the value is absent or not a code (rule {@code INPUT_VALUE})
   */
  public RuleCode {
    if (value == null || !FORMAT.matcher(value).matches()) {
      throw new InputException("ruleCode", value, INPUT_VALUE,
          "must be 1 to 64 upper case letters, digits or '_', starting with a letter");
    }
  }

  /**
   * Returns the code with the given value, for a host's own rules.
   *
   * @param value the code, for example {@code "ORG_SHARE_ONLY"}
   * @return the code
   * @throws InputException if the value is not a well formed code
   */
  public static RuleCode of(String value) {
    return new RuleCode(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
