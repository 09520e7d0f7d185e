package dev.imago.store.jdbc.internal;

import dev.imago.spi.ImageQuery;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.InputException;
import dev.imago.spi.RuleCode;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Keyset cursors bound to their query: the Base64 of a digest of the query without its cursor and
 * the sort key of the last image of the page.
 */
public final class Cursor {
  private static final byte FORMAT = 1;

  private Cursor() {}

  /**
   * Returns the cursor that continues a query after an image.
   *
   * @param query the query
   * @param last the last image of the page
   * @return the cursor
   */
  public static String encode(ImageQuery query, ImageRecord last) {
    byte[] name = last.name().getBytes(StandardCharsets.UTF_8);
    byte[] id = last.id().value().getBytes(StandardCharsets.US_ASCII);
    ByteBuffer out = ByteBuffer.allocate(1 + 8 + 8 + 4 + 4 + name.length + 4 + id.length);
    out.put(FORMAT).putLong(fingerprint(query))
        .putLong(last.createdAt().getEpochSecond()).putInt(last.createdAt().getNano())
        .putInt(name.length).put(name).putInt(id.length).put(id);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(out.array());
  }

  /**
   * Reads where a query's cursor continues.
   *
   * @param query the query
   * @return the key, or {@code null} without a cursor
   * @throws InputException if the cursor is not one this query returned (rule {@code
   *     INPUT_PAGE})
   */
  public static ListingSql.@Nullable Key decode(ImageQuery query) {
    if (query.cursor().isEmpty()) {
      return null;
    }
    String cursor = query.cursor().get();
    try {
      ByteBuffer in = ByteBuffer.wrap(Base64.getUrlDecoder().decode(cursor));
      if (in.get() == FORMAT && in.getLong() == fingerprint(query)) {
        Instant createdAt = Instant.ofEpochSecond(in.getLong(), in.getInt());
        String name = new String(bytes(in), StandardCharsets.UTF_8);
        String id = new String(bytes(in), StandardCharsets.US_ASCII);
        if (!in.hasRemaining()) {
          return new ListingSql.Key(createdAt, name, id);
        }
      }
    } catch (BufferUnderflowException | IllegalArgumentException | DateTimeException e) {
      // Not Base64, cut short or out of range: not made here.
    }
    throw new InputException("cursor", cursor, RuleCode.INPUT_PAGE,
        "must be a cursor returned by this same query");
  }

  private static byte[] bytes(ByteBuffer in) {
    int length = in.getInt();
    if (length < 0 || length > in.remaining()) {
      throw new IllegalArgumentException("bad length");
    }
    byte[] bytes = new byte[length];
    in.get(bytes);
    return bytes;
  }

  // The same on every host: enum sets by their sorted names, never by identity hash codes.
  private static long fingerprint(ImageQuery query) {
    String text = String.join("\u0000", query.viewer().value(), query.region().value(),
        names(query.include()), names(query.membership()), names(query.types()),
        names(query.statuses()), String.valueOf(query.osType()), String.valueOf(query.platform()),
        String.valueOf(query.namePrefix()), String.valueOf(query.tagKey()),
        String.valueOf(query.tagValue()), query.sort().name(), String.valueOf(query.pageSize()));
    long hash = 0xcbf29ce484222325L;
    for (int i = 0; i < text.length(); i++) {
      hash = (hash ^ text.charAt(i)) * 0x100000001b3L;
    }
    return hash;
  }

  private static String names(Set<? extends Enum<?>> values) {
    return values.stream().map(Enum::name).sorted().toList().toString();
  }
}
