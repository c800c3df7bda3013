package io.custos.service.attacks;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custos.service.support.Counts;
import io.custos.service.support.RealStack;
import io.custos.service.support.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Attack: one admin moves a wallet from the rules that need the treasury's approvals ({@code
 * treasury}: vendor-payout) to rules that allow at once ({@code velocity}: velocity-auto) by
 * changing its tags, with nobody else agreeing and nothing on the log. A tag change is a governance
 * request: the wallet keeps its tags until the admins' quorum approves.
 */
@QuarkusTest
@QuarkusTestResource(RealStack.class)
class SilentWalletRetagAttackTest {

  private static final String VENDOR = "0x1111111111111111111111111111111111111111";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject DataSource db;

  private static RequestSpecification as(String user) {
    return given().auth().oauth2(Tokens.of(user)).contentType("application/json");
  }

  private static String treasuryWallet() {
    String label = "rt-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    as("erin")
        .body(Map.of("label", label, "tags", List.of("treasury")))
        .post("/api/v1/wallets")
        .then()
        .statusCode(201);
    return label;
  }

  private static List<String> tagsOf(String wallet) {
    return as("ivan")
        .get("/api/v1/wallets/" + wallet)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("wallet.tags", String.class);
  }

  private static JsonPath payVendor(String wallet) {
    return as("alice")
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(Map.of("wallet", wallet, "to", VENDOR, "value", "1000"))
        .post("/api/v1/requests")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  private static String verdict(String admin, String id) {
    return as(admin)
        .body(Map.of("verdict", "approve"))
        .post("/api/v1/governance/requests/" + id + "/approvals")
        .then()
        .statusCode(200)
        .extract()
        .path("state");
  }

  /** The payloads of the audit entries of this type that name {@code field} = {@code value}. */
  private static List<JsonNode> audit(String type, String field, String value) throws Exception {
    String export =
        as("ivan").get("/api/v1/audit/export").then().statusCode(200).extract().asString();
    List<JsonNode> out = new ArrayList<>();
    for (String line : export.split("\n")) {
      JsonNode n = JSON.readTree(line);
      JsonNode entry = n.path("entry");
      if (n.path("kind").asText().equals("entry")
          && entry.path("type").asText().equals(type)
          && entry.path("payload").path(field).asText().equals(value)) {
        out.add(entry.get("payload"));
      }
    }
    return out;
  }

  @Test
  void oneAdminsTagChangeWaitsForTheQuorumAndRequestsMeanwhileAreJudgedUnderTheOldTags()
      throws Exception {
    String wallet = treasuryWallet();

    JsonPath proposal =
        as("erin")
            .body(Map.of("tags", List.of("velocity")))
            .put("/api/v1/wallets/" + wallet + "/tags")
            .then()
            .statusCode(202)
            .extract()
            .jsonPath();
    String id = proposal.getString("id");
    assertThat(proposal.getString("kind")).isEqualTo("wallet.tags");
    assertThat(proposal.getString("state")).isEqualTo("PENDING_APPROVAL");
    assertThat(proposal.getList("wallet.tags")).containsExactly("velocity");
    assertThat(proposal.getList("wallet.previousTags")).containsExactly("treasury");
    assertThat(tagsOf(wallet)).containsExactly("treasury");

    JsonPath meanwhile = payVendor(wallet);
    assertThat(meanwhile.getString("state")).isEqualTo("PENDING_APPROVAL");
    assertThat(meanwhile.getString("decision.rule")).isEqualTo("vendor-payout");
    String requestId = meanwhile.getString("id");
    assertThat(audit("request.submitted", "requestId", requestId))
        .singleElement()
        .satisfies(p -> assertThat(p.path("walletTags").toString()).isEqualTo("[\"treasury\"]"));
    assertThat(
            Counts.of(
                db,
                "SELECT count(*) FROM eth_transaction WHERE request_id = ?",
                UUID.fromString(requestId)))
        .isZero();
    assertThat(audit("transaction.signed", "requestId", requestId)).isEmpty();

    assertThat(verdict("frank", id)).isEqualTo("PENDING_APPROVAL");
    assertThat(tagsOf(wallet)).containsExactly("treasury");
    assertThat(verdict("grace", id)).isEqualTo("APPROVED");
    assertThat(tagsOf(wallet)).containsExactly("velocity");

    assertThat(audit("governance.proposed", "governanceRequestId", id))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.path("kind").asText()).isEqualTo("wallet.tags");
              assertThat(p.path("wallet").asText()).isEqualTo(wallet);
              assertThat(p.path("proposer").path("username").asText()).isEqualTo("erin");
            });
    assertThat(audit("governance.decided", "governanceRequestId", id))
        .extracting(p -> p.path("state").asText())
        .containsExactly("PENDING_APPROVAL", "PENDING_APPROVAL", "APPROVED");
    assertThat(audit("wallet.tags_changed", "governanceRequestId", id))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.path("previousTags").toString()).isEqualTo("[\"treasury\"]");
              assertThat(p.path("tags").toString()).isEqualTo("[\"velocity\"]");
            });
  }

  @Test
  void aTagChangeOvertakenByAnotherIsClosedUnapplied() {
    String wallet = treasuryWallet();
    String first =
        as("erin")
            .body(Map.of("tags", List.of("velocity")))
            .put("/api/v1/wallets/" + wallet + "/tags")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    String second =
        as("erin")
            .body(Map.of("tags", List.of("staking")))
            .put("/api/v1/wallets/" + wallet + "/tags")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    verdict("frank", second);
    assertThat(verdict("grace", second)).isEqualTo("APPROVED");

    assertThat(verdict("frank", first)).isEqualTo("REJECTED");
    assertThat(tagsOf(wallet)).containsExactly("staking");
  }
}
