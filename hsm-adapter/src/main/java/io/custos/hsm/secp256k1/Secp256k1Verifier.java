package io.custos.hsm.secp256k1;

import io.custos.hsm.Digest32;
import io.custos.hsm.EthSignature;
import io.custos.hsm.HsmException;
import io.custos.hsm.Secp256k1PublicKey;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.util.BigIntegers;

/**
 * Turns a raw ECDSA signature {@code (r, s)} made by a token into an {@link EthSignature} for one
 * known public key: normalises {@code s} to the low half (EIP-2), verifies, and reads the recovery
 * parity from the same computation.
 *
 * <p>Verification computes {@code R = u1·G + u2·Q} with {@code u1 = e/s} and {@code u2 = r/s}; the
 * signature is valid when {@code R.x = r}, and the y-parity of that very {@code R} is the recovery
 * id. So one double-scalar multiplication both proves the signature and yields {@code yParity}. It
 * runs on GLV-split comb tables ({@link FastEcmult}): for {@code G} with 12 teeth (2 × 4,095
 * points, 512 KiB, built once per JVM), and for the key's {@code Q} with 10 teeth (2 × 1,023
 * points, 128 KiB, about 10 ms), built on the key's first signature, so that keys never used to
 * sign cost no memory. That is 13 doublings and about 48 mixed additions per verification.
 * Thread-safe.
 */
public final class Secp256k1Verifier {

  private static final int G_TEETH = 12;
  private static final int Q_TEETH = 10;

  /** Built on first use, once per JVM. */
  private static final class GTable {
    static final FastEcmult.Tables G = FastEcmult.Tables.of(Secp256k1.G, G_TEETH);
  }

  private final Secp256k1PublicKey key;
  private volatile FastEcmult.Tables q;

  /** A verifier for signatures by {@code key}; checks the point now, builds its table lazily. */
  public Secp256k1Verifier(Secp256k1PublicKey key) {
    this.key = key;
    Secp256k1.decodePoint(key.uncompressed());
  }

  /**
   * Completes a 64-byte {@code r || s} signature as {@code CKM_ECDSA} returns it.
   *
   * @throws HsmException {@link HsmException.Reason#SIGNATURE_INVALID} if it does not verify
   */
  public EthSignature complete(Digest32 digest, byte[] rs) {
    if (rs == null || rs.length != 64) {
      throw new HsmException(
          HsmException.Reason.SIGNATURE_INVALID,
          "the token returned a signature of "
              + (rs == null ? "no" : rs.length)
              + " bytes, expected 64");
    }
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(rs, 0, 32));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(rs, 32, 64));
    return complete(digest, r, s);
  }

  /**
   * Completes a signature given as its two integers.
   *
   * @throws HsmException {@link HsmException.Reason#SIGNATURE_INVALID} if it does not verify
   */
  public EthSignature complete(Digest32 digest, BigInteger r, BigInteger s) {
    BigInteger n = Secp256k1.N;
    if (r.signum() <= 0 || r.compareTo(n) >= 0 || s.signum() <= 0 || s.compareTo(n) >= 0) {
      throw invalid("r or s out of range");
    }
    BigInteger lowS = s.compareTo(Secp256k1.HALF_N) > 0 ? n.subtract(s) : s;
    BigInteger e = new BigInteger(1, digest.bytes());
    BigInteger sInv = BigIntegers.modOddInverseVar(n, lowS);
    BigInteger u1 = e.multiply(sInv).mod(n);
    BigInteger u2 = r.multiply(sInv).mod(n);
    FastEcmult.Affine point = FastEcmult.sumOfTwo(GTable.G, u1, table(), u2);
    if (point == null) {
      throw invalid("the verification point is at infinity");
    }
    BigInteger x = point.xValue();
    if (!x.equals(r)) {
      throw invalid(
          x.equals(r.add(n))
              // Valid ECDSA, but Ethereum's yParity cannot say that R.x is r + n (odds ~2^-128).
              ? "the signature point's x is r + n, which Ethereum cannot recover"
              : "the signature does not verify against the key's public key");
    }
    return new EthSignature(r, lowS, point.yOdd() ? 1 : 0);
  }

  private FastEcmult.Tables table() {
    FastEcmult.Tables table = q;
    if (table == null) {
      // Two threads may both build it on a key's first signatures; both results are the same.
      table = FastEcmult.Tables.of(Secp256k1.decodePoint(key.uncompressed()), Q_TEETH);
      q = table;
    }
    return table;
  }

  private static HsmException invalid(String why) {
    return new HsmException(HsmException.Reason.SIGNATURE_INVALID, why);
  }
}
