package io.custos.service.attacks;

import static io.custos.service.attacks.AttackApi.TST;
import static io.custos.service.attacks.AttackApi.VENDOR;
import static io.custos.service.attacks.AttackApi.as;
import static io.custos.service.attacks.AttackApi.awaitState;
import static io.custos.service.attacks.AttackApi.decidedFrom;
import static io.custos.service.attacks.AttackApi.show;
import static io.custos.service.attacks.AttackApi.signed;
import static io.custos.service.attacks.AttackApi.submitted;
import static io.custos.service.attacks.AttackApi.wallet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.custos.service.request.Erc20Fixture;
import io.custos.service.support.DeviceKeys;
import io.custos.service.support.RealStack;
import io.custos.service.support.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, attack 3: an approved request that waits to be sent (here an ERC-20 payout from a
 * wallet without the tokens, whose gas estimate reverts) was signed whenever it became sendable,
 * however the policy had changed meanwhile. It is decided again when it is about to be signed.
 */
@QuarkusTest
@TestProfile(ApprovedRequestRecheckAttackTest.OwnPolicyHistory.class)
@QuarkusTestResource(RealStack.class)
class ApprovedRequestRecheckAttackTest {

  /** No overrides: a profile of its own gives the test its own service and database. */
  public static class OwnPolicyHistory implements QuarkusTestProfile {}

  @Inject DataSource db;

  @ConfigProperty(name = "custos.ethereum.node-url")
  URI node;

  /** The test policy with the vendor on the denylist: an address-book change. */
  private static String withVendorDenylisted() throws Exception {
    String denylist = "  denylist:\n    - 0x000000000000000000000000000000000000dEaD\n";
    String policy = Files.readString(Path.of("src/test/resources/policy/test-policy.yaml"));
    assertThat(policy).contains(denylist);
    return policy.replace(denylist, denylist + "    - " + VENDOR + "\n");
  }

  @Test
  void anApprovedPayoutWaitingToBeSentIsNotSignedOnceTheAddressBookDeniesIt() throws Exception {
    String token = Erc20Fixture.deployAndMint(node, TST);
    String[] w = wallet(node, "treasury");
    String id =
        submitted(
            Tokens.of("alice"),
            Map.of("wallet", w[0], "to", VENDOR, "token", "TST", "amount", "250"));
    DeviceKeys.verdict("bob", id, "approve").then().statusCode(200);
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(10))
        .until(() -> "APPROVED".equals(show(id).getString("state")));

    String change =
        as(Tokens.of("erin"))
            .body(Map.of("kind", "policy.change", "policy", withVendorDenylisted()))
            .post("/api/v1/governance/requests")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    DeviceKeys.approveByAdmins(change, "erin");
    // Now nothing but the new address book stands between the payout and its signature.
    Erc20Fixture.mint(node, token, w[1], new BigInteger("1000000000000000000000"));

    awaitState(id, "DENIED");
    assertThat(show(id).getList("decision.explanation").toString()).contains("denylist");
    assertThat(signed(db, id)).isZero();
    assertThat(Erc20Fixture.balanceOf(node, token, VENDOR)).isZero();
    assertThat(decidedFrom(db, id, "APPROVED"))
        .as("the refusal at signing is audited as a new decision")
        .isEqualTo(1);
  }
}
