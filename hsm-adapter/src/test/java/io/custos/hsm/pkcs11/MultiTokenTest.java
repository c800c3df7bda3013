package io.custos.hsm.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;

import io.custos.hsm.Digest32;
import io.custos.hsm.KeyInfo;
import io.custos.hsm.KeyRef;
import io.custos.hsm.testing.KeyVaultContract;
import io.custos.testsupport.SoftHsmExtension;
import io.custos.testsupport.SoftHsmToken;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xipki.pkcs11.wrapper.Slot;

/** Two tokens in one module: one chosen by label, one by serial number; listing spans both. */
@ExtendWith(SoftHsmExtension.class)
class MultiTokenTest {

  private static final String SECOND_LABEL = "second-token";
  private static final String SECOND_PIN = "second-pin-4711";

  private static SoftHsmToken token;
  private static TokenSettings second;

  @BeforeAll
  static void addSecondToken(SoftHsmToken softHsm) throws Exception {
    token = softHsm;
    initToken(SECOND_LABEL, SECOND_PIN);
    String serial;
    try (Pkcs11KeyVault bootstrap = Pkcs11KeyVault.open(SoftHsmVaults.settings(token, 1));
        RawToken raw = RawToken.open(token, token.label())) {
      bootstrap.ping(); // the vault initialised the module that the raw access shares
      serial = serialOf(raw, SECOND_LABEL);
    }
    second =
        new TokenSettings(
            new TokenSelector.BySerial(serial),
            new PinSource.File(SoftHsmVaults.pinFile(token, "second", SECOND_PIN)));
  }

  @Test
  void listsAndSignsWithKeysOfEveryConfiguredToken() {
    HsmSettings onlySecond =
        new HsmSettings(token.modulePath(), List.of(second), 1, Duration.ofSeconds(5));
    HsmSettings both =
        new HsmSettings(
            token.modulePath(),
            List.of(
                SoftHsmVaults.tokenSettings(
                    token.label(), SoftHsmVaults.pinFile(token, "first", token.userPin())),
                second),
            2,
            Duration.ofSeconds(5));
    try (Pkcs11KeyVault secondVault = Pkcs11KeyVault.open(onlySecond);
        Pkcs11KeyVault vault = Pkcs11KeyVault.open(both)) {
      KeyInfo onSecond = secondVault.generate("on-second");
      KeyInfo onFirst = vault.generate("on-first");

      assertThat(vault.list()).extracting(KeyInfo::label).contains("on-first", "on-second");
      assertThat(secondVault.find(KeyRef.label("on-first"))).isEmpty();
      for (KeyInfo key : List.of(onFirst, onSecond)) {
        Digest32 digest = KeyVaultContract.randomDigest();
        assertThat(KeyVaultContract.recoverAddress(digest, vault.sign(key.id(), digest)))
            .isEqualTo(key.address());
      }
      vault.ping();
    }
  }

  private static String serialOf(RawToken raw, String label) throws Exception {
    for (Slot slot : raw.module.getSlotList(true)) {
      var info = slot.getToken().getTokenInfo();
      if (info.getLabel().strip().equals(label)) {
        return info.getSerialNumber().strip();
      }
    }
    throw new IllegalStateException("token " + label + " not found");
  }

  private static void initToken(String label, String pin) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
                "softhsm2-util",
                "--init-token",
                "--free",
                "--label",
                label,
                "--so-pin",
                "so-" + pin,
                "--pin",
                pin)
            .redirectErrorStream(true);
    pb.environment().put("SOFTHSM2_CONF", token.configFile().toString());
    Process process = pb.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("softhsm2-util failed: " + out);
    }
  }
}
