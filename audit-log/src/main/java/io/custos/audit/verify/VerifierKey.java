package io.custos.audit.verify;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;

/** The public key an auditor trusts for checkpoints: secp256k1, from PEM or SEC1 hex. */
public final class VerifierKey {

  private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");

  private final ECPoint point;

  private VerifierKey(ECPoint point) {
    this.point = point;
  }

  /**
   * Reads a key: a PEM {@code PUBLIC KEY} (X.509 SubjectPublicKeyInfo on secp256k1), or the SEC1
   * point in hex (33 or 65 bytes).
   */
  public static VerifierKey parse(String text) {
    String t = text.strip();
    byte[] sec1;
    if (t.startsWith("-----BEGIN PUBLIC KEY-----")) {
      String b64 =
          t.replace("-----BEGIN PUBLIC KEY-----", "")
              .replace("-----END PUBLIC KEY-----", "")
              .replaceAll("\\s", "");
      SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(Base64.getDecoder().decode(b64));
      if (!SECObjectIdentifiers.secp256k1.equals(spki.getAlgorithm().getParameters())) {
        throw new IllegalArgumentException("the key is not on secp256k1");
      }
      sec1 = spki.getPublicKeyData().getBytes();
    } else {
      sec1 = HexFormat.of().parseHex(t.startsWith("0x") ? t.substring(2) : t);
    }
    return new VerifierKey(CURVE.getCurve().decodePoint(sec1));
  }

  /** The signed-note key id for a key name: SHA-256(name ‖ 0x0A ‖ 0xFF ‖ compressed point)[:4]. */
  byte[] keyId(String name, VerifierHash hash) {
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    byte[] p = point.getEncoded(true);
    byte[] in = new byte[n.length + 2 + p.length];
    System.arraycopy(n, 0, in, 0, n.length);
    in[n.length] = '\n';
    in[n.length + 1] = (byte) 0xff;
    System.arraycopy(p, 0, in, n.length + 2, p.length);
    return Arrays.copyOf(hash.plain(in), 4);
  }

  /** Whether {@code der} is this key's ECDSA signature of the 32-byte digest. */
  boolean verifies(byte[] digest, byte[] der) {
    try {
      ASN1Sequence seq = ASN1Sequence.getInstance(der);
      if (seq.size() != 2 || !Arrays.equals(seq.getEncoded(ASN1Encoding.DER), der)) {
        return false;
      }
      BigInteger r = ASN1Integer.getInstance(seq.getObjectAt(0)).getValue();
      BigInteger s = ASN1Integer.getInstance(seq.getObjectAt(1)).getValue();
      ECDSASigner v = new ECDSASigner();
      v.init(
          false,
          new ECPublicKeyParameters(
              point,
              new ECDomainParameters(CURVE.getCurve(), CURVE.getG(), CURVE.getN(), CURVE.getH())));
      return v.verifySignature(digest, r, s);
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }
}
