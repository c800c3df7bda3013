package io.custos.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.custos.hsm.testing.KeyVaultContract;
import java.math.BigInteger;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
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
