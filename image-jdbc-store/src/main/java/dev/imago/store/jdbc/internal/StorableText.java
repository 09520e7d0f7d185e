package dev.imago.store.jdbc.internal;

import dev.imago.spi.ImageEvent;
import dev.imago.spi.ImageQuery;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.InputException;
import dev.imago.spi.RuleCode;
import java.util.List;
import java.util.Map;

/**
 * Text that PostgreSQL cannot keep exactly is refused before it reaches the database: a NUL
 * character (U+0000), which a {@code text} value cannot hold, and an unpaired surrogate, which is
 * no character and which the driver would replace on the way to UTF-8, so that a load would not
 * return what was saved. The SPI's own checks already keep both out of names, tags and ids; a
 * description may still hold an unpaired surrogate, and event details and query filters may hold
 * either.
 */
public final class StorableText {
  private StorableText() {}

  /**
   * Requires every text of a record to be storable.
   *
   * @param record the record
   * @throws InputException naming the field and its rule if one is not
   */
  public static void check(ImageRecord record) {
    check(record.name(), "name", RuleCode.INPUT_NAME);
    check(record.description(), "description", RuleCode.INPUT_DESCRIPTION);
    record.os().ifPresent(os -> check(os.osVersion(), "os.osVersion", RuleCode.INPUT_VALUE));
    // Ids, vaults and keys are ASCII by their own rule; the currency is an ISO code.
    checkMap(record.tags(), "tags", RuleCode.INPUT_TAGS);
  }

  /**
   * Requires every text of some events to be storable.
   *
   * @param events the events
   * @throws InputException naming the event and field (rule {@code INPUT_VALUE}) if one is not
   */
  public static void check(List<ImageEvent> events) {
    for (int e = 0; e < events.size(); e++) {
      checkMap(events.get(e).details(), "events[" + e + "].details", RuleCode.INPUT_VALUE);
    }
  }

  /**
   * Requires the text filters of a query to be storable, so that they can be compared.
   *
   * @param query the query
   * @throws InputException naming the filter if one is not
   */
  public static void check(ImageQuery query) {
    query.namePrefix().ifPresent(prefix -> check(prefix, "namePrefix", RuleCode.INPUT_NAME));
    query.tagKey().ifPresent(key -> check(key, "tagKey", RuleCode.INPUT_TAGS));
    query.tagValue().ifPresent(value -> check(value, "tagValue", RuleCode.INPUT_TAGS));
  }

  private static void checkMap(Map<String, String> map, String field, RuleCode code) {
    for (Map.Entry<String, String> entry : map.entrySet()) {
      check(entry.getKey(), field + ".key", code);
      check(entry.getValue(), field + "[" + entry.getKey() + "]", code);
    }
  }

  /**
   * Requires one text to be storable.
   *
   * @param text the text
   * @param field the field that holds it
   * @param code the rule the field follows
   * @return the text
   * @throws InputException naming the field if the text holds a NUL character or an unpaired
   *     surrogate
   */
  public static String check(String text, String field, RuleCode code) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\0') {
        throw new InputException(field, text, code,
            "must not contain the NUL character (U+0000), which PostgreSQL cannot store");
      }
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < text.length()
            && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else {
          throw new InputException(field, text, code,
              "must not contain an unpaired surrogate, which is no character");
        }
      }
    }
    return text;
  }
}
