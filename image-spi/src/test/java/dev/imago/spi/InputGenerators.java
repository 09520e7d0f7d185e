package dev.imago.spi;

import static org.quicktheories.generators.Generate.constant;
import static org.quicktheories.generators.Generate.frequency;
import static org.quicktheories.generators.Generate.oneOf;
import static org.quicktheories.generators.Generate.pick;
import static org.quicktheories.generators.Generate.range;

import java.util.List;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;

/**
 * Generators of input text, valid and invalid, for the checks of {@link Inputs}. Every invalid
 * generator breaks exactly one part of a rule, so that a test can say which.
 */
final class InputGenerators {
  /** Characters that no name, id or region may hold: punctuation, symbols, invisible spaces. */
  static final List<String> FOREIGN_SYMBOLS = List.of("/", "@", "#", "!", "?", "*", ",", ":",
      ";", "\"", "'", "<", ">", "+", "=", "(", ")", "%", "&", "\\", "|", "~",
      "\u00A0", "\u200B", "\u3000", "\uD83D\uDE00", "\u2028");

  private InputGenerators() {}

  // ---------------------------------------------------------------------------------- names

  /** A letter, digit or '_', '-', '.': never a space. */
  static Gen<Integer> nameCodePoint() {
    return frequency(List.of(
        Pair.of(6, range('a', 'z')),
        Pair.of(3, range('A', 'Z')),
        Pair.of(3, range('0', '9')),
        Pair.of(4, range(0x4E00, 0x9FA5)),             // CJK unified ideographs
        Pair.of(1, range(0x20000, 0x2A6D6)),           // CJK extension B, outside the BMP
        Pair.of(1, range(0xAC00, 0xD7A3)),             // Hangul syllables
        Pair.of(1, range(0x0660, 0x0669)),             // Arabic-Indic digits
        Pair.of(1, range(0x03B1, 0x03C9)),             // Greek small letters
        Pair.of(2, pick(List.of((int) '_', (int) '-', (int) '.')))));
  }

  /** A valid name of {@code min} to {@code max} code points, with spaces only inside. */
  static Gen<String> names(int min, int max) {
    Gen<Integer> lengths = range(min, max);
    Gen<Integer> chars = nameCodePoint();
    Gen<Boolean> space = frequency(Pair.of(1, constant(true)), Pair.of(7, constant(false)));
    return in -> {
      int length = lengths.generate(in);
      StringBuilder name = new StringBuilder();
      for (int i = 0; i < length; i++) {
        boolean inside = i > 0 && i < length - 1;
        name.appendCodePoint(inside && space.generate(in) ? ' ' : chars.generate(in));
      }
      return name.toString();
    };
  }

  /** A valid name: 1 to 128 letters (CJK included), digits, inner spaces, '_', '-', '.'. */
  static Gen<String> validNames() {
    return names(1, Inputs.NAME_MAX_LENGTH);
  }

  /** Names that break rule INPUT_NAME, each in one way. */
  static Gen<String> invalidNames() {
    Gen<String> valid = names(1, 40);
    return oneOf(
        absent(),
        constant(""),
        range(1, 8).map(" "::repeat),
        valid.map(name -> " " + name),
        valid.map(name -> name + " "),
        names(Inputs.NAME_MAX_LENGTH + 1, 300),
        inserted(valid, controlCharacters()),
        inserted(valid, pick(FOREIGN_SYMBOLS)));
  }

  // ---------------------------------------------------------------------------- descriptions

  /** Control characters: C0, DEL and C1. */
  static Gen<String> controlCharacters() {
    return oneOf(range(0x00, 0x1F), range(0x7F, 0x9F)).map(Character::toString);
  }

  /**
   * Characters that render deceptively: a lone high or low surrogate, a bidirectional control
   * (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C), or a line or paragraph separator.
   */
  static Gen<String> deceptiveCharacters() {
    return oneOf(
        range(0xD800, 0xDBFF).map(c -> String.valueOf((char) c.intValue())),
        range(0xDC00, 0xDFFF).map(c -> String.valueOf((char) c.intValue())),
        range(0x202A, 0x202E).map(Character::toString),
        range(0x2066, 0x2069).map(Character::toString),
        pick(List.of("\u200E", "\u200F", "\u061C", "\u2028", "\u2029")));
  }

  /** Text without control characters, of {@code min} to {@code max} code points. */
  static Gen<String> texts(int min, int max) {
    Gen<Integer> lengths = range(min, max);
    Gen<Integer> chars = frequency(List.of(
        Pair.of(8, range(0x20, 0x7E)),
        Pair.of(2, range(0xA0, 0x2FF)),
        Pair.of(2, range(0x4E00, 0x9FA5)),
        Pair.of(1, range(0x1F600, 0x1F64F))));
    return in -> {
      int length = lengths.generate(in);
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < length; i++) {
        text.appendCodePoint(chars.generate(in));
      }
      return text.toString();
    };
  }

  static Gen<String> validDescriptions() {
    return texts(0, Inputs.DESCRIPTION_MAX_LENGTH);
  }

  /** Descriptions that break rule INPUT_DESCRIPTION: absent, too long, or with a control. */
  static Gen<String> invalidDescriptions() {
    return oneOf(
        absent(),
        texts(Inputs.DESCRIPTION_MAX_LENGTH + 1, 3000),
        inserted(texts(0, 200), controlCharacters()),
        inserted(texts(0, 200), deceptiveCharacters()));
  }

  // ------------------------------------------------------------------------------------ ids

  private static final String ID_FIRST =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final String ID_REST = ID_FIRST + "._-";

  static Gen<String> ids(int min, int max) {
    Gen<Integer> lengths = range(min, max);
    Gen<Integer> first = range(0, ID_FIRST.length() - 1);
    Gen<Integer> rest = range(0, ID_REST.length() - 1);
    return in -> {
      int length = lengths.generate(in);
      StringBuilder id = new StringBuilder().append(ID_FIRST.charAt(first.generate(in)));
      for (int i = 1; i < length; i++) {
        id.append(ID_REST.charAt(rest.generate(in)));
      }
      return id.toString();
    };
  }

  /** Valid ids: 1 to 64 ASCII letters, digits, '.', '_', '-', starting with a letter or digit. */
  static Gen<String> validIds() {
    return ids(1, Inputs.ID_MAX_LENGTH);
  }

  /** Ids that break rule INPUT_ID, each in one way. */
  static Gen<String> invalidIds() {
    Gen<String> valid = ids(1, 30);
    return oneOf(
        absent(),
        constant(""),
        ids(Inputs.ID_MAX_LENGTH + 1, 200),
        valid.zip(pick(List.of(".", "_", "-")), (id, first) -> first + id),
        inserted(valid,
            pick(List.of(" ", "é", "中", "ß", "$", "/", "@", ":", "#", "\t", "\u0000"))),
        inserted(valid, pick(FOREIGN_SYMBOLS)));
  }

  /** Valid region ids: lower case groups joined by '-', 2 to 32 characters. */
  static Gen<String> validRegions() {
    Gen<Integer> groups = range(1, 4);
    Gen<Integer> letters = range('a', 'z');
    Gen<Integer> alnum = oneOf(range('a', 'z'), range('0', '9'));
    Gen<Integer> groupLength = range(1, 6);
    return in -> {
      StringBuilder region = new StringBuilder().appendCodePoint(letters.generate(in));
      int more = groupLength.generate(in);
      for (int i = 0; i < more; i++) {
        region.appendCodePoint(alnum.generate(in));
      }
      int count = groups.generate(in);
      for (int g = 1; g < count; g++) {
        region.append('-');
        int length = groupLength.generate(in);
        for (int i = 0; i < length; i++) {
          region.appendCodePoint(alnum.generate(in));
        }
      }
      return region.toString();
    };
  }

  /** Region ids that break rule INPUT_ID. */
  static Gen<String> invalidRegions() {
    Gen<String> valid = validRegions();
    return oneOf(
        absent(),
        constant(""),
        range('a', 'z').map(Character::toString),
        valid.map(region -> (region + "-abcdefghij").repeat(4)),
        valid.map(region -> region.toUpperCase(java.util.Locale.ROOT) + "X"),
        valid.zip(range('0', '9'), (region, digit) -> (char) digit.intValue() + region),
        valid.map(region -> "-" + region),
        valid.map(region -> region + "-"),
        valid.map(region -> region + "--1"),
        inserted(valid, pick(List.of("_", ".", " ", "é", "/", "\n"))));
  }

  // ---------------------------------------------------------------------------------- tags

  /** Family names that follow rule FAMILY_NAME: a letter, then letters, digits or '-'. */
  static Gen<String> validFamilies() {
    Gen<Integer> lengths = range(1, 63);
    Gen<Integer> first = range('a', 'z');
    Gen<Integer> rest = oneOf(range('a', 'z'), range('0', '9'), constant((int) '-'));
    return in -> {
      StringBuilder name = new StringBuilder().appendCodePoint(first.generate(in));
      for (int i = lengths.generate(in); i > 1; i--) {
        name.appendCodePoint(rest.generate(in));
      }
      return name.toString();
    };
  }

  /** Family names that break rule FAMILY_NAME: empty, too long, or with a foreign character. */
  static Gen<String> invalidFamilies() {
    return oneOf(
        constant(""),
        validFamilies().map(name -> name + "a".repeat(64 - Math.min(63, name.length()))),
        inserted(validFamilies(), oneOf(pick(List.of("A", "Z", "_", ".", " ", "é", "镜")),
            deceptiveCharacters(), controlCharacters())),
        validFamilies().map(name -> "-" + name),
        validFamilies().map(name -> "1" + name));
  }

  static Gen<String> tagKeys() {
    return texts(1, Inputs.TAG_KEY_MAX_LENGTH);
  }

  static Gen<String> tagValues() {
    return texts(0, Inputs.TAG_VALUE_MAX_LENGTH);
  }

  // --------------------------------------------------------------------------------- helpers

  /** A string with one piece inserted at a random place (never an absent string). */
  static Gen<String> inserted(Gen<String> texts, Gen<String> pieces) {
    return in -> {
      String text = texts.generate(in);
      String piece = pieces.generate(in);
      int at = range(0, text.length()).generate(in);
      // Never split a surrogate pair, which would make a second, unintended fault.
      if (at > 0 && at < text.length() && Character.isLowSurrogate(text.charAt(at))) {
        at--;
      }
      return text.substring(0, at) + piece + text.substring(at);
    };
  }

  /** Always {@code null}. */
  static Gen<String> absent() {
    return in -> null;
  }
}
