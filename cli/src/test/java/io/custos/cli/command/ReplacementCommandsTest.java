package io.custos.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.custos.cli.CliRun;
import io.custos.cli.ExitCodes;
import io.custos.cli.FakeServer;
import io.custos.cli.http.Json;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Speed-up, cancel and governance verdicts, whose endpoints are on other branches, against a fake
 * that answers per the agreed API contract.
 */
class ReplacementCommandsTest {

  private static final String ID = "0b9c3f7e-3c1e-4bde-9a52-1f0e6f0c2d11";
  private static final String NEW_ID = "9e4d1c2b-0000-4000-8000-000000000001";

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

  private static String replacement(String state) {
    return """
        {"id":"%s","state":"%s","wallet":"treasury","kind":"native_transfer",
         "to":"0x1111111111111111111111111111111111111111","value":"1000","replaces":"%s",
         "replacedBy":null,"decision":{"outcome":"ALLOW","rule":"ops","policyHash":"abc",
         "reasons":[],"missing":[],"explanation":[]},"approvals":[],"transaction":null}
        """
        .formatted(NEW_ID, state, ID);
  }

  private JsonNode posted(String path) {
    return server.calls().stream()
        .filter(c -> c.method().equals("POST") && c.path().equals(path))
        .map(c -> Json.parse(c.body()))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void speedUpPostsTheFeeCapsInWeiAndPrintsTheNewRequest() {
    server.json("POST /api/v1/requests/" + ID + "/speed-up", 201, replacement("APPROVED"));

    CliRun r =
        cli(
            "tx",
            "speed-up",
            ID,
            "--max-fee-per-gas",
            "80gwei",
            "--max-priority-fee-per-gas",
            "3gwei",
            "--server",
            server.url());

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).contains("speed-up of " + ID + " requested as " + NEW_ID);
    JsonNode body = posted("/api/v1/requests/" + ID + "/speed-up");
    assertThat(body.path("maxFeePerGas").asText()).isEqualTo("80000000000");
    assertThat(body.path("maxPriorityFeePerGas").asText()).isEqualTo("3000000000");
  }

  @Test
  void aCancelThatThePolicyDeniesExitsOne() {
    server.json("POST /api/v1/requests/" + ID + "/cancel", 201, replacement("DENIED"));

    CliRun r = cli("--json", "tx", "cancel", ID, "--server", server.url());

    assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.REFUSED);
    assertThat(Json.parse(r.out()).path("replaces").asText()).isEqualTo(ID);
  }

  @Test
  void anAdminApprovesAGovernanceRequest() {
    server.json(
        "POST /api/v1/governance/requests/51aa/approvals",
        200,
        "{\"id\":\"51aa\",\"kind\":\"approver_key.register\",\"state\":\"APPROVED\"}");

    CliRun r =
        cli("governance", "approve", "51aa", "--comment", "met bob", "--server", server.url());

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).contains("approver_key.register").contains("APPROVED");
    JsonNode body = posted("/api/v1/governance/requests/51aa/approvals");
    assertThat(body.path("verdict").asText()).isEqualTo("approve");
    assertThat(body.path("comment").asText()).isEqualTo("met bob");
  }
}
