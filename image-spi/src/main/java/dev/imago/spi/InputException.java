package dev.imago.spi;

/**
 * Bad input: a value that breaks a rule before anything is looked up or stored. It names the
 * field, the offending value (cut to a safe length) and the rule code; nothing was changed.
 */
public final class InputException extends ImagoException {
  private static final long serialVersionUID = 1L;
  private static final int SHOWN_VALUE_LENGTH = 64;

  private final String field;
  private final String value;
  private final transient RuleCode code;

  /**
   * Creates the exception.
   *
   * @param field the name of the field, as the caller would write it ({@code "name"}, {@code
   *     "recipients[2]"})
   * @param value the offending value, or {@code null} when it was absent
   * @param code the rule the value breaks
   * @param problem what the rule asks for, for example {@code "must not be blank"}
   */
  public InputException(String field, Object value, RuleCode code, String problem) {
    super(field + " " + problem + " [" + code.value() + "]: " + show(value), null);
    this.field = field;
    this.value = show(value);
    this.code = code;
  }

  /**
   * Returns the name of the field that holds the bad value.
   *
   * @return the field name
   */
  public String field() {
    return field;
  }

  /**
   * Returns the offending value as text, cut to 64 characters, or {@code "null"} when it was
   * absent.
   *
   * @return the value as shown in the message
   */
  public String value() {
    return value;
  }

  /**
   * Returns the code of the rule the value breaks.
   *
   * @return the rule code
   */
  public RuleCode code() {
    return code;
  }

  private static String show(Object value) {
    if (value == null) {
      return "null";
    }
    String text = String.valueOf(value);
    if (text.length() <= SHOWN_VALUE_LENGTH) {
      return '"' + text + '"';
    }
    // The cut never splits a character, and characters are counted as in the rules.
    int cut = Character.isHighSurrogate(text.charAt(SHOWN_VALUE_LENGTH - 1))
        ? SHOWN_VALUE_LENGTH - 1 : SHOWN_VALUE_LENGTH;
    return '"' + text.substring(0, cut) + "...\" (" + text.codePointCount(0, text.length())
        + " characters)";
  }
}
