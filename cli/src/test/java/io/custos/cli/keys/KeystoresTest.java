package io.custos.cli.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custos.cli.CliException;
import io.custos.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

class KeystoresTest {

  @TempDir Path tmp;

  @Test
  void aNewKeystoreLoadsWithItsPasswordOnlyAndIsPrivate() throws Exception {
    Path file = tmp.resolve("bob.json");
    String address = Keystores.create(file, "correct horse".toCharArray(), true);

    Credentials loaded = Keystores.load(file, "correct horse".toCharArray());
    assertThat(loaded.getAddress()).isEqualToIgnoringCase(address);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThatThrownBy(() -> Keystores.load(file, "wrong".toCharArray()))
        .isInstanceOfSatisfying(
            CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.REFUSED));
  }

  @Test
  void anExistingFileIsNeverOverwritten() throws Exception {
    Path file = tmp.resolve("taken.json");
    Files.writeString(file, "precious");
    assertThatThrownBy(() -> Keystores.create(file, "password1".toCharArray(), true))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("already there");
    assertThat(Files.readString(file)).isEqualTo("precious");
  }

  @Test
  void aFileThatIsNoKeystoreIsAUsageError() throws Exception {
    Path file = tmp.resolve("not.json");
    Files.writeString(file, "{}");
    assertThatThrownBy(() -> Keystores.load(file, "x".toCharArray()))
        .isInstanceOfSatisfying(
            CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE));
  }
}
