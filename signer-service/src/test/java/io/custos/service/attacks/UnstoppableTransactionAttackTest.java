package io.custos.service.attacks;

import static io.custos.service.attacks.AttackApi.REQUESTS;
import static io.custos.service.attacks.AttackApi.STRANGER;
import static io.custos.service.attacks.AttackApi.VENDOR;
import static io.custos.service.attacks.AttackApi.as;
import static io.custos.service.attacks.AttackApi.show;
import static io.custos.service.attacks.AttackApi.signed;
import static io.custos.service.attacks.AttackApi.submitted;
import static io.custos.service.attacks.AttackApi.wallet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import io.custos.service.support.Counts;
import io.custos.service.support.DeviceKeys;
import io.custos.service.support.RealStack;
import io.custos.service.support.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Attack: a transaction nobody can stop. A requester who sees they asked for the wrong thing could
 * not take it back, and a transfer approved under pressure ran out its timelock and was signed
 * whatever the other approvers said. Now the requester withdraws it until it is signed, and a
 * timelocked request takes vetoes as a pending one does. The wallet's tag {@code cooling-off}
 * selects a rule of the test policy with one treasury approval and a one-hour timelock.
 */
@QuarkusTest
@QuarkusTestResource(RealStack.class)
class UnstoppableTransactionAttackTest {

  @Inject DataSource db;

  @ConfigProperty(name = "custos.ethereum.node-url")
  URI node;

  private String timelockedPayout() {
    String[] w = wallet(node, "cooling-off");
    String id =
        submitted(Tokens.of("alice"), Map.of("wallet", w[0], "to", VENDOR, "value", "1000"));
    DeviceKeys.verdict("bob", id, "approve").then().statusCode(200);
    assertThat(show(id).getString("state")).isEqualTo("TIMELOCKED");
    return id;
  }

  private static Response withdraw(String user, String id) {
    return as(Tokens.of(user))
        .body(Map.of("reason", "wrong invoice"))
        .post(REQUESTS + "/" + id + "/withdraw");
  }

  @Test
  void anApproverVetoesATimelockedTransferAndItIsNeverSigned() throws Exception {
    String id = timelockedPayout();

    DeviceKeys.verdict("dave", id, "reject").then().statusCode(200);

    assertThat(show(id).getString("state")).isEqualTo("REJECTED");
    assertThat(Counts.auditEntries(db, "request.rejected", id)).isEqualTo(1);
    assertThat(signed(db, id)).isZero();
  }

  @Test
  void aTimelockedRequestTakesNoFurtherApprovals() {
    String id = timelockedPayout();

    as(Tokens.of("dave"))
        .get(REQUESTS + "/" + id + "/typed-data?verdict=approve")
        .then()
        .statusCode(409)
        .body("type", is("urn:custos:problem:conflict"));
  }

  @Test
  void theRequesterWithdrawsATimelockedRequestAndItIsNeverSigned() throws Exception {
    String id = timelockedPayout();

    withdraw("alice", id).then().statusCode(200).body("state", is("WITHDRAWN"));

    assertThat(Counts.auditEntries(db, "request.withdrawn", id)).isEqualTo(1);
    assertThat(signed(db, id)).isZero();
  }

  @Test
  void theRequesterWithdrawsAPendingRequestAndLaterVerdictsChangeNothing() throws Exception {
    String[] w = wallet(node, "treasury");
    String id =
        submitted(Tokens.of("alice"), Map.of("wallet", w[0], "to", VENDOR, "value", "1000"));

    withdraw("alice", id).then().statusCode(200);

    as(Tokens.of("bob"))
        .get(REQUESTS + "/" + id + "/typed-data?verdict=approve")
        .then()
        .statusCode(409);
    assertThat(show(id).getString("state")).isEqualTo("WITHDRAWN");
    assertThat(signed(db, id)).isZero();
  }

  @Test
  void nobodyButTheRequesterMayWithdrawARequest() throws Exception {
    String id = timelockedPayout();

    // dave is a requester and a treasury approver, but not the one who asked.
    withdraw("dave", id).then().statusCode(403).body("type", is("urn:custos:problem:forbidden"));
    assertThat(show(id).getString("state")).isEqualTo("TIMELOCKED");
    assertThat(Counts.auditEntries(db, "request.withdrawn", id)).isZero();
  }

  @Test
  void aSignedRequestCannotBeWithdrawn() throws Exception {
    String[] w = wallet(node);
    String id =
        submitted(Tokens.stakingBot(), Map.of("wallet", w[0], "to", STRANGER, "value", "1"));
    await().atMost(Duration.ofSeconds(60)).until(() -> signed(db, id) > 0);

    as(Tokens.stakingBot())
        .body(Map.of())
        .post(REQUESTS + "/" + id + "/withdraw")
        .then()
        .statusCode(409)
        .body("type", is("urn:custos:problem:conflict"));
    assertThat(Counts.auditEntries(db, "request.withdrawn", id)).isZero();
  }
}
