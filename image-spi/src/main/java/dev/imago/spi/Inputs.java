package dev.imago.spi;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The checks Imago applies to input at the door, public so that hosts can run the same checks
 * in their own forms before they call. Each returns its argument when it holds and otherwise
 * throws {@link InputException} naming the field and the rule code.
 */
public final class Inputs {
  /** The longest name, in characters (rule {@code INPUT_NAME}). */
  public static final int NAME_MAX_LENGTH = 128;
  /** The longest description, in characters (rule {@code INPUT_DESCRIPTION}). */
  public static final int DESCRIPTION_MAX_LENGTH = 1024;
  /** The longest tag key, in characters (rule {@code INPUT_TAGS}). */
  public static final int TAG_KEY_MAX_LENGTH = 36;
  /** The longest tag value, in characters (rule {@code INPUT_TAGS}). */
  public static final int TAG_VALUE_MAX_LENGTH = 43;
  /** The longest id, in characters (rule {@code INPUT_ID}). */
  public static final int ID_MAX_LENGTH = 64;

  // Letters of any script (CJK included), digits of any script, space, '_', '-' and '.'.
  private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{Nd} _.\\-]+");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-]*");
  private static final Pattern REGION = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

  private Inputs() {}

  /**
   * Requires a value to be present.
   *
   * @param <T> the value's type
   * @param value the value
   * @param field the field that holds it
   * @return the value
   * @throws InputException if the value is {@code null} (rule {@code INPUT_VALUE})
   */
  public static <T> T present(T value, String field) {
    if (value == null) {
      throw new InputException(field, null, RuleCode.INPUT_VALUE, "is required");
    }
    return value;
  }

  /**
   * Requires every element of a collection to be present.
   *
   * @param <C> the collection's type
   * @param values the collection
   * @param field the field that holds it
   * @return the collection
   * @throws InputException if the collection or one of its elements is {@code null} (rule {@code
   *     INPUT_VALUE})
   */
  public static <C extends Collection<?>> C presentElements(C values, String field) {
    present(values, field);
    int index = 0;
    for (Object value : values) {
      // The element's field name is built only for the exception: pages and member lists of a
      // hundred entries pass through here on every call.
      if (value == null) {
        present(value, field + "[" + index + "]");
      }
      index++;
    }
    return values;
  }

  /**
   * Requires an image name to follow rule {@code INPUT_NAME}: 1 to 128 characters, letters (CJK
   * included), digits, space, '_', '-' and '.', with no leading or trailing space.
   *
   * @param value the name
   * @param field the field that holds it
   * @return the name
   * @throws InputException if the name breaks the rule
   */
  public static String name(String value, String field) {
    if (value == null
        || value.isEmpty()
        || value.codePointCount(0, value.length()) > NAME_MAX_LENGTH
        || !NAME.matcher(value).matches()
        || value.startsWith(" ")
        || value.endsWith(" ")) {
      throw new InputException(field, value, RuleCode.INPUT_NAME,
          "must be 1 to 128 letters, digits, spaces, '_', '-' or '.', without leading or trailing"
              + " space");
    }
    return value;
  }

  /**
   * Requires a description to follow rule {@code INPUT_DESCRIPTION}: at most 1024 characters and
   * no control characters.
   *
   * @param value the description, possibly empty
   * @param field the field that holds it
   * @return the description
   * @throws InputException if the description breaks the rule
   */
  public static String description(String value, String field) {
    if (value == null
        || value.codePointCount(0, value.length()) > DESCRIPTION_MAX_LENGTH
        || value.chars().anyMatch(Character::isISOControl)) {
      throw new InputException(field, value, RuleCode.INPUT_DESCRIPTION,
          "must be at most 1024 characters without control characters");
    }
    return value;
  }

  /**
   * Requires tags to follow the length part of rule {@code INPUT_TAGS}: keys of 1 to 36 and
   * values of 0 to 43 characters, no control characters. The number of tags is a policy setting,
   * checked by the policy engine.
   *
   * @param tags the tags
   * @param field the field that holds them
   * @return the tags
   * @throws InputException if a key or a value breaks the rule
   */
  public static Map<String, String> tags(Map<String, String> tags, String field) {
    present(tags, field);
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      String key = tag.getKey();
      if (key == null || key.isEmpty() || characters(key) > TAG_KEY_MAX_LENGTH
          || hasControl(key)) {
        throw new InputException(field + ".key", key, RuleCode.INPUT_TAGS,
            "must be 1 to 36 characters without control characters");
      }
      String value = tag.getValue();
      if (value == null || characters(value) > TAG_VALUE_MAX_LENGTH || hasControl(value)) {
        throw new InputException(field + "[" + key + "]", value, RuleCode.INPUT_TAGS,
            "must be 0 to 43 characters without control characters");
      }
    }
    return tags;
  }

  /**
   * Requires an id to follow rule {@code INPUT_ID}: 1 to 64 ASCII letters, digits, '.', '_' or
   * '-', starting with a letter or a digit.
   *
   * @param value the id
   * @param field the field that holds it
   * @return the id
   * @throws InputException if the id is malformed
   */
  public static String id(String value, String field) {
    if (value == null || value.length() > ID_MAX_LENGTH || !ID.matcher(value).matches()) {
      throw new InputException(field, value, RuleCode.INPUT_ID,
          "must be 1 to 64 ASCII letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    return value;
  }

  /**
   * Requires a region id to follow rule {@code INPUT_ID}: 2 to 32 lower case letters and digits in
   * groups joined by '-', such as {@code cn-north-4}.
   *
   * @param value the region id
   * @param field the field that holds it
   * @return the region id
   * @throws InputException if the region id is malformed
   */
  public static String regionId(String value, String field) {
    if (value == null
        || value.length() < 2
        || value.length() > 32
        || !REGION.matcher(value).matches()) {
      throw new InputException(field, value, RuleCode.INPUT_ID,
          "must be 2 to 32 lower case letters and digits in groups joined by '-'");
    }
    return value;
  }

  /**
   * Requires a number to lie in a closed range (rule {@code INPUT_VALUE}).
   *
   * @param value the number
   * @param min the smallest allowed value
   * @param max the largest allowed value
   * @param field the field that holds it
   * @return the number
   * @throws InputException if the number is outside the range
   */
  public static long range(long value, long min, long max, String field) {
    if (value < min || value > max) {
      throw new InputException(field, value, RuleCode.INPUT_VALUE,
          "must be from " + min + " to " + max);
    }
    return value;
  }

  /**
   * Reads a constant of an enum from its name, ignoring case (rule {@code INPUT_VALUE}).
   *
   * @param <E> the enum
   * @param type the enum's class
   * @param value the name, as a host received it
   * @param field the field that holds it
   * @return the constant
   * @throws InputException if the name is absent or names no constant; the message lists the
   *     allowed names
   */
  public static <E extends Enum<E>> E constant(Class<E> type, String value, String field) {
    if (value != null) {
      for (E constant : type.getEnumConstants()) {
        if (constant.name().equalsIgnoreCase(value.trim())) {
          return constant;
        }
      }
    }
    throw new InputException(field, value, RuleCode.INPUT_VALUE,
        "must be one of " + Arrays.toString(type.getEnumConstants()));
  }

  // Characters are code points, as for names and descriptions: an emoji counts once.
  private static int characters(String text) {
    return text.codePointCount(0, text.length());
  }

  private static boolean hasControl(String text) {
    return text.chars().anyMatch(Character::isISOControl);
  }
}
