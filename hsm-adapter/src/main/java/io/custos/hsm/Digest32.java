package io.custos.hsm;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A 32-byte message digest to sign (a Keccak-256 hash for Ethereum payloads, a SHA-256 hash for
 * audit checkpoints: the vault signs any 32 bytes).
 *
 * @param bytes exactly 32 bytes; copied in and out
 */
public record Digest32(byte[] bytes) {

  /** Validates the length and takes a defensive copy. */
  public Digest32 {
    if (bytes == null || bytes.length != 32) {
      throw new IllegalArgumentException(
          "a digest is 32 bytes, got " + (bytes == null ? "null" : bytes.length));
    }
    bytes = bytes.clone();
  }

  /** The digest for 64 hex characters, with or without {@code 0x}. */
  public static Digest32 ofHex(String hex) {
    String digits = hex.startsWith("0x") ? hex.substring(2) : hex;
    return new Digest32(HexFormat.of().parseHex(digits));
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Digest32 d && Arrays.equals(bytes, d.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "0x" + HexFormat.of().formatHex(bytes);
  }
}
