package io.custos.service.attacks;

import static io.custos.service.attacks.AttackApi.STRANGER;
import static io.custos.service.attacks.AttackApi.awaitState;
import static io.custos.service.attacks.AttackApi.decidedFrom;
import static io.custos.service.attacks.AttackApi.show;
import static io.custos.service.attacks.AttackApi.signed;
import static io.custos.service.attacks.AttackApi.submitted;
import static io.custos.service.attacks.AttackApi.wallet;
import static org.assertj.core.api.Assertions.assertThat;

import io.custos.service.support.RealStack;
import io.custos.service.support.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Map;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, attack 2c: a rule's {@code fees.max_total} was judged with a gas limit of 0, so any
 * transaction passed it. The test policy's {@code fee-capped} rule allows a person's transfer only
 * while its fee can reach at most 0.00001 ETH; a plain transfer at the devnet's fees can reach
 * more.
 */
@QuarkusTest
@QuarkusTestResource(RealStack.class)
class PolicyFeeTotalAttackTest {

  @Inject DataSource db;

  @ConfigProperty(name = "custos.ethereum.node-url")
  URI node;

  @Test
  void aTransferWhoseGasTimesFeeExceedsMaxTotalIsNotSignedAndSaysWhy() throws Exception {
    String[] w = wallet(node, "fee-capped");
    String id = submitted(Tokens.of("alice"), Map.of("wallet", w[0], "to", STRANGER, "value", "1"));

    awaitState(id, "DENIED");

    JsonPath view = show(id);
    assertThat(view.getString("decision.rule")).isEqualTo("everything-else");
    assertThat(view.getList("decision.explanation").toString())
        .as("the reason: fee-capped no longer matched with the real gas limit")
        .contains("the fee can reach");
    assertThat(signed(db, id)).isZero();
    assertThat(decidedFrom(db, id, "APPROVED"))
        .as("the refusal at signing is audited as a new decision")
        .isEqualTo(1);
  }
}
