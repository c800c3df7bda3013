package io.custos.service.attacks;

import static io.custos.service.attacks.AttackApi.REQUESTS;
import static io.custos.service.attacks.AttackApi.VENDOR;
import static io.custos.service.attacks.AttackApi.as;
import static io.custos.service.attacks.AttackApi.show;
import static io.custos.service.attacks.AttackApi.submit;
import static io.custos.service.attacks.AttackApi.wallet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.custos.service.support.Counts;
import io.custos.service.support.DeviceKeys;
import io.custos.service.support.KeycloakAdmin;
import io.custos.service.support.RealStack;
import io.custos.service.support.Tokens;
import io.custos.testsupport.Anvil;
import io.custos.testsupport.KeycloakServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Attack: an operator who is also a treasury approver speeds up a payout with fees above the caps
 * the approvers signed for, so the speed-up needs fresh approvals, and then approves it: the person
 * who chose the new fees would be one of the approvers of them. Whoever initiates a speed-up or
 * cancel never counts as its approver, as the requester never counts.
 */
@QuarkusTest
@QuarkusTestResource(RealStack.class)
class SelfApprovedReplacementAttackTest {

  @Inject DataSource db;

  @ConfigProperty(name = "custos.ethereum.node-url")
  URI node;

  @AfterEach
  void automineBackOn() {
    Anvil.rpc(node, "evm_setAutomine", true);
  }

  @Test
  void anOperatorWhoIsAlsoAnApproverCannotApproveTheSpeedUpTheyInitiated() throws Exception {
    String operator = "opal-" + UUID.randomUUID().toString().substring(0, 8);
    new KeycloakAdmin(KeycloakServer.shared())
        .createUser(
            operator, operator + "-demo", List.of("operator", "approver"), List.of("/treasury"));
    String[] w = wallet(node, "treasury");
    Anvil.rpc(node, "evm_setAutomine", false);
    String original =
        submit(
                Tokens.of("alice"),
                UUID.randomUUID().toString(),
                Map.of(
                    "wallet", w[0],
                    "to", VENDOR,
                    "value", "1000",
                    "maxFeePerGas", "500000000000",
                    "maxPriorityFeePerGas", "5000000000"))
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    DeviceKeys.verdict("bob", original, "approve").then().statusCode(200);
    DeviceKeys.verdict("dave", original, "approve").then().statusCode(200);
    awaitState(original, "BROADCAST");
    String speedUp =
        as(Tokens.of(operator))
            .body(Map.of("maxFeePerGas", "600000000000"))
            .post(REQUESTS + "/" + original + "/speed-up")
            .then()
            .statusCode(201)
            .body("state", equalTo("PENDING_APPROVAL"))
            .extract()
            .path("id");

    DeviceKeys.verdict(operator, speedUp, "approve")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:custos:problem:self-approval"));

    assertThat(show(speedUp).getString("state")).isEqualTo("PENDING_APPROVAL");
    assertThat(show(speedUp).getList("approvals")).isEmpty();
    assertThat(show(speedUp).getList("decision.missing")).containsExactly("2 more of treasury");
    assertThat(Counts.auditEntries(db, "approval.refused", speedUp)).isEqualTo(1);
    assertThat(Counts.auditEntries(db, "transaction.signed", speedUp)).isZero();
  }

  private static void awaitState(String id, String wanted) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(300))
        .untilAsserted(
            () ->
                assertThat(show(id).getString("state"))
                    .as("state of request " + id)
                    .isEqualTo(wanted));
  }
}
