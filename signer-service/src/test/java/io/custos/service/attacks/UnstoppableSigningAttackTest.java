package io.custos.service.attacks;

import static io.custos.service.attacks.AttackApi.STRANGER;
import static io.custos.service.attacks.AttackApi.as;
import static io.custos.service.attacks.AttackApi.show;
import static io.custos.service.attacks.AttackApi.signed;
import static io.custos.service.attacks.AttackApi.submitted;
import static io.custos.service.attacks.AttackApi.wallet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import io.custos.service.support.Counts;
import io.custos.service.support.RealStack;
import io.custos.service.support.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Attack: nobody can stop the signing when something goes wrong. A leaked service-account secret
 * drains a wallet through the rule that sends small amounts alone, and nobody could stop it short
 * of shutting the service down. Now one guardian freezes a wallet (or everything) at once; nothing
 * is signed under the freeze, neither the guardian nor one admin can lift it, and the admins'
 * quorum of the test policy (two admins other than the proposer) lifts it, all on the audit log.
 */
@QuarkusTest
@QuarkusTestResource(RealStack.class)
class UnstoppableSigningAttackTest {

  private static final String FREEZES = "/api/v1/freezes";

  @Inject DataSource db;

  @ConfigProperty(name = "custos.ethereum.node-url")
  URI node;

  private static String freeze(String wallet) {
    Map<String, Object> body = new HashMap<>();
    body.put("reason", "the staking bot's secret leaked");
    if (wallet != null) {
      body.put("wallet", wallet);
    }
    return as(Tokens.of("gwen"))
        .body(body)
        .post(FREEZES)
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static JsonPath liftProposal(String freezeId) {
    return as(Tokens.of("erin"))
        .post(FREEZES + "/" + freezeId + "/lift")
        .then()
        .statusCode(202)
        .extract()
        .jsonPath();
  }

  private static String governanceVerdict(String admin, String id) {
    return as(Tokens.of(admin))
        .body(Map.of("verdict", "approve"))
        .post("/api/v1/governance/requests/" + id + "/approvals")
        .then()
        .statusCode(200)
        .extract()
        .path("state");
  }

  @Test
  void underAWalletFreezeNothingIsSignedUntilTheAdminsQuorumLiftsIt() throws Exception {
    String[] w = wallet(node);
    String freezeId = freeze(w[0]);
    assertThat(Counts.auditEntriesMentioning(db, "freeze.on", freezeId)).isEqualTo(1);

    // The leaked secret keeps asking: the policy allows it, the freeze holds it.
    String id =
        submitted(Tokens.stakingBot(), Map.of("wallet", w[0], "to", STRANGER, "value", "1"));
    assertThat(show(id).getString("state")).isEqualTo("APPROVED");
    Thread.sleep(3_000); // three ticks of the release worker
    assertThat(signed(db, id)).isZero();

    // The guardian cannot lift it, and one admin's proposal waits for the quorum.
    as(Tokens.of("gwen")).post(FREEZES + "/" + freezeId + "/lift").then().statusCode(403);
    JsonPath lift = liftProposal(freezeId);
    assertThat(lift.getString("kind")).isEqualTo("freeze.lift");
    assertThat(lift.getString("state")).isEqualTo("PENDING_APPROVAL");
    String liftId = lift.getString("id");
    assertThat(governanceVerdict("frank", liftId)).isEqualTo("PENDING_APPROVAL");
    Thread.sleep(2_000);
    assertThat(signed(db, id)).isZero();
    as(Tokens.of("ivan"))
        .get(FREEZES)
        .then()
        .statusCode(200)
        .body("find { it.id == '" + freezeId + "' }.reason", is("the staking bot's secret leaked"));

    assertThat(governanceVerdict("grace", liftId)).isEqualTo("APPROVED");
    assertThat(Counts.auditEntriesMentioning(db, "freeze.lifted", freezeId)).isEqualTo(1);
    as(Tokens.of("ivan"))
        .get(FREEZES + "/" + freezeId)
        .then()
        .statusCode(200)
        .body("liftedBy", is(liftId));
    await().atMost(Duration.ofSeconds(60)).until(() -> signed(db, id) > 0);
  }

  @Test
  void aGlobalFreezeHoldsEveryWalletAndAnotherWalletsFreezeHoldsNoOtherWallet() throws Exception {
    String[] frozen = wallet(node);
    String[] free = wallet(node);
    String walletFreeze = freeze(frozen[0]);

    String other =
        submitted(Tokens.stakingBot(), Map.of("wallet", free[0], "to", STRANGER, "value", "1"));
    await().atMost(Duration.ofSeconds(60)).until(() -> signed(db, other) > 0);

    String global = freeze(null);
    as(Tokens.of("gwen"))
        .body(Map.of("reason", "again"))
        .post(FREEZES)
        .then()
        .statusCode(409)
        .body("type", is("urn:custos:problem:conflict"));
    String held =
        submitted(Tokens.stakingBot(), Map.of("wallet", free[0], "to", STRANGER, "value", "1"));
    Thread.sleep(3_000);
    assertThat(signed(db, held)).isZero();

    for (String f : new String[] {global, walletFreeze}) {
      String liftId = liftProposal(f).getString("id");
      governanceVerdict("frank", liftId);
      assertThat(governanceVerdict("grace", liftId)).isEqualTo("APPROVED");
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> signed(db, held) > 0);
  }

  @Test
  void onlyAGuardianFreezes() {
    for (String user : new String[] {"erin", "alice", "ivan"}) {
      as(Tokens.of(user))
          .body(Map.of("reason", "I would like to stop everything"))
          .post(FREEZES)
          .then()
          .statusCode(403);
    }
    as(Tokens.of("gwen")).body(Map.of()).post(FREEZES).then().statusCode(400);
  }
}
