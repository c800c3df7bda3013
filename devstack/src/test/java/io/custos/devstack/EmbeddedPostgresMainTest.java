package io.custos.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The demo's database process, run the way ./custos runs it: as its own process, stopped by signal.
 */
class EmbeddedPostgresMainTest {

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static Process start(Path dir, int port) throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    Process p =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                EmbeddedPostgresMain.class.getName(),
                dir.toString(),
                Integer.toString(port),
                "custos,keycloak")
            .redirectErrorStream(true)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null && !line.equals("ready")) {
      // embedded PostgreSQL's own start-up chatter
    }
    assertThat(line).as("the process announces readiness").isEqualTo("ready");
    return p;
  }

  private static void stop(Process p) throws InterruptedException {
    p.destroy(); // SIGTERM, as ./custos down sends
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
  }

  private static Connection connect(int port, String db) throws Exception {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + port + "/" + db + "?user=postgres");
  }

  @Test
  void createsTheDatabasesAndKeepsTheirDataAcrossRestarts() throws Exception {
    Path dir =
        Files.createTempDirectory(
            Files.createDirectories(Paths.get("target")).toAbsolutePath(), "devstack-pg");
    int port = freePort();

    Process first = start(dir, port);
    try (Connection c = connect(port, "custos");
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE kept (v text)");
      s.execute("INSERT INTO kept VALUES ('still here')");
    }
    try (Connection c = connect(port, "keycloak")) {
      assertThat(c.isValid(5)).isTrue();
    }
    stop(first);

    Process second = start(dir, port);
    try (Connection c = connect(port, "custos");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT v FROM kept")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("still here");
    } finally {
      stop(second);
    }
  }
}
