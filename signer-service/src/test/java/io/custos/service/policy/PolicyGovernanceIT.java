package io.custos.service.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custos.service.support.ProcessStack;
import io.custos.service.support.ServiceProcess;
import io.custos.service.support.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two service processes on one database: a policy change approved through one is the active policy
 * of the other at once, and stays active across a restart with the (unchanged) configured file.
 */
class PolicyGovernanceIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private static ProcessStack stack;

  @BeforeAll
  static void start() {
    stack = ProcessStack.start("policy_gov");
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  private record Answer(int status, JsonNode body) {}

  private static Answer call(ServiceProcess s, String method, String path, String user, Object body)
      throws Exception {
    HttpRequest.Builder req =
        HttpRequest.newBuilder(s.url().resolve(URI.create(path)))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + Tokens.of(user))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    HttpResponse<String> resp = HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(resp.statusCode(), JSON.readTree(resp.body()));
  }

  private static String activeHash(ServiceProcess s) throws Exception {
    Answer a = call(s, "GET", "/api/v1/policy", "alice", null);
    assertThat(a.status()).isEqualTo(200);
    return a.body().get("hash").asText();
  }

  @Test
  void anApprovedChangeIsActiveOnEveryInstanceAndSurvivesARestart() throws Exception {
    ServiceProcess a = stack.startService("a");
    ServiceProcess b = stack.startService("b");
    String before = activeHash(b);
    String vendors = "    vendors:\n      - 0x1111111111111111111111111111111111111111\n";
    String file = Files.readString(Path.of("src/test/resources/policy/test-policy.yaml"));
    String candidate =
        file.replace(vendors, vendors + "      - 0x2222222222222222222222222222222222222222\n");

    Answer proposed =
        call(
            a,
            "POST",
            "/api/v1/governance/requests",
            "erin",
            Map.of("kind", "policy.change", "policy", candidate));
    assertThat(proposed.status()).isEqualTo(202);
    String id = proposed.body().get("id").asText();
    String hash = proposed.body().path("policy").path("candidateHash").asText();
    Map<String, String> approve = Map.of("verdict", "approve");
    String path = "/api/v1/governance/requests/" + id + "/approvals";
    assertThat(call(b, "POST", path, "frank", approve).status()).isEqualTo(200);
    assertThat(activeHash(a)).isEqualTo(before);
    Answer decided = call(a, "POST", path, "grace", approve);
    assertThat(decided.body().get("state").asText()).isEqualTo("APPROVED");

    assertThat(activeHash(b)).as("the other instance decides by the new version").isEqualTo(hash);
    assertThat(activeHash(a)).isEqualTo(hash);

    a.stop();
    ServiceProcess restarted = stack.startService("a");
    assertThat(activeHash(restarted))
        .as("the version governance activated wins over the configured file")
        .isEqualTo(hash);
    assertThat(Files.readString(restarted.log()))
        .contains("differs from the active policy version " + hash);
    JsonNode versions = call(restarted, "GET", "/api/v1/policy/versions", "ivan", null).body();
    assertThat(versions).hasSize(2);
    assertThat(versions.get(0).get("hash").asText()).isEqualTo(hash);
    assertThat(versions.get(1).get("hash").asText()).isEqualTo(before);
  }
}
