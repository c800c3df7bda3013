package io.custos.hsm.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKK_EC;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_EC_KEY_PAIR_GEN;

import io.custos.hsm.Digest32;
import io.custos.hsm.HsmException;
import io.custos.hsm.HsmException.Reason;
import io.custos.hsm.KeyId;
import io.custos.hsm.KeyInfo;
import io.custos.hsm.KeyRef;
import io.custos.hsm.secp256k1.Secp256k1;
import io.custos.hsm.testing.KeyVaultContract;
import io.custos.testsupport.SoftHsmExtension;
import io.custos.testsupport.SoftHsmToken;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xipki.pkcs11.wrapper.KeyPairTemplate;
import org.xipki.pkcs11.wrapper.Mechanism;

/** Wrong PIN, unknown key, foreign curve: typed errors, and the PIN in no message or log line. */
@ExtendWith(SoftHsmExtension.class)
class LoginAndKeyErrorsTest {

  private static final byte[] P256_OID = {
    0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x03, 0x01, 0x07
  };

  private static SoftHsmToken token;
  private static Pkcs11KeyVault vault;
  private static RawToken raw;

  @BeforeAll
  static void open(SoftHsmToken softHsm) throws Exception {
    token = softHsm;
    vault = Pkcs11KeyVault.open(SoftHsmVaults.settings(token, 2));
    raw = RawToken.open(token, token.label());
  }

  @AfterAll
  static void close() throws Exception {
    raw.close();
    vault.close();
  }

  @Test
  void wrongPinFailsWithLoginFailedAndThePinAppearsNowhere() {
    String wrongPin = "9" + token.userPin().substring(1) + "77";
    try (LogCapture logs = new LogCapture()) {
      // The module is already logged in for the open vault, so a second vault would be told
      // CKR_USER_ALREADY_LOGGED_IN; a fresh process is what a wrong PIN meets, so close it first.
      vault.close();
      raw.close();
      HsmSettings wrong = settingsWithPin(wrongPin, "wrong");

      HsmException error =
          catchThrowableOfType(HsmException.class, () -> Pkcs11KeyVault.open(wrong));
      reopen();
      vault.sign(vault.generate("after-wrong-pin").id(), KeyVaultContract.randomDigest());

      assertThat(error.reason()).isEqualTo(Reason.LOGIN_FAILED);
      assertThat(error.ckrName()).contains("CKR_PIN_INCORRECT");
      assertThat(stackTraceOf(error)).doesNotContain(wrongPin).doesNotContain(token.userPin());
      assertThat(logs.lines()).isNotEmpty();
      assertThat(String.join("\n", logs.lines()))
          .doesNotContain(wrongPin)
          .doesNotContain(token.userPin());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void missingPinFileFailsWithPinUnavailable() {
    HsmSettings settings =
        HsmSettings.of(
            token.modulePath(),
            new TokenSettings(
                new TokenSelector.ByLabel(token.label()),
                new PinSource.File(Path.of("/nonexistent/custos.pin"))),
            1);

    HsmException error =
        catchThrowableOfType(HsmException.class, () -> Pkcs11KeyVault.open(settings));

    assertThat(error.reason()).isEqualTo(Reason.PIN_UNAVAILABLE);
  }

  @Test
  void unsetPinVariableFailsWithPinUnavailable() {
    PinSource pin = new PinSource.EnvironmentVariable("CUSTOS_TEST_PIN_THAT_IS_NOT_SET_4711");

    HsmException error = catchThrowableOfType(HsmException.class, pin::read);

    assertThat(error.reason()).isEqualTo(Reason.PIN_UNAVAILABLE);
    assertThat(error.getMessage()).contains("CUSTOS_TEST_PIN_THAT_IS_NOT_SET_4711");
  }

  @Test
  void unknownTokenFailsWithTokenAbsent() {
    HsmSettings settings =
        HsmSettings.of(
            token.modulePath(),
            new TokenSettings(
                new TokenSelector.BySerial("no-such-serial"),
                new PinSource.File(SoftHsmVaults.pinFile(token, "serial", token.userPin()))),
            1);

    HsmException error =
        catchThrowableOfType(HsmException.class, () -> Pkcs11KeyVault.open(settings));

    assertThat(error.reason()).isEqualTo(Reason.TOKEN_ABSENT);
  }

  @Test
  void unknownKeyFailsWithKeyNotFound() {
    HsmException error =
        catchThrowableOfType(
            HsmException.class,
            () -> vault.sign(new KeyId("deadbeef"), KeyVaultContract.randomDigest()));

    assertThat(error.reason()).isEqualTo(Reason.KEY_NOT_FOUND);
  }

  @Test
  void keyOnAnotherCurveIsNotListedAndFailsWithCurveUnsupported() throws Exception {
    byte[] id = {0x50, 0x25, 0x60};
    generateVendorKey(P256_OID, id, "vendor-p256");

    HsmException byLabel =
        catchThrowableOfType(HsmException.class, () -> vault.find(KeyRef.label("vendor-p256")));
    HsmException signing =
        catchThrowableOfType(
            HsmException.class, () -> vault.sign(KeyId.of(id), new Digest32(new byte[32])));

    assertThat(byLabel.reason()).isEqualTo(Reason.CURVE_UNSUPPORTED);
    assertThat(signing.reason()).isEqualTo(Reason.CURVE_UNSUPPORTED);
    assertThat(vault.list()).extracting(KeyInfo::label).doesNotContain("vendor-p256");
  }

  @Test
  void adoptsASecp256k1KeyMadeByAVendorToolByItsLabel() throws Exception {
    generateVendorKey(Secp256k1.ecParamsDer(), new byte[] {0x0a, 0x0b}, "vendor-k1");

    KeyInfo adopted = vault.find(KeyRef.label("vendor-k1")).orElseThrow();
    Digest32 digest = KeyVaultContract.randomDigest();

    assertThat(adopted.id()).isEqualTo(new KeyId("0a0b"));
    assertThat(adopted.created()).as("a vendor id carries no time").isNull();
    assertThat(KeyVaultContract.recoverAddress(digest, vault.sign(adopted.id(), digest)))
        .isEqualTo(adopted.address());
  }

  private static void generateVendorKey(byte[] curveOid, byte[] id, String label) throws Exception {
    KeyPairTemplate template = new KeyPairTemplate(CKK_EC);
    template.privateKey().token(true).private_(true).sensitive(true).sign(true).id(id).label(label);
    template.publicKey().token(true).verify(true).ecParams(curveOid).id(id).label(label);
    raw.session.generateKeyPair(new Mechanism(CKM_EC_KEY_PAIR_GEN), template);
  }

  private static void reopen() throws Exception {
    vault = Pkcs11KeyVault.open(SoftHsmVaults.settings(token, 2));
    raw = RawToken.open(token, token.label());
  }

  private static HsmSettings settingsWithPin(String pin, String name) {
    return new HsmSettings(
        token.modulePath(),
        List.of(
            SoftHsmVaults.tokenSettings(token.label(), SoftHsmVaults.pinFile(token, name, pin))),
        1,
        Duration.ofSeconds(1));
  }

  private static String stackTraceOf(Throwable error) {
    StringWriter out = new StringWriter();
    error.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
