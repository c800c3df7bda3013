package io.custos.service.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.custos.cli.ExitCodes;
import io.custos.service.support.CliUser;
import io.custos.service.support.CliUser.Run;
import io.custos.service.support.RealStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The service over HTTPS, configured as docs/operations.md tells an operator (the Quarkus TLS
 * registry, a PEM certificate and key), and the CLI talking to it with {@code --ca-file}: a
 * self-signed certificate made for this run with the JDK's keytool.
 */
@QuarkusTest
@TestProfile(CliOverTlsTest.Https.class)
@QuarkusTestResource(RealStack.class)
class CliOverTlsTest {

  private static final Path DIR = Path.of("target", "tls", UUID.randomUUID().toString());

  /** The certificate and key in PEM, and the TLS registry pointed at them. */
  public static class Https implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      SelfSigned.make(DIR);
      return Map.of(
          "quarkus.tls.api.key-store.pem.0.cert",
          DIR.resolve("cert.pem").toAbsolutePath().toString(),
          "quarkus.tls.api.key-store.pem.0.key",
          DIR.resolve("key.pem").toAbsolutePath().toString(),
          "quarkus.http.tls-configuration-name",
          "api",
          "quarkus.http.test-ssl-port",
          "0");
    }
  }

  @TestHTTPResource(value = "/", tls = true)
  URI https;

  private final CliUser bob =
      new CliUser("bob", Path.of("target", "cli-tls", UUID.randomUUID().toString()));

  @Test
  void theCliTalksHttpsToTheServiceTrustingTheCaFile() {
    String ca = DIR.resolve("cert.pem").toString();
    assertThat(https.getScheme()).isEqualTo("https");
    Run login = bob.login(https, "--ca-file", ca);
    assertThat(login.exit()).as(login.toString()).isZero();

    Run me = bob.run("whoami", "--ca-file", ca, "--json");

    assertThat(me.exit()).as(me.toString()).isZero();
    assertThat(me.out()).contains("\"username\"").contains("bob");
  }

  @Test
  void withoutTheCaFileTheSelfSignedServiceIsNotTrusted() {
    bob.login(https, "--ca-file", DIR.resolve("cert.pem").toString());

    Run me = bob.run("whoami");

    assertThat(me.exit()).as(me.toString()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(me.err()).contains("Cannot reach the Custos server");
  }

  /** A self-signed EC certificate for localhost and 127.0.0.1, as cert.pem and key.pem. */
  static final class SelfSigned {

    static synchronized void make(Path dir) {
      if (Files.exists(dir.resolve("key.pem"))) {
        return;
      }
      try {
        Files.createDirectories(dir);
        Path p12 = dir.resolve("server.p12");
        String pass = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        keytool(
            "-genkeypair",
            "-alias",
            "api",
            "-keyalg",
            "EC",
            "-groupname",
            "secp256r1",
            "-dname",
            "CN=localhost",
            "-ext",
            "SAN=dns:localhost,ip:127.0.0.1",
            "-validity",
            "2",
            "-storetype",
            "PKCS12",
            "-keystore",
            p12.toString(),
            "-storepass",
            pass);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
          ks.load(in, pass.toCharArray());
        }
        Files.writeString(
            dir.resolve("cert.pem"), pem("CERTIFICATE", ks.getCertificate("api").getEncoded()));
        Files.writeString(
            dir.resolve("key.pem"),
            pem("PRIVATE KEY", ks.getKey("api", pass.toCharArray()).getEncoded()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (Exception e) {
        throw new IllegalStateException("cannot make the test certificate", e);
      }
    }

    private static String pem(String type, byte[] der) {
      return "-----BEGIN "
          + type
          + "-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
          + "\n-----END "
          + type
          + "-----\n";
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
      Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
      List<String> cmd = new java.util.ArrayList<>();
      cmd.add(java.resolveSibling("keytool").toString());
      cmd.addAll(List.of(args));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes());
      if (p.waitFor() != 0) {
        throw new IOException("keytool failed: " + output);
      }
    }
  }
}
