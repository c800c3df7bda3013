package io.custos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineUsageTest {

  private static final String VENDOR = "0x1111111111111111111111111111111111111111";

  @TempDir Path home;

  private CliRun run(String... args) {
    return CliRun.run(Map.of("CUSTOS_CONFIG_DIR", home.resolve("cfg").toString()), home, args);
  }

  @Test
  void noCommandIsAUsageError() {
    CliRun r = run();
    assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("name a command");
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    CliRun r = run("frobnicate");
    assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("frobnicate");
  }

  @Test
  void aGroupWithoutSubCommandIsAUsageError() {
    CliRun r = run("wallet");
    assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("missing a sub-command of 'custos wallet'").contains("create");
  }

  @Test
  void aMissingRequiredOptionIsAUsageError() {
    CliRun r = run("tx", "submit", "--wallet", "treasury");
    assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--to");
  }

  @Test
  void aDecimalValueWithoutUnitIsAUsageErrorBeforeAnyCall() {
    CliRun r = run("tx", "submit", "--wallet", "treasury", "--to", VENDOR, "--value", "1.5");
    assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("has decimals but no unit");
  }

  @Test
  void etherAndTokenAmountsTogetherAreAUsageError() {
    CliRun r =
        run(
            "tx",
            "submit",
            "--wallet",
            "treasury",
            "--to",
            VENDOR,
            "--value",
            "1eth",
            "--token",
            "USDC",
            "--amount",
            "250.00");
    assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("not both");
  }

  @Test
  void aMalformedAddressIsAUsageError() {
    CliRun r = run("tx", "submit", "--wallet", "treasury", "--to", "0x1234", "--value", "1eth");
    assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--to must be a 0x address");
  }

  @Test
  void aMalformedTimeoutIsAUsageError() throws IOException {
    CliRun r = run("tx", "watch", "some-id", "--timeout", "soon");
    assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void withoutALoginTheCliSaysSoAndExitsOne() {
    CliRun r = run("whoami");
    assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.REFUSED);
    assertThat(r.err()).contains("Not logged in").doesNotContain("Exception");
  }

  @Test
  void anUnreachableServerExitsThreeNamingIt() throws IOException {
    int port = closedPort();
    Path cfg = home.resolve("cfg");
    Files.createDirectories(cfg);
    long later = System.currentTimeMillis() / 1000 + 3600;
    Files.writeString(
        cfg.resolve("session.json"),
        """
        {"server":"http://127.0.0.1:%d","issuer":"http://127.0.0.1:%d/realms/custos",
         "clientId":"custos-cli","grant":"password","username":"alice",
         "accessToken":"a.b.c","accessExpiresAt":%d,"refreshToken":null,"refreshExpiresAt":0}
        """
            .formatted(port, port, later));
    CliRun r = run("wallet", "list");
    assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(r.err())
        .contains("Cannot reach the Custos server")
        .contains("127.0.0.1:" + port)
        .doesNotContain("at java.");
  }

  @Test
  void anUnreachableKeycloakExitsThreeNamingIt() throws IOException {
    int port = closedPort();
    Path pw = home.resolve("pw");
    Files.writeString(pw, "alice-demo\n");
    CliRun r =
        run(
            "login",
            "--issuer",
            "http://127.0.0.1:" + port + "/realms/custos",
            "--user",
            "alice",
            "--password-file",
            pw.toString());
    assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(r.err()).contains("Cannot reach the identity provider (Keycloak)");
    assertThat(home.resolve("cfg/session.json")).doesNotExist();
  }

  @Test
  void helpIsNotAnError() {
    CliRun r = run("tx", "submit", "--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("--idempotency-key").contains("--value");
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
