package io.custos.service.attacks;

import static io.custos.service.attacks.AttackApi.REQUESTS;
import static io.custos.service.attacks.AttackApi.VENDOR;
import static io.custos.service.attacks.AttackApi.as;
import static io.custos.service.attacks.AttackApi.awaitState;
import static io.custos.service.attacks.AttackApi.show;
import static io.custos.service.attacks.AttackApi.signed;
import static io.custos.service.attacks.AttackApi.submitted;
import static io.custos.service.attacks.AttackApi.uuid;
import static io.custos.service.attacks.AttackApi.wallet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.custos.service.support.Counts;
import io.custos.service.support.DeviceKeys;
import io.custos.service.support.RealStack;
import io.custos.service.support.Tokens;
import io.custos.testsupport.Anvil;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, attack 2: an operator drains the wallet through fees by speeding up a stuck transaction
 * with a fee nobody approved. Approvals given without fee caps do not carry over to a replacement,
 * and no fee above the service's ceiling is ever accepted (1000 gwei per gas by default).
 */
@QuarkusTest
@QuarkusTestResource(RealStack.class)
class SpeedUpFeeDrainAttackTest {

  /** 900 gwei: below the service's ceiling, hundreds of times the devnet's fees. */
  private static final String HUGE_FEE = "900000000000";

  /** 2000 gwei: above the service's ceiling of 1000 gwei. */
  private static final String ABOVE_CEILING = "2000000000000";

  @Inject DataSource db;

  @ConfigProperty(name = "custos.ethereum.node-url")
  URI node;

  @AfterEach
  void automineBackOn() {
    Anvil.rpc(node, "evm_setAutomine", true);
  }

  /** A vendor payout approved by two treasurers without fee caps, broadcast and left pending. */
  private String approvedWithoutCapsAndPending() {
    String[] w = wallet(node, "treasury");
    Anvil.rpc(node, "evm_setAutomine", false);
    String id =
        submitted(Tokens.of("alice"), Map.of("wallet", w[0], "to", VENDOR, "value", "1000"));
    DeviceKeys.verdict("bob", id, "approve").then().statusCode(200);
    DeviceKeys.verdict("dave", id, "approve").then().statusCode(200);
    awaitState(id, "BROADCAST");
    return id;
  }

  @Test
  void aSpeedUpWithAHugeFeeOfARequestApprovedWithoutCapsNeedsFreshApprovals() throws Exception {
    String original = approvedWithoutCapsAndPending();

    String speedUp =
        as(Tokens.of("oscar"))
            .body(Map.of("maxFeePerGas", HUGE_FEE, "maxPriorityFeePerGas", HUGE_FEE))
            .post(REQUESTS + "/" + original + "/speed-up")
            .then()
            .statusCode(201)
            .body("state", equalTo("PENDING_APPROVAL"))
            .body("approvals", equalTo(List.of()))
            .extract()
            .path("id");

    Thread.sleep(1500);
    assertThat(show(speedUp).getString("state")).isEqualTo("PENDING_APPROVAL");
    assertThat(signed(db, speedUp)).as("nothing signed at the unapproved fee").isZero();
  }

  @Test
  void aSpeedUpAboveTheServiceFeeCeilingIsRefusedAndAudited() throws Exception {
    String original = approvedWithoutCapsAndPending();

    as(Tokens.of("oscar"))
        .body(Map.of("maxFeePerGas", ABOVE_CEILING, "maxPriorityFeePerGas", ABOVE_CEILING))
        .post(REQUESTS + "/" + original + "/speed-up")
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:custos:problem:fee-above-ceiling"))
        .body("maxFeePerGasCeiling", equalTo("1000000000000"));
    as(Tokens.of("oscar"))
        .body(Map.of("maxFeePerGas", ABOVE_CEILING, "maxPriorityFeePerGas", "3000000000"))
        .post(REQUESTS + "/" + original + "/cancel")
        .then()
        .statusCode(422)
        .body("type", equalTo("urn:custos:problem:fee-above-ceiling"));

    assertThat(Counts.of(db, "SELECT count(*) FROM tx_request WHERE replaces = ?", uuid(original)))
        .as("no replacement stored")
        .isZero();
    assertThat(Counts.auditEntries(db, "fees.refused", original)).isEqualTo(2);
  }

  @Test
  void aSubmissionWithCapsAboveTheServiceFeeCeilingIsRefused() throws Exception {
    String[] w = wallet(node, "treasury");
    as(Tokens.of("alice"))
        .header("Idempotency-Key", java.util.UUID.randomUUID().toString())
        .body(Map.of("wallet", w[0], "to", VENDOR, "value", "1000", "maxFeePerGas", ABOVE_CEILING))
        .post(REQUESTS)
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:custos:problem:fee-above-ceiling"));
    assertThat(
            Counts.of(
                db,
                "SELECT count(*) FROM tx_request r JOIN wallet w ON w.id = r.wallet_id"
                    + " WHERE w.label = ?",
                w[0]))
        .isZero();
  }
}
