package io.custos.cli.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.custos.cli.CliRun;
import io.custos.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransportTest {

  @TempDir Path tmp;

  private CliRun cli(String... args) {
    return CliRun.run(Map.of("CUSTOS_CONFIG_DIR", tmp.resolve("cfg").toString()), tmp, args);
  }

  @Test
  void refusesPlainHttpToAnotherMachineBeforeSendingAnything() {
    CliRun r = cli("whoami", "--server", "http://custos.example.com:8080");

    assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err())
        .contains("Plain HTTP refused")
        .contains("http://custos.example.com:8080")
        .contains("--insecure");
  }

  @Test
  void refusesAPlainHttpIdentityProviderOnAnotherMachineToo() {
    CliRun r =
        cli(
            "login",
            "--user",
            "alice",
            "--password-file",
            "pw.txt",
            "--issuer",
            "http://sso.example.com/realms/custos");

    assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("the identity provider at http://sso.example.com");
  }

  @Test
  void insecureLetsPlainHttpThrough() {
    CliRun r = cli("whoami", "--server", "http://10.1.2.3:8080", "--insecure");

    assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.REFUSED);
    assertThat(r.err()).contains("Not logged in");
  }

  @Test
  void loopbackIsTheOnlyPlainHttpAllowedWithoutInsecure() {
    assertThat(Transport.isLoopback("127.0.0.1")).isTrue();
    assertThat(Transport.isLoopback("127.1.2.3")).isTrue();
    assertThat(Transport.isLoopback("localhost")).isTrue();
    assertThat(Transport.isLoopback("[::1]")).isTrue();
    assertThat(Transport.isLoopback("127.0.0.1.example.com")).isFalse();
    assertThat(Transport.isLoopback("localhost.example.com")).isFalse();
    assertThat(Transport.isLoopback("10.0.0.1")).isFalse();
  }

  @Test
  void aCaFileWithoutCertificatesIsAUsageError() throws Exception {
    Path ca = Files.writeString(tmp.resolve("ca.pem"), "not a certificate\n");

    CliRun r = cli("whoami", "--server", "https://custos.example.com", "--ca-file", ca.toString());

    assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("Unusable CA file");
  }
}
