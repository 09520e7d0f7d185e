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
  private static final Pattern FAMILY = Pattern.compile("[a-z][a-z0-9-]*");
  private static final int FAMILY_MAX_LENGTH = 63;
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
   * Requires the start of a name, as a listing filters by it, to follow rule {@code INPUT_NAME}:
   * up to 128 of the characters a name holds, spaces anywhere; empty matches every name. A lone
   * surrogate or any other
   * character no name holds is refused, so that matching a prefix and sorting by name agree on
   * whole characters.
   *
   * @param value the prefix
   * @param field the field that holds it
   * @return the prefix
   * @throws InputException if the prefix breaks the rule
   */
  public static String namePrefix(String value, String field) {
    if (value == null
        || value.codePointCount(0, value.length()) > NAME_MAX_LENGTH
        || !(value.isEmpty() || NAME.matcher(value).matches())) {
      throw new InputException(field, value, RuleCode.INPUT_NAME,
          "must be up to 128 letters, digits, spaces, '_', '-' or '.'");
    }
    return value;
  }

  /**
   * Requires a family name to follow rule {@code FAMILY_NAME}: 1 to 63 characters, lower-case
   * letters, digits and {@code -}, starting with a letter.
   *
   * @param value the family name
   * @param field the field that holds it
   * @return the name
   * @throws InputException if the name breaks the rule
   */
  public static String family(String value, String field) {
    if (value == null || value.length() > FAMILY_MAX_LENGTH || !FAMILY.matcher(value).matches()) {
      throw new InputException(field, value, RuleCode.FAMILY_NAME, "must be 1 to "
          + FAMILY_MAX_LENGTH + " lower-case letters, digits and '-', starting with a letter");
    }
    return value;
  }

  /**
   * Requires a description to follow rule {@code INPUT_DESCRIPTION}: at most 1024 characters, no
   * control characters and no text that renders deceptively ({@link #rendersDeceptively}).
   *
   * @param value the description, possibly empty
   * @param field the field that holds it
   * @return the description
   * @throws InputException if the description breaks the rule
   */
  public static String description(String value, String field) {
    if (value == null
        || value.codePointCount(0, value.length()) > DESCRIPTION_MAX_LENGTH
        || hasControl(value)) {
      throw new InputException(field, value, RuleCode.INPUT_DESCRIPTION,
          "must be at most 1024 characters without control, bidirectional or separator"
              + " characters and without lone surrogates");
    }
    return value;
  }

  /**
   * Requires tags to follow the length part of rule {@code INPUT_TAGS}: keys of 1 to 36 and
   * values of 0 to 43 characters, no control characters and nothing that renders deceptively
   * ({@link #rendersDeceptively}). The number of tags is a policy setting, checked by the policy
   * engine.
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
            "must be 1 to 36 characters without control, bidirectional or separator characters"
                + " and without lone surrogates");
      }
      String value = tag.getValue();
      if (value == null || characters(value) > TAG_VALUE_MAX_LENGTH || hasControl(value)) {
        throw new InputException(field + "[" + key + "]", value, RuleCode.INPUT_TAGS,
            "must be 0 to 43 characters without control, bidirectional or separator characters"
                + " and without lone surrogates");
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
    return text.chars().anyMatch(Character::isISOControl) || rendersDeceptively(text);
  }

  /**
   * Tells whether a text holds what renders deceptively: a lone surrogate (half of a character,
   * which sorts and prints differently from place to place), a bidirectional embedding, override
   * or isolate (U+202A to U+202E, U+2066 to U+2069) or mark (U+200E, U+200F, U+061C), which
   * reorder what is shown, or a line or paragraph separator (U+2028, U+2029), which breaks a line
   * where none is seen. Descriptions and tags refuse them; names allow only letters, digits and a
   * few signs anyway.
   *
   * @param text the text
   * @return {@code true} when the text holds such a character
   * @throws NullPointerException if the text is {@code null}
   */
  public static boolean rendersDeceptively(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
          continue;
        }
        return true;
      }
      if (Character.isLowSurrogate(c)
          || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')
          || c == '\u200E' || c == '\u200F' || c == '\u061C'
          || c == '\u2028' || c == '\u2029') {
        return true;
      }
    }
    return false;
  }
}
