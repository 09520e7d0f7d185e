package dev.imago.store.memory.internal;

import dev.imago.spi.ImageId;
import dev.imago.spi.ImageQuery;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageSort;
import dev.imago.spi.InputException;
import dev.imago.spi.RuleCode;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Opaque keyset cursors. A cursor is the URL-safe Base64 of a format byte, a 64-bit fingerprint
 * of the query without its cursor (viewer, region, reasons, filters, sort and page size) and the
 * sort key of the last image listed, so a cursor only continues the query that returned it.
 *
 * <p>The fingerprint tells a cursor of another query from one of this query; it is no signature
 * (nor was the SHA-256 digest it replaced, having no secret), so a cheap 64-bit hash does.
 */
public final class Cursors {
  private static final byte FORMAT = 2;
  private static final String PROBLEM = "must be a cursor returned by this same query";
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private Cursors() {}

  /**
   * Returns the cursor that continues a query after an image.
   *
   * @param query the query
   * @param last the last image on the page
   * @return the cursor
   */
  public static String encode(ImageQuery query, ImageRecord last) {
    byte[] id = last.id().value().getBytes(StandardCharsets.UTF_8);
    boolean byName = query.sort() == ImageSort.NAME;
    byte[] name = byName ? last.name().getBytes(StandardCharsets.UTF_8) : new byte[0];
    int place = byName ? Integer.BYTES + name.length : Long.BYTES + Integer.BYTES;
    ByteBuffer out = ByteBuffer.allocate(
        Byte.BYTES + Long.BYTES + place + Integer.BYTES + id.length);
    out.put(FORMAT).putLong(fingerprint(query));
    if (byName) {
      out.putInt(name.length).put(name);
    } else {
      out.putLong(last.createdAt().getEpochSecond()).putInt(last.createdAt().getNano());
    }
    out.putInt(id.length).put(id);
    return ENCODER.encodeToString(out.array());
  }

  /**
   * Reads the key a query's cursor continues after.
   *
   * @param query the query
   * @return the key, or {@code null} when the query has no cursor
   * @throws InputException if the cursor is not one this query returned (rule {@code
   *     INPUT_PAGE})
   */
  public static @Nullable SortKey decode(ImageQuery query) {
    if (query.cursor().isEmpty()) {
      return null;
    }
    String cursor = query.cursor().get();
    return read(cursor, query).orElseThrow(
        () -> new InputException("cursor", cursor, RuleCode.INPUT_PAGE, PROBLEM));
  }

  private static Optional<SortKey> read(String cursor, ImageQuery query) {
    try {
      ByteBuffer in = ByteBuffer.wrap(Base64.getUrlDecoder().decode(cursor));
      if (in.get() != FORMAT || in.getLong() != fingerprint(query)) {
        return Optional.empty();
      }
      SortKey key;
      if (query.sort() == ImageSort.NAME) {
        String name = readText(in);
        key = SortKey.named(name, ImageId.of(readText(in)));
      } else {
        Instant createdAt = Instant.ofEpochSecond(in.getLong(), in.getInt());
        key = SortKey.created(createdAt, ImageId.of(readText(in)));
      }
      return in.hasRemaining() ? Optional.empty() : Optional.of(key);
    } catch (BufferUnderflowException | IllegalArgumentException | DateTimeException
        | InputException e) {
      // Not Base64, cut short, or holding no valid time or id: it was not made here.
      return Optional.empty();
    }
  }

  private static String readText(ByteBuffer in) {
    int length = in.getInt();
    if (length < 0 || length > in.remaining()) {
      throw new IllegalArgumentException("bad text length " + length);
    }
    String text = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
    in.position(in.position() + length);
    return text;
  }

  private static long fingerprint(ImageQuery query) {
    return new Fingerprint()
        .add(query.viewer().value())
        .add(query.region().value())
        .add(QueryFilter.mask(query.include()))
        .add(QueryFilter.mask(query.membership()))
        .add(QueryFilter.mask(query.types()))
        .add(QueryFilter.mask(query.statuses()))
        .add(query.osType().map(Enum::ordinal).orElse(-1))
        .add(query.platform().map(Enum::ordinal).orElse(-1))
        .add(query.namePrefix())
        .add(query.tagKey())
        .add(query.tagValue())
        .add(query.sort().ordinal())
        .add(query.pageSize())
        .value();
  }

  /** A 64-bit hash of a sequence of numbers and texts, each text preceded by its length. */
  private static final class Fingerprint {
    private static final long ABSENT = -1;
    private long hash = 0x6A09E667F3BCC908L;

    Fingerprint add(long value) {
      hash = Long.rotateLeft((hash ^ value) * 0x9E3779B97F4A7C15L, 31);
      return this;
    }

    Fingerprint add(String text) {
      add(text.length());
      for (int i = 0; i < text.length(); i++) {
        add(text.charAt(i));
      }
      return this;
    }

    Fingerprint add(Optional<String> text) {
      return text.isPresent() ? add(text.get()) : add(ABSENT);
    }

    // MurmurHash3's 64-bit finaliser: every bit of the state sways every bit of the value.
    long value() {
      long h = hash;
      h = (h ^ (h >>> 33)) * 0xFF51AFD7ED558CCDL;
      h = (h ^ (h >>> 33)) * 0xC4CEB9FE1A85EC53L;
      return h ^ (h >>> 33);
    }
  }
}
