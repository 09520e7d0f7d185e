package dev.imago.spi;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * The keyset cursor of a listing, shared by every store: the {@link ListingKey} of the last
 * image of a page, bound to the query and viewer that listed it. A cursor is the URL-safe Base64
 * of a format byte, a 64-bit fingerprint of the query without its cursor (viewer, region,
 * reasons, filters, sort and page size) and the key, so a cursor only continues the query that
 * returned it, on any host that shares the store.
 *
 * <p>The fingerprint tells a cursor of another query from one of this query; it is no signature
 * (the key names only an image the viewer was listed), so a cheap 64-bit hash does.
 */
public final class PageCursor {
  private static final byte FORMAT = 3;
  private static final String PROBLEM = "must be a cursor returned by this same query";
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final int MAX_NAME_BYTES = Inputs.NAME_MAX_LENGTH * 4;

  private PageCursor() {}

  /**
   * Returns the cursor that continues a query after an image.
   *
   * @param query the query
   * @param last the last image on the page
   * @return the cursor
   * @throws InputException if an argument is absent
   */
  public static String encode(ImageQuery query, ImageRecord last) {
    Inputs.present(query, "query");
    Inputs.present(last, "last");
    byte[] id = last.id().value().getBytes(StandardCharsets.US_ASCII);
    byte[] name = last.name().getBytes(StandardCharsets.UTF_8);
    ByteBuffer out = ByteBuffer.allocate(Byte.BYTES + Long.BYTES + Long.BYTES + Integer.BYTES
        + Integer.BYTES + name.length + Integer.BYTES + id.length);
    out.put(FORMAT).putLong(fingerprint(query))
        .putLong(last.createdAt().getEpochSecond()).putInt(last.createdAt().getNano())
        .putInt(name.length).put(name)
        .putInt(id.length).put(id);
    return ENCODER.encodeToString(out.array());
  }

  /**
   * Reads the key a query's cursor continues after.
   *
   * @param query the query
   * @return the key of the last image already listed, or empty when the query has no cursor
   * @throws InputException if the query is absent, or its cursor is not one this query of this
   *     viewer returned: another query's, altered, or malformed (field {@code cursor}, rule {@code
   *     INPUT_PAGE})
   */
  public static Optional<ListingKey> decode(ImageQuery query) {
    Inputs.present(query, "query");
    if (query.cursor().isEmpty()) {
      return Optional.empty();
    }
    String cursor = query.cursor().get();
    ListingKey key;
    try {
      key = read(ByteBuffer.wrap(Base64.getUrlDecoder().decode(cursor)), query);
    } catch (BufferUnderflowException | IllegalArgumentException | InputException e) {
      // Not Base64, cut short, or holding no valid time, name or id: it was not made here.
      key = null;
    }
    if (key == null) {
      throw new InputException("cursor", cursor, RuleCode.INPUT_PAGE, PROBLEM);
    }
    return Optional.of(key);
  }

  private static ListingKey read(ByteBuffer in, ImageQuery query) {
    if (in.get() != FORMAT || in.getLong() != fingerprint(query)) {
      return null;
    }
    long second = in.getLong();
    int nano = in.getInt();
    // Every field is range-checked before use: a forged cursor must not reach an arithmetic
    // exception or an allocation of its own choosing.
    if (second < Instant.MIN.getEpochSecond() || second > Instant.MAX.getEpochSecond()
        || nano < 0 || nano > 999_999_999) {
      return null;
    }
    String name = readText(in, MAX_NAME_BYTES, StandardCharsets.UTF_8);
    String id = readText(in, Inputs.ID_MAX_LENGTH, StandardCharsets.US_ASCII);
    if (in.hasRemaining()) {
      return null;
    }
    return ListingKey.of(Instant.ofEpochSecond(second, nano), name, ImageId.of(id));
  }

  private static String readText(ByteBuffer in, int maxBytes, java.nio.charset.Charset charset) {
    int length = in.getInt();
    if (length < 0 || length > maxBytes || length > in.remaining()) {
      throw new IllegalArgumentException("bad text length " + length);
    }
    byte[] bytes = new byte[length];
    in.get(bytes);
    String text = new String(bytes, charset);
    if (!java.util.Arrays.equals(text.getBytes(charset), bytes)) {
      throw new IllegalArgumentException("not well-formed " + charset);
    }
    return text;
  }

  private static long fingerprint(ImageQuery query) {
    return new Fingerprint()
        .add(query.viewer().value())
        .add(query.region().value())
        .add(mask(query.include()))
        .add(mask(query.membership()))
        .add(mask(query.types()))
        .add(mask(query.statuses()))
        .add(query.osType().map(Enum::ordinal).orElse(-1))
        .add(query.platform().map(Enum::ordinal).orElse(-1))
        .add(query.namePrefix())
        .add(query.tagKey())
        .add(query.tagValue())
        .add(query.includeDeprecated() ? 1 : 0)
        .add(query.family().map(Family::toString))
        .add(query.sort().ordinal())
        .add(query.pageSize())
        .value();
  }

  // The same for equal sets whatever their iteration order.
  private static long mask(Set<? extends Enum<?>> values) {
    long mask = 0;
    for (Enum<?> value : values) {
      mask |= 1L << value.ordinal();
    }
    return mask;
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
