package io.custos.hsm;

import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A secp256k1 public key as an uncompressed SEC1 point: {@code 04 || x || y}, 65 bytes, checked to
 * lie on the curve.
 *
 * @param uncompressed the 65-byte encoding; copied in and out
 */
public record Secp256k1PublicKey(byte[] uncompressed) {

  // Read here and not from io.custos.hsm.secp256k1: that package builds on the port's values,
  // and the port imports nothing that builds on it.
  private static final ECCurve CURVE = CustomNamedCurves.getByName("secp256k1").getCurve();

  /** Validates the encoding and that the point is on secp256k1. */
  public Secp256k1PublicKey {
    if (uncompressed == null || uncompressed.length != 65 || uncompressed[0] != 0x04) {
      throw new IllegalArgumentException("a public key is an uncompressed SEC1 point of 65 bytes");
    }
    uncompressed = uncompressed.clone();
    checkOnCurve(uncompressed);
  }

  private static void checkOnCurve(byte[] encoded) {
    try {
      ECPoint point = CURVE.decodePoint(encoded);
      if (point.isInfinity() || !point.isValid()) {
        throw new IllegalArgumentException("not a point on secp256k1");
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a point on secp256k1", e);
    }
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
