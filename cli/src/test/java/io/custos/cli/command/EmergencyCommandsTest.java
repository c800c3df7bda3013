package io.custos.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.custos.cli.CliRun;
import io.custos.cli.FakeServer;
import io.custos.cli.http.Json;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Withdrawing one's request and the emergency freeze, against a fake of the service's API. */
class EmergencyCommandsTest {

  private static final String ID = "0b9c3f7e-3c1e-4bde-9a52-1f0e6f0c2d11";
  private static final String FREEZE = "5a1d7c3e-1111-4222-8333-444455556666";

  @TempDir Path tmp;
  private FakeServer server;

  @BeforeEach
  void setUp() throws Exception {
    server = new FakeServer();
    server.loggedIn(tmp.resolve("cfg"));
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private CliRun cli(String... args) {
    return CliRun.run(Map.of("CUSTOS_CONFIG_DIR", tmp.resolve("cfg").toString()), tmp, args);
  }

  private JsonNode posted(String path) {
    return server.calls().stream()
        .filter(c -> c.method().equals("POST") && c.path().equals(path))
        .map(c -> Json.parse(c.body()))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void withdrawPostsTheReasonAndShowsTheWithdrawnRequest() {
    server.json(
        "POST /api/v1/requests/" + ID + "/withdraw",
        200,
        """
        {"id":"%s","state":"WITHDRAWN","wallet":"treasury","kind":"native_transfer",
         "to":"0x1111111111111111111111111111111111111111","value":"1000","approvals":[],
         "transaction":null}
        """
            .formatted(ID));

    CliRun r = cli("tx", "withdraw", ID, "--reason", "wrong invoice", "--server", server.url());

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).contains("withdrew " + ID).contains("WITHDRAWN");
    assertThat(posted("/api/v1/requests/" + ID + "/withdraw").path("reason").asText())
        .isEqualTo("wrong invoice");
  }

  @Test
  void freezeOnWithoutAWalletFreezesEverythingAndSaysSo() {
    server.json(
        "POST /api/v1/freezes",
        201,
        """
        {"id":"%s","wallet":null,"reason":"incident","frozenBy":"gwen",
         "frozenAt":"2026-12-02T18:00:00Z","liftedAt":null,"liftedBy":null}
        """
            .formatted(FREEZE));

    CliRun r = cli("freeze", "on", "--reason", "incident", "--server", server.url());

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).contains("every wallet").contains(FREEZE);
    JsonNode body = posted("/api/v1/freezes");
    assertThat(body.has("wallet")).isFalse();
    assertThat(body.path("reason").asText()).isEqualTo("incident");
  }

  @Test
  void freezeOnNeedsAReason() {
    CliRun r = cli("freeze", "on", "--wallet", "treasury", "--server", server.url());

    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(server.calls()).noneMatch(c -> c.method().equals("POST"));
  }

  @Test
  void liftProposesAGovernanceRequest() {
    server.json(
        "POST /api/v1/freezes/" + FREEZE + "/lift",
        202,
        """
        {"id":"9e4d1c2b-0000-4000-8000-000000000001","kind":"freeze.lift",
         "state":"PENDING_APPROVAL","freeze":"%s"}
        """
            .formatted(FREEZE));

    CliRun r = cli("freeze", "lift", FREEZE, "--server", server.url());

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).contains("freeze.lift").contains("PENDING_APPROVAL");
  }
}
