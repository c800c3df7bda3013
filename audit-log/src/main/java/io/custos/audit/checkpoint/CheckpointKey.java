package io.custos.audit.checkpoint;

import io.custos.audit.merkle.Rfc6962;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A checkpoint public key: a point on secp256k1.
 *
 * @param sec1 the SEC1 encoding (33 bytes compressed or 65 uncompressed); kept uncompressed
 */
public record CheckpointKey(byte[] sec1) {

  private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
  private static final ECDomainParameters DOMAIN =
      new ECDomainParameters(CURVE.getCurve(), CURVE.getG(), CURVE.getN(), CURVE.getH());

  /** The signature-type byte in key ids: 0xff, "not a registered signed-note algorithm". */
  static final byte NOTE_SIGNATURE_TYPE = (byte) 0xff;

  public CheckpointKey {
    if (sec1 == null) {
      throw new IllegalArgumentException("a public key is required");
    }
    try {
      sec1 = CURVE.getCurve().decodePoint(sec1).getEncoded(false);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a secp256k1 public key", e);
    }
  }

  /** Reads a PEM {@code PUBLIC KEY} (X.509 SubjectPublicKeyInfo) for secp256k1. */
  public static CheckpointKey fromPem(String pem) {
    String b64 =
        pem.replace("-----BEGIN PUBLIC KEY-----", "")
            .replace("-----END PUBLIC KEY-----", "")
            .replaceAll("\\s", "");
    SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(Base64.getDecoder().decode(b64));
    if (!SECObjectIdentifiers.secp256k1.equals(spki.getAlgorithm().getParameters())) {
      throw new IllegalArgumentException("the PEM key is not on secp256k1");
    }
    return new CheckpointKey(spki.getPublicKeyData().getBytes());
  }

  @Override
  public byte[] sec1() {
    return sec1.clone();
  }

  /** PEM {@code PUBLIC KEY}, as {@code openssl dgst -verify} reads it. */
  public String toPem() {
    AlgorithmIdentifier alg =
        new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, SECObjectIdentifiers.secp256k1);
    try {
      byte[] der = new SubjectPublicKeyInfo(alg, sec1).getEncoded(ASN1Encoding.DER);
      return "-----BEGIN PUBLIC KEY-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
          + "\n-----END PUBLIC KEY-----\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The 4-byte key id of a signed note: the first bytes of SHA-256(name ‖ 0x0A ‖ 0xFF ‖ SEC1
   * compressed point).
   */
  public byte[] keyId(String keyName) {
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    in.writeBytes(keyName.getBytes(StandardCharsets.UTF_8));
    in.write('\n');
    in.write(NOTE_SIGNATURE_TYPE);
    in.writeBytes(CURVE.getCurve().decodePoint(sec1).getEncoded(true));
    return Arrays.copyOf(Rfc6962.sha256(in.toByteArray()), 4);
  }

  /** Whether {@code der} is a valid DER ECDSA signature of {@code sha256Digest} by this key. */
  public boolean verify(byte[] sha256Digest, byte[] der) {
    BigInteger[] rs = decodeDer(der);
    if (rs == null) {
      return false;
    }
    ECPoint q = CURVE.getCurve().decodePoint(sec1);
    ECDSASigner verifier = new ECDSASigner();
    verifier.init(false, new ECPublicKeyParameters(q, DOMAIN));
    return verifier.verifySignature(sha256Digest, rs[0], rs[1]);
  }

  private static BigInteger[] decodeDer(byte[] der) {
    try {
      ASN1Sequence seq = ASN1Sequence.getInstance(der);
      if (seq.size() != 2 || !Arrays.equals(seq.getEncoded(ASN1Encoding.DER), der)) {
        return null;
      }
      return new BigInteger[] {
        ASN1Integer.getInstance(seq.getObjectAt(0)).getValue(),
        ASN1Integer.getInstance(seq.getObjectAt(1)).getValue()
      };
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CheckpointKey k && Arrays.equals(sec1, k.sec1);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(sec1);
  }

  @Override
  public String toString() {
    return "CheckpointKey[" + HexFormat.of().formatHex(sec1) + "]";
  }
}
