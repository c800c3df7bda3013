package io.custos.hsm.secp256k1;

import io.custos.hsm.Secp256k1PublicKey;
import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The secp256k1 curve, from Bouncy Castle's custom implementation (fast field arithmetic and the
 * GLV endomorphism, which halves the doublings of a scalar multiplication). Its Bouncy Castle types
 * stay inside this package; the port's values check their own invariants.
 */
public final class Secp256k1 {

  private static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256k1");

  /** The curve. */
  static final ECCurve CURVE = PARAMS.getCurve();

  /** The generator. */
  static final ECPoint G = PARAMS.getG();

  /** The group order n. */
  public static final BigInteger N = PARAMS.getN();

  /** n / 2: the largest {@code s} EIP-2 accepts. */
  public static final BigInteger HALF_N = N.shiftRight(1);

  /**
   * The DER encoding of the curve's OID 1.3.132.0.10, as PKCS#11 {@code CKA_EC_PARAMS} holds it.
   */
  private static final byte[] OID_DER = {0x06, 0x05, 0x2b, (byte) 0x81, 0x04, 0x00, 0x0a};

  private Secp256k1() {}

  /** The {@code CKA_EC_PARAMS} value naming secp256k1 (a DER object identifier). */
  public static byte[] ecParamsDer() {
    return OID_DER.clone();
  }

  /** Decodes a SEC1 point and checks that it lies on the curve. */
  static ECPoint decodePoint(byte[] encoded) {
    try {
      ECPoint point = CURVE.decodePoint(encoded);
      if (point.isInfinity() || !point.isValid()) {
        throw new IllegalArgumentException("not a point on secp256k1");
      }
      return point;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a point on secp256k1", e);
    }
  }

  /** The public key of a private scalar; for test doubles and checks, never for HSM keys. */
  public static Secp256k1PublicKey publicKeyOf(BigInteger privateScalar) {
    return new Secp256k1PublicKey(G.multiply(privateScalar).normalize().getEncoded(false));
  }
}
