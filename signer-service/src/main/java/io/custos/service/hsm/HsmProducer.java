package io.custos.service.hsm;

import io.custos.hsm.KeyVault;
import io.custos.hsm.eth.EthereumSigner;
import io.custos.hsm.pkcs11.HsmSettings;
import io.custos.hsm.pkcs11.PinSource;
import io.custos.hsm.pkcs11.Pkcs11KeyVault;
import io.custos.hsm.pkcs11.TokenSelector;
import io.custos.hsm.pkcs11.TokenSettings;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/** Wires the hsm-adapter: the only place that knows the vault is PKCS#11. */
public class HsmProducer {

  @Produces
  @Singleton
  KeyVault keyVault(HsmConfig config) {
    return Pkcs11KeyVault.open(settings(config));
  }

  @Produces
  @Singleton
  EthereumSigner ethereumSigner(KeyVault vault) {
    return new EthereumSigner(vault);
  }

  void close(@Disposes KeyVault vault) {
    vault.close();
  }

  static HsmSettings settings(HsmConfig c) {
    TokenSelector token =
        exactlyOne(
            "custos.hsm.token-label or custos.hsm.token-serial",
            c.tokenLabel().map(TokenSelector.ByLabel::new),
            c.tokenSerial().map(TokenSelector.BySerial::new));
    PinSource pin =
        exactlyOne(
            "custos.hsm.pin-env or custos.hsm.pin-file",
            c.pinEnv().map(PinSource.EnvironmentVariable::new),
            c.pinFile().map(PinSource.File::new));
    return new HsmSettings(
        c.module(), List.of(new TokenSettings(token, pin)), c.poolSize(), c.borrowTimeout());
  }

  private static <T> T exactlyOne(
      String what, java.util.Optional<? extends T> a, java.util.Optional<? extends T> b) {
    if (a.isPresent() == b.isPresent()) {
      throw new IllegalStateException("configure exactly one of " + what);
    }
    return a.isPresent() ? a.get() : b.get();
  }
}
