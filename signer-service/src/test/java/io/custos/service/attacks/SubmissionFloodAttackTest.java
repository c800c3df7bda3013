package io.custos.service.attacks;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.custos.service.support.Counts;
import io.custos.service.support.RealStack;
import io.custos.service.support.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A requester's client (stolen token, runaway bot) fires submissions as fast as it can, to flood
 * the approvers' queue, the database and the policy engine; a stolen admin token does the same with
 * governance proposals. Past its per-minute allowance each call that writes is refused before
 * anything is stored, and told when to come back.
 */
@QuarkusTest
@QuarkusTestResource(RealStack.class)
@TestProfile(TightLimits.class)
class SubmissionFloodAttackTest {

  private static final String STRANGER = "0x3333333333333333333333333333333333333333";

  @Inject DataSource db;

  @Test
  void submissionsBeyondTheRateLimitAreRefusedWithRetryAfterAndNotStored() throws Exception {
    String wallet = wallet();
    String alice = given().auth().oauth2(Tokens.of("alice")).get("/api/v1/me").path("subject");
    for (int i = 0; i < TightLimits.REQUESTS_PER_MINUTE; i++) {
      assertThat(submit(wallet).statusCode()).as("submission %d", i + 1).isEqualTo(201);
    }

    Response flood = submit(wallet);

    assertThat(flood.statusCode()).isEqualTo(429);
    assertThat(flood.contentType()).startsWith("application/problem+json");
    assertThat(flood.jsonPath().getString("type")).isEqualTo("urn:custos:problem:rate-limited");
    assertThat(Long.parseLong(flood.header("Retry-After"))).isBetween(1L, 60L);
    assertThat(Counts.of(db, "SELECT count(*) FROM tx_request WHERE requester_subject = ?", alice))
        .as("only the allowed submissions are stored")
        .isEqualTo(TightLimits.REQUESTS_PER_MINUTE);
  }

  @Test
  void governanceProposalsBeyondTheRateLimitAreRefusedAndNotStored() throws Exception {
    String wallet = wallet();
    String heidi = given().auth().oauth2(Tokens.of("heidi")).get("/api/v1/me").path("subject");
    for (int i = 0; i < TightLimits.REQUESTS_PER_MINUTE; i++) {
      assertThat(retag(wallet).statusCode()).as("proposal %d", i + 1).isEqualTo(202);
    }

    Response flood = retag(wallet);

    assertThat(flood.statusCode()).isEqualTo(429);
    assertThat(flood.jsonPath().getString("type")).isEqualTo("urn:custos:problem:rate-limited");
    assertThat(
            Counts.of(
                db, "SELECT count(*) FROM governance_request WHERE proposer_subject = ?", heidi))
        .as("only the allowed proposals are stored")
        .isEqualTo(TightLimits.REQUESTS_PER_MINUTE);
  }

  private static Response retag(String wallet) {
    return given()
        .auth()
        .oauth2(Tokens.of("heidi"))
        .contentType("application/json")
        .body(Map.of("tags", List.of("velocity")))
        .put("/api/v1/wallets/" + wallet + "/tags");
  }

  private static Response submit(String wallet) {
    return given()
        .auth()
        .oauth2(Tokens.of("alice"))
        .contentType("application/json")
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(Map.of("wallet", wallet, "to", STRANGER, "value", "1000"))
        .post("/api/v1/requests");
  }

  private static String wallet() {
    String label = "flood-" + UUID.randomUUID().toString().substring(0, 8);
    given()
        .auth()
        .oauth2(Tokens.of("erin"))
        .contentType("application/json")
        .body(Map.of("label", label, "tags", List.of()))
        .post("/api/v1/wallets")
        .then()
        .statusCode(201);
    return label;
  }
}
