package dev.imago.store.memory.internal;

import dev.imago.spi.ImageId;
import dev.imago.spi.ImageQuery;
import dev.imago.spi.ImageSort;
import dev.imago.spi.InputException;
import dev.imago.spi.RuleCode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Opaque keyset cursors. A cursor is the URL-safe Base64 of a format byte, a fingerprint of the
 * query without its cursor (viewer, region, reasons, filters, sort and page size) and the sort key
 * of the last image listed, so a cursor only continues the query that returned it.
 */
public final class Cursors {
  private static final byte FORMAT = 1;
  private static final int FINGERPRINT_LENGTH = 16;
  private static final String PROBLEM = "must be a cursor returned by this same query";

  private Cursors() {}

  /**
   * Returns the cursor that continues a query after a key.
   *
   * @param query the query
   * @param last the key of the last image on the page
   * @return the cursor
   */
  public static String encode(ImageQuery query, SortKey last) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      out.write(fingerprint(query));
      if (query.sort() == ImageSort.NAME) {
        writeText(out, last.name());
      } else {
        out.writeLong(last.createdAt().getEpochSecond());
        out.writeInt(last.createdAt().getNano());
      }
      writeText(out, last.id().value());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());
  }

  /**
   * Reads the key a query's cursor continues after.
   *
   * @param query the query
   * @return the key, or empty when the query has no cursor
   * @throws InputException if the cursor is not one this query returned (rule {@code
   *     INPUT_PAGE})
   */
  public static Optional<SortKey> decode(ImageQuery query) {
    if (query.cursor().isEmpty()) {
      return Optional.empty();
    }
    String cursor = query.cursor().get();
    return Optional.of(read(cursor, query).orElseThrow(
        () -> new InputException("cursor", cursor, RuleCode.INPUT_PAGE, PROBLEM)));
  }

  private static Optional<SortKey> read(String cursor, ImageQuery query) {
    try (DataInputStream in = new DataInputStream(
        new ByteArrayInputStream(Base64.getUrlDecoder().decode(cursor)))) {
      if (in.readByte() != FORMAT) {
        return Optional.empty();
      }
      byte[] fingerprint = new byte[FINGERPRINT_LENGTH];
      in.readFully(fingerprint);
      if (!Arrays.equals(fingerprint, fingerprint(query))) {
        return Optional.empty();
      }
      SortKey key = query.sort() == ImageSort.NAME ? readNamed(in) : readCreated(in);
      return in.available() == 0 ? Optional.of(key) : Optional.empty();
    } catch (IOException | IllegalArgumentException | DateTimeException | InputException e) {
      // Not Base64, cut short, or holding no valid time or id: it was not made here.
      return Optional.empty();
    }
  }

  private static SortKey readNamed(DataInputStream in) throws IOException {
    String name = readText(in);
    return new SortKey(ImageId.of(readText(in)), name, Instant.EPOCH);
  }

  private static SortKey readCreated(DataInputStream in) throws IOException {
    Instant createdAt = Instant.ofEpochSecond(in.readLong(), in.readInt());
    return new SortKey(ImageId.of(readText(in)), "", createdAt);
  }

  private static byte[] fingerprint(ImageQuery query) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writeText(out, query.viewer().value());
      writeText(out, query.region().value());
      writeAll(out, query.include());
      writeAll(out, query.membership());
      writeAll(out, query.types());
      writeAll(out, query.statuses());
      writeOptional(out, query.osType().map(Enum::name));
      writeOptional(out, query.platform().map(Enum::name));
      writeOptional(out, query.namePrefix());
      writeOptional(out, query.tagKey());
      writeOptional(out, query.tagValue());
      writeText(out, query.sort().name());
      out.writeInt(query.pageSize());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray());
      return Arrays.copyOf(digest, FINGERPRINT_LENGTH);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private static <E extends Enum<E>> void writeAll(DataOutputStream out, Collection<E> values)
      throws IOException {
    // Sorted, so that equal sets give equal fingerprints whatever their iteration order.
    TreeSet<E> sorted = new TreeSet<>(values);
    out.writeInt(sorted.size());
    for (E value : sorted) {
      writeText(out, value.name());
    }
  }

  private static void writeOptional(DataOutputStream out, Optional<String> value)
      throws IOException {
    out.writeBoolean(value.isPresent());
    if (value.isPresent()) {
      writeText(out, value.get());
    }
  }

  // UTF-8 with an int length: writeUTF's modified UTF-8 takes six bytes per supplementary
  // character and would push a cursor of a long CJK name past the 1024 characters a query allows.
  private static void writeText(DataOutputStream out, String text) throws IOException {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static String readText(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > in.available()) {
      throw new IOException("bad text length " + length);
    }
    byte[] utf8 = new byte[length];
    in.readFully(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
  }
}
