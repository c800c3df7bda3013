package io.custos.hsm;

import java.math.BigInteger;
import org.bouncycastle.crypto.ec.CustomNamedCurves;

/**
 * An ECDSA secp256k1 signature as Ethereum accepts it: low {@code s} (EIP-2) and the parity of the
 * y coordinate of the signature point, which lets anyone recover the signer's address.
 *
 * @param r in [1, n)
 * @param s in [1, n/2]
 * @param yParity 0 or 1
 */
public record EthSignature(BigInteger r, BigInteger s, int yParity) {

  // The curve's order, read here and not from io.custos.hsm.secp256k1: that package builds on
  // the port's values, and the port imports nothing that builds on it.
  private static final BigInteger N = CustomNamedCurves.getByName("secp256k1").getN();
  private static final BigInteger HALF_N = N.shiftRight(1);

  /** Validates the ranges. */
  public EthSignature {
    if (r == null || r.signum() <= 0 || r.compareTo(N) >= 0) {
      throw new IllegalArgumentException("r is out of range");
    }
    if (s == null || s.signum() <= 0 || s.compareTo(HALF_N) > 0) {
      throw new IllegalArgumentException("s must be low (EIP-2): in [1, n/2]");
    }
    if (yParity != 0 && yParity != 1) {
      throw new IllegalArgumentException("yParity must be 0 or 1, got " + yParity);
    }
  }

  /**
   * The 65-byte form used by {@code personal_sign} and EIP-712: {@code r || s || v} with {@code v =
   * 27 + yParity}.
   */
  public byte[] toBytes65() {
    byte[] out = new byte[65];
    System.arraycopy(toBytes32(r), 0, out, 0, 32);
    System.arraycopy(toBytes32(s), 0, out, 32, 32);
    out[64] = (byte) (27 + yParity);
    return out;
  }

  static byte[] toBytes32(BigInteger value) {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[32];
    int len = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - len, out, 32 - len, len);
    return out;
  }
}
