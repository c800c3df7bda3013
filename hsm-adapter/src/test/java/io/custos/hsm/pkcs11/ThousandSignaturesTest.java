package io.custos.hsm.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;

import io.custos.hsm.Digest32;
import io.custos.hsm.EthSignature;
import io.custos.hsm.KeyInfo;
import io.custos.hsm.secp256k1.Secp256k1;
import io.custos.hsm.testing.KeyVaultContract;
import io.custos.testsupport.SoftHsmExtension;
import io.custos.testsupport.SoftHsmToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SoftHsmExtension.class)
class ThousandSignaturesTest {

  @Test
  void everyOneOfAThousandSignaturesVerifiesHasLowSAndRecoversToTheKey(SoftHsmToken token) {
    try (Pkcs11KeyVault vault = Pkcs11KeyVault.open(SoftHsmVaults.settings(token, 1))) {
      KeyInfo key = vault.generate("thousand");
      int oddParity = 0;

      for (int i = 0; i < 1_000; i++) {
        Digest32 digest = KeyVaultContract.randomDigest();
        EthSignature signature = vault.sign(key.id(), digest);

        assertThat(signature.s()).isLessThanOrEqualTo(Secp256k1.HALF_N);
        assertThat(KeyVaultContract.recoverAddress(digest, signature)).isEqualTo(key.address());
        oddParity += signature.yParity();
      }
      // Both parities occur: a constant yParity would mean the recovery id is not computed.
      assertThat(oddParity).isBetween(350, 650);
    }
  }
}
