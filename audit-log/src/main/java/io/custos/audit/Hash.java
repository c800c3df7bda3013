package io.custos.audit;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A SHA-256 value: a leaf, node, chain or root hash of the log.
 *
 * @param bytes exactly 32 bytes; copied on the way in and out
 */
public record Hash(byte[] bytes) {

  /** The length of every hash in the log. */
  public static final int LENGTH = 32;

  /** The chain hash before the first entry. */
  public static final Hash ZERO = new Hash(new byte[LENGTH]);

  public Hash {
    if (bytes == null || bytes.length != LENGTH) {
      throw new IllegalArgumentException("a hash is 32 bytes");
    }
    bytes = bytes.clone();
  }

  /** Parses 64 hex digits. */
  public static Hash ofHex(String hex) {
    return new Hash(HexFormat.of().parseHex(hex));
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Lower-case hex, 64 digits. */
  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hash h && Arrays.equals(bytes, h.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}
