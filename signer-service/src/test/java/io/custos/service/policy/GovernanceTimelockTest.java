package io.custos.service.policy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custos.service.support.DeviceKeys;
import io.custos.service.support.RealStack;
import io.custos.service.support.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;

/**
 * With {@code timelock: 3s} in the governance block, a policy change whose quorum is met waits
 * TIMELOCKED (the old hash stays active), then takes effect when the service clock passes its
 * notBefore; an admin's rejection during the timelock cancels it. Key changes wait likewise.
 */
@QuarkusTest
@QuarkusTestResource(RealStack.class)
@TestProfile(GovernanceTimelockTest.TimelockedGovernance.class)
class GovernanceTimelockTest {

  private static final String POLICY =
      "src/test/resources/policy/test-policy-governance-timelock.yaml";
  private static final Duration TIMELOCK = Duration.ofSeconds(3);
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The test policy with a governance timelock. The key is profile-qualified because RealStack sets
   * {@code custos.policy.file} too: the {@code %test.} key wins whatever the sources' ordinals.
   */
  public static class TimelockedGovernance implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("%test.custos.policy.file", Path.of(POLICY).toAbsolutePath().toString());
    }
  }

  private static RequestSpecification as(String user) {
    return given().auth().oauth2(Tokens.of(user)).contentType("application/json");
  }

  private static JsonPath propose(String admin, String document) {
    return as(admin)
        .body(Map.of("kind", "policy.change", "policy", document))
        .post("/api/v1/governance/requests")
        .then()
        .statusCode(202)
        .extract()
        .jsonPath();
  }

  private static JsonPath verdict(String admin, String id, String verdict) {
    return as(admin)
        .body(Map.of("verdict", verdict))
        .post("/api/v1/governance/requests/" + id + "/approvals")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static JsonPath show(String id) {
    return as("ivan")
        .get("/api/v1/governance/requests/" + id)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static JsonPath activePolicy() {
    return as("alice").get("/api/v1/policy").then().statusCode(200).extract().jsonPath();
  }

  private static String keyState(String address) {
    List<Map<String, Object>> keys =
        as("ivan").get("/api/v1/approvers/keys").then().statusCode(200).extract().path("$");
    return keys.stream()
        .filter(k -> address.equals(k.get("address")))
        .map(k -> (String) k.get("state"))
        .findFirst()
        .orElse("ABSENT");
  }

  /** The payloads of the audit entries of this type about this governance request, in order. */
  private static List<JsonNode> audit(String type, String id) throws Exception {
    String export =
        as("ivan").get("/api/v1/audit/export").then().statusCode(200).extract().asString();
    List<JsonNode> out = new ArrayList<>();
    for (String line : export.split("\n")) {
      JsonNode n = JSON.readTree(line);
      JsonNode entry = n.path("entry");
      if (n.path("kind").asText().equals("entry")
          && entry.path("type").asText().equals(type)
          && entry.path("payload").toString().contains(id)) {
        out.add(entry);
      }
    }
    return out;
  }

  @Test
  void aChangeWithTheQuorumWaitsForTheTimelockThenTakesEffect() throws Exception {
    JsonPath current = activePolicy();
    String before = current.getString("hash");
    String document = current.getString("document");
    assertThat(document).contains("value: { max: 5 ETH }");
    JsonPath proposal =
        propose("erin", document.replace("value: { max: 5 ETH }", "value: { max: 10 ETH }"));
    String id = proposal.getString("id");
    String candidate = proposal.getString("policy.candidateHash");
    assertThat(proposal.getString("policy.baseHash")).isEqualTo(before);

    assertThat(verdict("frank", id, "approve").getString("state")).isEqualTo("PENDING_APPROVAL");
    JsonPath locked = verdict("grace", id, "approve");
    assertThat(locked.getString("state")).isEqualTo("TIMELOCKED");
    assertThat(locked.getString("decision.outcome")).isEqualTo("ALLOW");
    Instant quorumAt =
        Instant.parse(locked.getString("approvals.find { it.approver == 'grace' }.at"));
    Instant notBefore = Instant.parse(locked.getString("notBefore"));
    assertThat(notBefore).isEqualTo(quorumAt.plus(TIMELOCK));

    // The quorum is met, but the timelock holds the change: the old version is still active.
    assertThat(activePolicy().getString("hash")).isEqualTo(before);
    as("ivan")
        .get("/api/v1/governance/requests?state=TIMELOCKED")
        .then()
        .statusCode(200)
        .body("id", hasItem(id));
    List<JsonNode> decided = audit("governance.decided", id);
    assertThat(decided)
        .anySatisfy(
            e -> {
              assertThat(e.path("payload").path("state").asText()).isEqualTo("TIMELOCKED");
              assertThat(e.path("payload").path("notBefore").asText())
                  .isEqualTo(notBefore.toString());
            });

    // After the timelock the service's tick decides it again and activates the candidate.
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () ->
                assertThat(show(id).getString("state"))
                    .as("the timelocked change " + id)
                    .isEqualTo("APPROVED"));
    Instant approvedAt = Instant.parse(show(id).getString("updatedAt"));
    assertThat(approvedAt).as("not before the timelock ends").isAfterOrEqualTo(notBefore);
    JsonPath active = activePolicy();
    assertThat(active.getString("hash")).isEqualTo(candidate);
    assertThat(active.getString("activatedBy")).isEqualTo("governance");
    assertThat(active.getString("governanceRequest")).isEqualTo(id);
    assertThat(audit("governance.decided", id))
        .anySatisfy(
            e -> {
              assertThat(e.path("payload").path("state").asText()).isEqualTo("APPROVED");
              assertThat(e.path("actor").asText()).isEqualTo("custos");
            });
    assertThat(audit("policy.activated", id))
        .singleElement()
        .satisfies(e -> assertThat(e.path("payload").path("hash").asText()).isEqualTo(candidate));
  }

  @Test
  void anAdminsRejectionDuringTheTimelockCancelsTheChange() throws Exception {
    JsonPath current = activePolicy();
    String before = current.getString("hash");
    String document = current.getString("document");
    assertThat(document).contains("name: custos-test");
    String id =
        propose("heidi", document.replace("name: custos-test", "name: custos-vetoed"))
            .getString("id");
    verdict("frank", id, "approve");
    JsonPath locked = verdict("grace", id, "approve");
    assertThat(locked.getString("state")).isEqualTo("TIMELOCKED");
    Instant notBefore = Instant.parse(locked.getString("notBefore"));

    JsonPath rejected = verdict("erin", id, "reject");
    assertThat(rejected.getString("state")).isEqualTo("REJECTED");
    assertThat(rejected.getString("decision.outcome")).isEqualTo("DENY");
    assertThat(rejected.getString("decision.reasons[0]")).startsWith("vetoed by");

    // Until past the timelock and a few ticks later, the cancelled change does not take effect.
    Duration hold = Duration.between(Instant.now(), notBefore.plusSeconds(3));
    await()
        .during(hold.isNegative() ? Duration.ZERO : hold)
        .atMost(hold.plusSeconds(10))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              assertThat(show(id).getString("state")).isEqualTo("REJECTED");
              assertThat(activePolicy().getString("hash")).isEqualTo(before);
            });
    assertThat(audit("policy.activated", id)).isEmpty();
    as("grace")
        .body(Map.of("verdict", "approve"))
        .post("/api/v1/governance/requests/" + id + "/approvals")
        .then()
        .statusCode(409)
        .body("type", equalTo("urn:custos:problem:conflict"));
  }

  @Test
  void aKeyRegistrationWaitsForTheTimelockToo() throws Exception {
    ECKeyPair key = DeviceKeys.random();
    String address = DeviceKeys.address(key);
    String id = DeviceKeys.propose("grace", key).then().statusCode(202).extract().path("id");
    verdict("erin", id, "approve");
    JsonPath locked = verdict("frank", id, "approve");
    assertThat(locked.getString("state")).isEqualTo("TIMELOCKED");
    assertThat(keyState(address)).as("not active during the timelock").isEqualTo("PENDING");

    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () ->
                assertThat(keyState(address))
                    .as("the key of the timelocked registration " + id)
                    .isEqualTo("ACTIVE"));
    assertThat(show(id).getString("state")).isEqualTo("APPROVED");
    assertThat(Instant.parse(show(id).getString("updatedAt")))
        .isAfterOrEqualTo(Instant.parse(locked.getString("notBefore")));
    assertThat(audit("approver.registered", id))
        .singleElement()
        .satisfies(e -> assertThat(e.path("payload").path("address").asText()).isEqualTo(address));
  }
}
