package io.custos.hsm;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A secp256k1 public key as an uncompressed SEC1 point: {@code 04 || x || y}, 65 bytes, checked to
 * lie on the curve.
 *
 * @param uncompressed the 65-byte encoding; copied in and out
 */
public record Secp256k1PublicKey(byte[] uncompressed) {

  /** Validates the encoding and that the point is on secp256k1. */
  public Secp256k1PublicKey {
    if (uncompressed == null || uncompressed.length != 65 || uncompressed[0] != 0x04) {
      throw new IllegalArgumentException("a public key is an uncompressed SEC1 point of 65 bytes");
    }
    uncompressed = uncompressed.clone();
    Secp256k1.decodePoint(uncompressed);
  }

  @Override
  public byte[] uncompressed() {
    return uncompressed.clone();
  }

  /** The 64 bytes {@code x || y} that Ethereum hashes into an address. */
  public byte[] xy() {
    return Arrays.copyOfRange(uncompressed, 1, 65);
  }

  /** The Ethereum address of this key. */
  public EthAddress address() {
    return EthAddress.of(this);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secp256k1PublicKey k && Arrays.equals(uncompressed, k.uncompressed);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(uncompressed);
  }

  @Override
  public String toString() {
    return "0x" + HexFormat.of().formatHex(uncompressed);
  }
}
