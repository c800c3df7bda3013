package io.custos.hsm.secp256k1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.custos.hsm.Digest32;
import io.custos.hsm.EthSignature;
import io.custos.hsm.HsmException;
import io.custos.hsm.Secp256k1PublicKey;
import io.custos.hsm.testing.KeyVaultContract;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.Test;

class Secp256k1VerifierTest {

  private static final BigInteger PRIVATE =
      new BigInteger("4c0883a69102937d6231471b5dbb6204fe512961708279f2f3b1a3a1e5d0e7f1", 16);
  private static final Secp256k1PublicKey PUBLIC = Secp256k1.publicKeyOf(PRIVATE);
  private static final Secp256k1Verifier VERIFIER = new Secp256k1Verifier(PUBLIC);

  @Test
  void normalisesHighSAndKeepsTheSignatureRecoverable() {
    for (int i = 0; i < 20; i++) {
      Digest32 digest = KeyVaultContract.randomDigest();
      BigInteger[] rs = rawSign(digest);
      BigInteger highS =
          rs[1].compareTo(Secp256k1.HALF_N) > 0 ? rs[1] : Secp256k1.N.subtract(rs[1]);

      EthSignature signature = VERIFIER.complete(digest, rs[0], highS);

      assertThat(signature.s()).isEqualTo(Secp256k1.N.subtract(highS));
      assertThat(KeyVaultContract.recoverAddress(digest, signature)).isEqualTo(PUBLIC.address());
    }
  }

  @Test
  void refusesASignatureOverAnotherDigest() {
    Digest32 digest = KeyVaultContract.randomDigest();
    BigInteger[] rs = rawSign(digest);

    HsmException error =
        catchThrowableOfType(
            HsmException.class,
            () -> VERIFIER.complete(KeyVaultContract.randomDigest(), rs[0], rs[1]));

    assertThat(error.reason()).isEqualTo(HsmException.Reason.SIGNATURE_INVALID);
  }

  @Test
  void refusesASignatureByAnotherKey() {
    Digest32 digest = KeyVaultContract.randomDigest();
    BigInteger[] rs = rawSign(digest);
    Secp256k1Verifier other =
        new Secp256k1Verifier(Secp256k1.publicKeyOf(BigInteger.valueOf(12345)));

    HsmException error =
        catchThrowableOfType(HsmException.class, () -> other.complete(digest, rs[0], rs[1]));

    assertThat(error.reason()).isEqualTo(HsmException.Reason.SIGNATURE_INVALID);
  }

  @Test
  void refusesOutOfRangeValuesAndWrongLengths() {
    Digest32 digest = KeyVaultContract.randomDigest();

    assertThat(
            catchThrowableOfType(
                    HsmException.class,
                    () -> VERIFIER.complete(digest, BigInteger.ZERO, BigInteger.ONE))
                .reason())
        .isEqualTo(HsmException.Reason.SIGNATURE_INVALID);
    assertThat(
            catchThrowableOfType(HsmException.class, () -> VERIFIER.complete(digest, new byte[70]))
                .reason())
        .isEqualTo(HsmException.Reason.SIGNATURE_INVALID);
  }

  @Test
  void completesChosenEdgeValuesOfSWithBothRecoveryIds() {
    // With the private key known any s can be had: pick the nonce k, then the digest that makes
    // s·k = e + r·d (mod n) hold is e = s·k − r·d.
    BigInteger n = Secp256k1.N;
    List<BigInteger> edges =
        List.of(
            BigInteger.ONE,
            BigInteger.TWO,
            Secp256k1.HALF_N.subtract(BigInteger.ONE),
            Secp256k1.HALF_N,
            Secp256k1.HALF_N.add(BigInteger.ONE),
            n.subtract(BigInteger.TWO),
            n.subtract(BigInteger.ONE));
    Random random = new Random(11);
    Set<Integer> parities = new HashSet<>();
    for (BigInteger s : edges) {
      for (int i = 0; i < 6; i++) {
        BigInteger k =
            new BigInteger(256, random).mod(n.subtract(BigInteger.ONE)).add(BigInteger.ONE);
        ECPoint point = Secp256k1.G.multiply(k).normalize();
        BigInteger r = point.getAffineXCoord().toBigInteger().mod(n);
        Digest32 digest =
            new Digest32(
                BigIntegers.asUnsignedByteArray(
                    32, s.multiply(k).subtract(r.multiply(PRIVATE)).mod(n)));
        boolean high = s.compareTo(Secp256k1.HALF_N) > 0;

        EthSignature signature = VERIFIER.complete(digest, r, s);

        assertThat(signature.s()).isEqualTo(high ? n.subtract(s) : s);
        // Negating s negates the point the signature names: its parity flips with it.
        int parity = point.getAffineYCoord().testBitZero() ? 1 : 0;
        assertThat(signature.yParity()).isEqualTo(high ? 1 - parity : parity);
        assertThat(KeyVaultContract.recoverAddress(digest, signature)).isEqualTo(PUBLIC.address());
        parities.add(signature.yParity());
      }
    }
    assertThat(parities).containsExactlyInAnyOrder(0, 1);
  }

  @Test
  void refusesAPointWhoseXIsRPlusN() {
    // x in [n, p) happens with odds ~2^-128 for a real nonce, so the case is built backwards: a
    // point R with such an x, r = x − n, and the key that makes (r, s) sign e: Q = (s·R − e·G)/r.
    BigInteger n = Secp256k1.N;
    ECPoint point = null;
    for (BigInteger x = n.add(BigInteger.ONE); point == null; x = x.add(BigInteger.ONE)) {
      point = pointWithX(x);
    }
    BigInteger r = point.getAffineXCoord().toBigInteger().subtract(n);
    BigInteger s = BigInteger.valueOf(12_345);
    BigInteger e = BigInteger.valueOf(777);
    ECPoint q =
        point.multiply(s).subtract(Secp256k1.G.multiply(e)).multiply(r.modInverse(n)).normalize();
    Digest32 digest = new Digest32(BigIntegers.asUnsignedByteArray(32, e));
    ECDSASigner bouncyCastle = new ECDSASigner();
    bouncyCastle.init(false, new ECPublicKeyParameters(q, domain()));
    assertThat(bouncyCastle.verifySignature(digest.bytes(), r, s))
        .as("valid ECDSA: the case is real")
        .isTrue();

    HsmException error =
        catchThrowableOfType(
            HsmException.class,
            () ->
                new Secp256k1Verifier(new Secp256k1PublicKey(q.getEncoded(false)))
                    .complete(digest, r, s));

    assertThat(error.reason()).isEqualTo(HsmException.Reason.SIGNATURE_INVALID);
    assertThat(error.getMessage()).contains("r + n");
  }

  private static ECPoint pointWithX(BigInteger x) {
    byte[] compressed = new byte[33];
    compressed[0] = 0x02;
    System.arraycopy(BigIntegers.asUnsignedByteArray(32, x), 0, compressed, 1, 32);
    try {
      return Secp256k1.CURVE.decodePoint(compressed);
    } catch (IllegalArgumentException notOnTheCurve) {
      return null;
    }
  }

  private static ECDomainParameters domain() {
    return new ECDomainParameters(Secp256k1.CURVE, Secp256k1.G, Secp256k1.N);
  }

  private static BigInteger[] rawSign(Digest32 digest) {
    var curve = org.bouncycastle.crypto.ec.CustomNamedCurves.getByName("secp256k1");
    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
    signer.init(
        true,
        new ECPrivateKeyParameters(
            PRIVATE, new ECDomainParameters(curve.getCurve(), curve.getG(), curve.getN())));
    return signer.generateSignature(digest.bytes());
  }
}
