package io.custos.audit.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;

/**
 * A secp256k1 ECDSA signature as an HSM returns it.
 *
 * @param r the r value, positive
 * @param s the s value, positive
 * @param recoveryId 0..3, or -1 when the signer does not report it; not part of what is verified
 */
public record EcdsaSignature(BigInteger r, BigInteger s, int recoveryId) {

  public EcdsaSignature {
    if (r == null || s == null || r.signum() <= 0 || s.signum() <= 0) {
      throw new IllegalArgumentException("r and s must be positive");
    }
    if (r.bitLength() > 256 || s.bitLength() > 256 || recoveryId < -1 || recoveryId > 3) {
      throw new IllegalArgumentException("not a secp256k1 signature");
    }
  }

  /** The ASN.1 DER form {@code SEQUENCE { r INTEGER, s INTEGER }} that openssl and X.509 use. */
  public byte[] der() {
    ASN1EncodableVector v = new ASN1EncodableVector();
    v.add(new ASN1Integer(r));
    v.add(new ASN1Integer(s));
    try {
      return new DERSequence(v).getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
