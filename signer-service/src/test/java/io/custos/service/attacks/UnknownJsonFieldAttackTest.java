package io.custos.service.attacks;

import static io.custos.service.attacks.AttackApi.REQUESTS;
import static io.custos.service.attacks.AttackApi.VENDOR;
import static io.custos.service.attacks.AttackApi.as;
import static io.custos.service.attacks.AttackApi.submit;
import static io.custos.service.attacks.AttackApi.wallet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.custos.service.support.Counts;
import io.custos.service.support.RealStack;
import io.custos.service.support.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Attack (on the caller's understanding): a client sends a field the API does not have, such as
 * {@code nonce} or {@code chainId}, and believes it pinned the transaction to it, while the server
 * silently ignored it and signed something else. Every request body now refuses unknown fields with
 * a 400 naming the field, before anything is stored.
 */
@QuarkusTest
@QuarkusTestResource(RealStack.class)
class UnknownJsonFieldAttackTest {

  private static final String UNKNOWN_FIELD = "urn:custos:problem:unknown-field";

  @Inject DataSource db;

  @ConfigProperty(name = "custos.ethereum.node-url")
  URI node;

  private static void assertUnknownField(Response response, String field) {
    response
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo(UNKNOWN_FIELD))
        .body("field", equalTo(field))
        .body("detail", containsString("'" + field + "'"));
  }

  @Test
  void aSubmissionNamingANonceOrAChainIdIsRefusedAndNothingIsStored() throws Exception {
    String[] w = wallet(node, "treasury");
    String key = UUID.randomUUID().toString();

    assertUnknownField(
        submit(
            Tokens.of("alice"),
            key,
            Map.of("wallet", w[0], "to", VENDOR, "value", "1000", "nonce", 7)),
        "nonce");
    assertUnknownField(
        submit(
            Tokens.of("alice"),
            key,
            Map.of("wallet", w[0], "to", VENDOR, "value", "1000", "chainId", 1)),
        "chainId");

    assertThat(Counts.of(db, "SELECT count(*) FROM tx_request WHERE idempotency_key = ?", key))
        .isZero();
  }

  @Test
  void anApproverVerdictWithAFieldTheApiDoesNotHaveIsRefused() {
    assertUnknownField(
        as(Tokens.of("bob"))
            .body(Map.of("verdict", "approve", "onBehalfOf", "carol"))
            .post(REQUESTS + "/" + UUID.randomUUID() + "/approvals"),
        "onBehalfOf");
  }

  @Test
  void aGovernanceVerdictWithAFieldTheApiDoesNotHaveIsRefused() {
    assertUnknownField(
        as(Tokens.of("erin"))
            .body(Map.of("verdict", "approve", "weight", 2))
            .post("/api/v1/governance/requests/" + UUID.randomUUID() + "/approvals"),
        "weight");
  }

  @Test
  void aWalletNamingAChainIdIsRefusedAndNotCreated() throws Exception {
    String label = "atk-" + UUID.randomUUID().toString().substring(0, 8);

    assertUnknownField(
        as(Tokens.of("erin"))
            .body(Map.of("label", label, "tags", List.of(), "chainId", 1))
            .post("/api/v1/wallets"),
        "chainId");

    assertThat(Counts.of(db, "SELECT count(*) FROM wallet WHERE label = ?", label)).isZero();
  }
}
