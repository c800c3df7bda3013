package io.custos.hsm.pkcs11;

import io.custos.testsupport.SoftHsmToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

/** Settings for a vault on a test token; the PIN goes to a file, as a mounted secret would. */
final class SoftHsmVaults {

  private SoftHsmVaults() {}

  static HsmSettings settings(SoftHsmToken token, int poolSize) {
    return new HsmSettings(
        token.modulePath(),
        List.of(tokenSettings(token.label(), pinFile(token, "user", token.userPin()))),
        poolSize,
        Duration.ofSeconds(5));
  }

  static TokenSettings tokenSettings(String label, Path pinFile) {
    return new TokenSettings(new TokenSelector.ByLabel(label), new PinSource.File(pinFile));
  }

  static Path pinFile(SoftHsmToken token, String name, String pin) {
    Path file = token.configFile().getParent().resolve(name + ".pin");
    try {
      Files.writeString(file, pin + "\n");
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
