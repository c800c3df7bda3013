package io.custos.hsm.pkcs11;

import io.custos.hsm.KeyVault;
import io.custos.hsm.testing.KeyVaultContract;
import io.custos.testsupport.SoftHsmExtension;
import io.custos.testsupport.SoftHsmToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The port's contract, on a real SoftHSM2 token. */
@ExtendWith(SoftHsmExtension.class)
class Pkcs11KeyVaultContractTest extends KeyVaultContract {

  private static Pkcs11KeyVault vault;

  @BeforeAll
  static void open(SoftHsmToken token) {
    vault = Pkcs11KeyVault.open(SoftHsmVaults.settings(token, 2));
  }

  @AfterAll
  static void close() {
    vault.close();
  }

  @Override
  protected KeyVault vault() {
    return vault;
  }
}
