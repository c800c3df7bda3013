package io.custos.hsm;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The identifier of a key in the vault: the bytes of its PKCS#11 {@code CKA_ID}, as lower-case hex.
 *
 * @param hex between 1 and 64 bytes, as lower-case hex without prefix
 */
public record KeyId(String hex) {

  private static final HexFormat HEX = HexFormat.of();
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Validates and normalises to lower case. */
  public KeyId {
    if (hex == null || hex.isEmpty() || hex.length() % 2 != 0 || hex.length() > 128) {
      throw new IllegalArgumentException("a key id is 1 to 64 bytes of hex, got: " + hex);
    }
    hex = hex.toLowerCase(Locale.ROOT);
    if (!hex.chars().allMatch(HexFormat::isHexDigit)) {
      throw new IllegalArgumentException("a key id is hex, got: " + hex);
    }
  }

  /** The key id for these {@code CKA_ID} bytes. */
  public static KeyId of(byte[] bytes) {
    return new KeyId(HEX.formatHex(bytes));
  }

  /**
   * A new id for a key generated now: a UUIDv7 (RFC 9562), 16 bytes that start with the creation
   * time in milliseconds. Time-ordered and unique without coordination, and the creation time
   * survives on every HSM, since it needs no optional attribute such as {@code CKA_START_DATE}.
   */
  public static KeyId generate(Instant now) {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    long millis = now.toEpochMilli();
    for (int i = 0; i < 6; i++) {
      bytes[i] = (byte) (millis >>> (8 * (5 - i)));
    }
    bytes[6] = (byte) (0x70 | (bytes[6] & 0x0f));
    bytes[8] = (byte) (0x80 | (bytes[8] & 0x3f));
    return of(bytes);
  }

  /** The creation time a UUIDv7 id carries; empty for ids of another shape (adopted keys). */
  public Optional<Instant> createdAt() {
    byte[] bytes = bytes();
    if (bytes.length != 16 || (bytes[6] & 0xf0) != 0x70 || (bytes[8] & 0xc0) != 0x80) {
      return Optional.empty();
    }
    long millis = 0;
    for (int i = 0; i < 6; i++) {
      millis = (millis << 8) | (bytes[i] & 0xff);
    }
    return Optional.of(Instant.ofEpochMilli(millis));
  }

  /** The {@code CKA_ID} bytes. */
  public byte[] bytes() {
    return HEX.parseHex(hex);
  }

  @Override
  public String toString() {
    return hex;
  }
}
