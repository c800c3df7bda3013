package io.custos.service.audit;

import io.custos.audit.checkpoint.CheckpointSigner;
import io.custos.audit.checkpoint.CheckpointSignerContract;
import io.custos.hsm.KeyVault;
import io.custos.hsm.pkcs11.HsmSettings;
import io.custos.hsm.pkcs11.PinSource;
import io.custos.hsm.pkcs11.Pkcs11KeyVault;
import io.custos.hsm.pkcs11.TokenSelector;
import io.custos.hsm.pkcs11.TokenSettings;
import io.custos.testsupport.SoftHsmExtension;
import io.custos.testsupport.SoftHsmToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The checkpoint signer's contract on the service's signer: a dedicated key generated in a real
 * SoftHSM2 token and used through the hsm-adapter's PKCS#11 vault, as {@link AuditProducer} wires
 * it, without starting the application.
 */
@ExtendWith(SoftHsmExtension.class)
@Tag("own-softhsm-module") // see the surefire executions in pom.xml
class HsmCheckpointSignerContractTest extends CheckpointSignerContract {

  private static KeyVault vault;
  private static CheckpointSigner signer;

  @BeforeAll
  static void open(SoftHsmToken token) throws IOException {
    vault = Pkcs11KeyVault.open(settings(token));
    signer = new HsmCheckpointSigner(vault, vault.generate("custos:audit:checkpoints"));
  }

  @AfterAll
  static void close() {
    vault.close();
  }

  @Override
  protected CheckpointSigner signer() {
    return signer;
  }

  /** The token's settings, its PIN in a file as a mounted secret would give it. */
  private static HsmSettings settings(SoftHsmToken token) throws IOException {
    Path pin = token.configFile().resolveSibling("user.pin");
    Files.writeString(pin, token.userPin());
    Files.setPosixFilePermissions(pin, PosixFilePermissions.fromString("rw-------"));
    return new HsmSettings(
        token.modulePath(),
        List.of(
            new TokenSettings(new TokenSelector.ByLabel(token.label()), new PinSource.File(pin))),
        2,
        Duration.ofSeconds(5));
  }
}
