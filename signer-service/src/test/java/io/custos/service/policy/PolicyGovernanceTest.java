package io.custos.service.policy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * A policy change without the admin quorum has no effect; with it, the new hash is active and the
 * next decision uses it. The test changes the active policy, so it runs in a service (and database)
 * of its own. Each test proposes its change against whatever version is active when it runs, with a
 * policy name of its own, so the tests hold in any order.
 */
@QuarkusTest
@QuarkusTestResource(RealStack.class)
@TestProfile(PolicyGovernanceTest.OwnPolicyHistory.class)
class PolicyGovernanceTest {

  /** No overrides: a profile of its own gives the test its own service and database. */
  public static class OwnPolicyHistory implements QuarkusTestProfile {}

  private static final String NEW_VENDOR = "0x2222222222222222222222222222222222222222";
  private static final String ONE_ETH = "1000000000000000000";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static RequestSpecification as(String user) {
    return given().auth().oauth2(Tokens.of(user)).contentType("application/json");
  }

  /** The active version's document, as an admin would start a change from it. */
  private static String activePolicy() {
    return as("alice").get("/api/v1/policy").then().statusCode(200).extract().path("document");
  }

  /** The active policy under another name: a policy change that no other test makes. */
  private static String renamed(String document, String name) {
    assertThat(document).containsPattern("(?m)^name: ");
    return document.replaceFirst("(?m)^name: .*$", "name: " + name);
  }

  /** The active policy with NEW_VENDOR added to the vendors list: an address-book change. */
  private static String withNewVendor() {
    String vendors = "    vendors:\n      - 0x1111111111111111111111111111111111111111\n";
    String policy = activePolicy();
    assertThat(policy).contains(vendors).doesNotContain(NEW_VENDOR);
    return policy.replace(vendors, vendors + "      - " + NEW_VENDOR + "\n");
  }

  /** The active policy with a higher vendor-payout limit: a policy change. */
  private static String withHigherLimit() {
    String policy = activePolicy();
    assertThat(policy).contains("value: { max: 5 ETH }");
    return policy.replace("value: { max: 5 ETH }", "value: { max: 10 ETH }");
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

  private static JsonPath verdict(String admin, String id) {
    return as(admin)
        .body(Map.of("verdict", "approve"))
        .post("/api/v1/governance/requests/" + id + "/approvals")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static String activeHash() {
    return as("alice").get("/api/v1/policy").then().statusCode(200).extract().path("hash");
  }

  private static String treasuryWallet() {
    String label = "w-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    as("erin")
        .body(Map.of("label", label, "tags", List.of("treasury")))
        .post("/api/v1/wallets")
        .then()
        .statusCode(201);
    return label;
  }

  /** Alice asks for 1 ETH to NEW_VENDOR; returns the request's decision. */
  private static JsonPath payNewVendor(String wallet) {
    return as("alice")
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(Map.of("wallet", wallet, "to", NEW_VENDOR, "value", ONE_ETH))
        .post("/api/v1/requests")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  private static List<JsonNode> audit(String type) throws Exception {
    String export =
        as("ivan").get("/api/v1/audit/export").then().statusCode(200).extract().asString();
    List<JsonNode> out = new ArrayList<>();
    for (String line : export.split("\n")) {
      JsonNode n = JSON.readTree(line);
      if (n.path("kind").asText().equals("entry")
          && n.path("entry").path("type").asText().equals(type)) {
        out.add(n.get("entry").get("payload"));
      }
    }
    return out;
  }

  @Test
  void aChangeTakesEffectOnlyWithTheAdminQuorumAndTheNextDecisionUsesIt() throws Exception {
    String before = activeHash();
    String wallet = treasuryWallet();
    JsonPath denied = payNewVendor(wallet);
    assertThat(denied.getString("state")).isEqualTo("DENIED");
    assertThat(denied.getString("decision.policyHash")).isEqualTo(before);

    JsonPath proposal = propose("erin", withNewVendor());
    String id = proposal.getString("id");
    String candidate = proposal.getString("policy.candidateHash");
    assertThat(proposal.getString("kind")).isEqualTo("address_book.change");
    assertThat(proposal.getString("state")).isEqualTo("PENDING_APPROVAL");
    assertThat(proposal.getString("policy.baseHash")).isEqualTo(before);
    assertThat(proposal.getString("decision.rule")).isEqualTo("governance.address_book_changes");
    assertThat(proposal.getList("decision.missing")).containsExactly("2 more of admins");
    assertThat(candidate).isNotEqualTo(before).matches("[0-9a-f]{64}");
    assertThat(proposal.getList("simulation.changes.requestId"))
        .as("the simulation lists the denied payout, which the candidate would send for approval")
        .contains(denied.getString("id"));
    assertThat(
            proposal.getString(
                "simulation.changes.find { it.requestId == '"
                    + denied.getString("id")
                    + "' }.transition"))
        .isEqualTo("DENY -> NEEDS_APPROVAL");

    // One admin is not the quorum: nothing changes.
    as("erin")
        .body(Map.of("verdict", "approve"))
        .post("/api/v1/governance/requests/" + id + "/approvals")
        .then()
        .statusCode(403)
        .body("type", equalTo("urn:custos:problem:self-approval"));
    assertThat(verdict("frank", id).getString("state")).isEqualTo("PENDING_APPROVAL");
    assertThat(activeHash()).isEqualTo(before);
    JsonPath stillDenied = payNewVendor(wallet);
    assertThat(stillDenied.getString("state")).isEqualTo("DENIED");
    assertThat(stillDenied.getString("decision.policyHash")).isEqualTo(before);

    // The quorum: the candidate is the active version, and the next decision uses it.
    assertThat(verdict("grace", id).getString("state")).isEqualTo("APPROVED");
    as("alice")
        .get("/api/v1/policy")
        .then()
        .body("hash", equalTo(candidate))
        .body("activatedBy", equalTo("governance"))
        .body("governanceRequest", equalTo(id))
        .body("activatedAt", notNullValue());
    JsonPath allowed = payNewVendor(wallet);
    assertThat(allowed.getString("state")).isEqualTo("PENDING_APPROVAL");
    assertThat(allowed.getString("decision.rule")).isEqualTo("vendor-payout");
    assertThat(allowed.getString("decision.policyHash")).isEqualTo(candidate);

    // Newest first; other tests may have activated versions before this one.
    JsonPath versions =
        as("ivan").get("/api/v1/policy/versions").then().statusCode(200).extract().jsonPath();
    assertThat(versions.getList("hash", String.class)).startsWith(candidate, before);
    assertThat(versions.getString("[0].activatedBy")).isEqualTo("governance");
    assertThat(versions.getString("[0].governanceRequest")).isEqualTo(id);
    assertThat(versions.getList("activatedBy", String.class)).last().isEqualTo("file");
    assertThat(audit("governance.proposed"))
        .anySatisfy(
            p -> {
              assertThat(p.path("candidateHash").asText()).isEqualTo(candidate);
              assertThat(p.path("document").asText()).contains(NEW_VENDOR);
            });
    assertThat(audit("policy.activated"))
        .anySatisfy(
            p -> {
              assertThat(p.path("hash").asText()).isEqualTo(candidate);
              assertThat(p.path("previousHash").asText()).isEqualTo(before);
              assertThat(p.path("governanceRequestId").asText()).isEqualTo(id);
              assertThat(p.path("document").asText()).contains(NEW_VENDOR);
            });
  }

  @Test
  void aChangeProposedAgainstAnOlderVersionIsClosedNotApplied() throws Exception {
    String base = activeHash();
    String raise = propose("erin", renamed(withHigherLimit(), "custos-raised")).getString("id");
    assertThat(as("ivan").get("/api/v1/governance/requests/" + raise).jsonPath().getString("kind"))
        .isEqualTo("policy.change");

    // Another change is approved first: the raise was reviewed against a policy no longer active.
    String other = propose("heidi", renamed(activePolicy(), "custos-other")).getString("id");
    verdict("frank", other);
    verdict("grace", other);
    String now = activeHash();
    assertThat(now).isNotEqualTo(base);

    JsonPath closed = verdict("frank", raise);
    assertThat(closed.getString("state")).isEqualTo("REJECTED");
    assertThat(closed.getString("decision.reasons[0]")).contains("propose the change again");
    as("grace")
        .body(Map.of("verdict", "approve"))
        .post("/api/v1/governance/requests/" + raise + "/approvals")
        .then()
        .statusCode(409);
    assertThat(activeHash()).as("a closed proposal never takes effect").isEqualTo(now);
  }

  @Test
  void aVerdictGivenUnderAReplacedPolicyNoLongerCounts() throws Exception {
    String wallet = treasuryWallet();
    String id =
        as("alice")
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .body(
                Map.of(
                    "wallet",
                    wallet,
                    "to",
                    "0x1111111111111111111111111111111111111111",
                    "value",
                    ONE_ETH))
            .post("/api/v1/requests")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    DeviceKeys.verdict("bob", id, "approve").then().statusCode(200);

    String change = propose("heidi", renamed(activePolicy(), "custos-third")).getString("id");
    verdict("frank", change);
    verdict("grace", change);
    String now = activeHash();

    DeviceKeys.verdict("dave", id, "approve").then().statusCode(200);
    JsonPath r = as("ivan").get("/api/v1/requests/" + id).then().extract().jsonPath();
    assertThat(r.getString("state"))
        .as("bob approved the payout under the replaced policy")
        .isEqualTo("PENDING_APPROVAL");
    assertThat(r.getString("decision.policyHash")).isEqualTo(now);
    assertThat(r.getList("decision.missing")).containsExactly("1 more of treasury");

    DeviceKeys.verdict("bob", id, "approve").then().statusCode(200);
    JsonPath approved = as("ivan").get("/api/v1/requests/" + id).then().extract().jsonPath();
    assertThat(approved.getString("decision.outcome")).isEqualTo("ALLOW");
    assertThat(approved.getString("decision.policyHash")).isEqualTo(now);
  }

  @Test
  void aDocumentThatDoesNotParseIsRefusedWithItsPosition() {
    as("erin")
        .body(Map.of("kind", "policy.change", "policy", "version: 1\nname: x\nrules: [\n"))
        .post("/api/v1/governance/requests")
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:custos:problem:policy-invalid"))
        .body("line", notNullValue())
        .body("column", notNullValue());
  }

  @Test
  void theActivePolicyCannotBeProposedAgainAndOnlyAdminsPropose() {
    String active = as("erin").get("/api/v1/policy").then().extract().path("document");
    as("erin")
        .body(Map.of("kind", "policy.change", "policy", active))
        .post("/api/v1/governance/requests")
        .then()
        .statusCode(409)
        .body("type", equalTo("urn:custos:problem:conflict"));
    as("alice")
        .body(Map.of("kind", "policy.change", "policy", active))
        .post("/api/v1/governance/requests")
        .then()
        .statusCode(403);
    as("erin")
        .body(Map.of("kind", "wallet.change", "policy", active))
        .post("/api/v1/governance/requests")
        .then()
        .statusCode(400);
    as("ivan")
        .get("/api/v1/governance/requests")
        .then()
        .statusCode(200)
        .body("kind", org.hamcrest.Matchers.not(hasItem("wallet.change")));
  }
}
