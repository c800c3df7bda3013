package io.custos.service.request;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import io.custos.service.support.Counts;
import io.custos.service.support.DeviceKeys;
import io.custos.service.support.RealStack;
import io.custos.service.support.Tokens;
import io.custos.testsupport.Anvil;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Speed-up and cancel on anvil with automine off, so that the original stays pending: the
 * replacement is a request of its own, decided by the policy, signed with the original's nonce,
 * mined instead of it; the original becomes REPLACED.
 */
@QuarkusTest
@QuarkusTestResource(RealStack.class)
class ReplacementTest {

  private static final String API = "/api/v1/requests";
  private static final String VENDOR = "0x1111111111111111111111111111111111111111";
  private static final String STRANGER = "0x3333333333333333333333333333333333333333";

  @Inject DataSource db;

  @ConfigProperty(name = "custos.ethereum.node-url")
  URI node;

  @TestHTTPResource(value = "/", management = true)
  URI management;

  @AfterEach
  void automineBackOn() {
    Anvil.rpc(node, "evm_setAutomine", true);
  }

  private static RequestSpecification as(String token) {
    return given().auth().oauth2(token).contentType("application/json");
  }

  /** A new wallet with these tags, funded with 10 ETH; returns {label, address}. */
  private String[] wallet(String... tags) {
    String label = "r-" + UUID.randomUUID().toString().substring(0, 8);
    String address =
        as(Tokens.of("erin"))
            .body(Map.of("label", label, "tags", List.of(tags)))
            .post("/api/v1/wallets")
            .then()
            .statusCode(201)
            .extract()
            .path("address");
    Anvil.fund(node, address, BigInteger.TEN.pow(19));
    return new String[] {label, address};
  }

  /** The staking bot's transfer, sent and left pending (automine off); returns its request id. */
  private String stuckTransfer(String wallet) throws Exception {
    Anvil.rpc(node, "evm_setAutomine", false);
    String id =
        as(Tokens.stakingBot())
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .body(Map.of("wallet", wallet, "to", STRANGER, "value", "1000"))
            .post(API)
            .then()
            .statusCode(201)
            .body("state", equalTo("APPROVED"))
            .extract()
            .path("id");
    awaitState(id, "BROADCAST", false);
    awaitStuck(id);
    return id;
  }

  @Test
  void aSpeedUpOfAStuckTransferIsMinedWithTheSameNonceAndTheOriginalIsReplaced() throws Exception {
    String[] w = wallet();
    String original = stuckTransfer(w[0]);
    JsonPath before = show(original);

    JsonPath speedUp =
        as(Tokens.of("oscar"))
            .post(API + "/" + original + "/speed-up")
            .then()
            .statusCode(201)
            .header("Location", startsWith("http"))
            .body("replaces", equalTo(original))
            .body("kind", equalTo("native_transfer"))
            .body("to", equalTo(before.getString("to")))
            .body("value", equalTo("1000"))
            .body("state", equalTo("APPROVED"))
            .body("decision.rule", equalTo("staking-bot"))
            .extract()
            .jsonPath();
    String replacement = speedUp.getString("id");
    awaitState(replacement, "BROADCAST", false);
    assertThat(show(original).getString("replacedBy")).isEqualTo(replacement);

    Anvil.rpc(node, "evm_setAutomine", true);
    String minedHash = awaitState(replacement, "CONFIRMED", true);
    awaitState(original, "REPLACED", true);

    long nonce = before.getLong("transaction.nonce");
    JsonNode mined = Anvil.rpc(node, "eth_getTransactionByHash", minedHash);
    assertThat(hex(mined.get("nonce"))).isEqualTo(nonce);
    assertThat(mined.get("from").asText()).isEqualToIgnoringCase(w[1]);
    assertThat(mined.get("to").asText()).isEqualToIgnoringCase(STRANGER);
    assertThat(hex(mined.get("maxPriorityFeePerGas")))
        .isEqualTo(Long.parseLong(speedUp.getString("maxPriorityFeePerGas")));
    JsonNode originalReceipt =
        Anvil.rpc(node, "eth_getTransactionReceipt", before.getString("transaction.hash"));
    assertThat(originalReceipt == null || originalReceipt.isNull())
        .as("the original is never mined")
        .isTrue();
    assertThat(hex(Anvil.rpc(node, "eth_getTransactionCount", w[1], "latest")))
        .as("one transaction per nonce")
        .isEqualTo(nonce + 1);
    assertThat(show(original).getString("transaction.state")).isEqualTo("REPLACED");
    assertThat(Counts.auditEntries(db, "transaction.replaced", original)).isEqualTo(1);
    assertThat(Counts.auditEntries(db, "transaction.signed", replacement)).isEqualTo(1);
    assertThat(Counts.auditEntries(db, "request.submitted", replacement)).isEqualTo(1);
    String scraped = given().get(management.resolve("/q/metrics")).asString();
    assertThat(scraped.lines().filter(l -> l.startsWith("custos_transactions{state=\"REPLACED\"}")))
        .singleElement()
        .satisfies(
            l -> assertThat(Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).isPositive());
  }

  @Test
  void aCancelIsAZeroValueSelfTransferWithTheStuckNonce() throws Exception {
    String[] w = wallet();
    String original = stuckTransfer(w[0]);
    long nonce = show(original).getLong("transaction.nonce");

    String cancel =
        as(Tokens.of("oscar"))
            .post(API + "/" + original + "/cancel")
            .then()
            .statusCode(201)
            .body("replaces", equalTo(original))
            .body("to", equalTo(org.web3j.crypto.Keys.toChecksumAddress(w[1])))
            .body("value", equalTo("0"))
            .body("requester", equalTo("oscar"))
            .body("decision.rule", equalTo("operator-cancel"))
            .body("state", equalTo("APPROVED"))
            .extract()
            .path("id");
    awaitState(cancel, "BROADCAST", false);

    Anvil.rpc(node, "evm_setAutomine", true);
    String minedHash = awaitState(cancel, "CONFIRMED", true);
    awaitState(original, "REPLACED", true);

    JsonNode mined = Anvil.rpc(node, "eth_getTransactionByHash", minedHash);
    assertThat(hex(mined.get("nonce"))).isEqualTo(nonce);
    assertThat(mined.get("to").asText()).isEqualToIgnoringCase(w[1]);
    assertThat(hex(mined.get("value"))).isZero();
    assertThat(hex(Anvil.rpc(node, "eth_getTransactionCount", w[1], "latest")))
        .isEqualTo(nonce + 1);
    assertThat(Counts.auditEntries(db, "transaction.replaced", original)).isEqualTo(1);
  }

  @Test
  void aSpeedUpCarriesTheApprovalsOnlyWithinTheApprovedFeeCaps() throws Exception {
    String[] w = wallet("treasury");
    Anvil.rpc(node, "evm_setAutomine", false);
    String original =
        as(Tokens.of("alice"))
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .body(
                Map.of(
                    "wallet", w[0],
                    "to", VENDOR,
                    "value", "1000",
                    "maxFeePerGas", "500000000000",
                    "maxPriorityFeePerGas", "5000000000"))
            .post(API)
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    approve("bob", original);
    approve("dave", original);
    awaitState(original, "BROADCAST", false);

    as(Tokens.of("oscar"))
        .post(API + "/" + original + "/speed-up")
        .then()
        .statusCode(201)
        .body("state", equalTo("APPROVED"))
        .body("decision.rule", equalTo("vendor-payout"))
        .body("approvals.approver", equalTo(List.of("bob", "dave")));
    as(Tokens.of("oscar"))
        .body(Map.of("maxFeePerGas", "600000000000"))
        .post(API + "/" + original + "/speed-up")
        .then()
        .statusCode(201)
        .body("state", equalTo("PENDING_APPROVAL"))
        .body("decision.missing", equalTo(List.of("2 more of treasury")))
        .body("approvals", equalTo(List.of()));
  }

  @Test
  void feesBelowTheReplacementMinimumAreRefusedAndNothingIsStored() throws Exception {
    String[] w = wallet();
    String original = stuckTransfer(w[0]);

    as(Tokens.of("oscar"))
        .body(Map.of("maxFeePerGas", "1", "maxPriorityFeePerGas", "1"))
        .post(API + "/" + original + "/speed-up")
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:custos:problem:unprocessable"))
        .body("detail", startsWith("a replacement must raise both fees by at least 10 %"));
    as(Tokens.of("oscar"))
        .body(Map.of("maxFeePerGas", "ten"))
        .post(API + "/" + original + "/cancel")
        .then()
        .statusCode(400)
        .body("type", equalTo("urn:custos:problem:validation"));
    as(Tokens.of("alice")).post(API + "/" + original + "/cancel").then().statusCode(403);

    assertThat(
            Counts.of(
                db,
                "SELECT count(*) FROM tx_request WHERE replaces = ?",
                UUID.fromString(original)))
        .isZero();
  }

  @Test
  void aMinedRequestCannotBeReplaced() throws Exception {
    String[] w = wallet();
    String id =
        as(Tokens.stakingBot())
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .body(Map.of("wallet", w[0], "to", STRANGER, "value", "1"))
            .post(API)
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    awaitState(id, "CONFIRMED", true);

    as(Tokens.of("oscar"))
        .post(API + "/" + id + "/speed-up")
        .then()
        .statusCode(409)
        .body("type", equalTo("urn:custos:problem:conflict"));
  }

  private static void approve(String user, String id) {
    DeviceKeys.verdict(user, id, "approve").then().statusCode(200);
  }

  private static JsonPath show(String id) {
    return as(Tokens.of("ivan")).get(API + "/" + id).then().statusCode(200).extract().jsonPath();
  }

  /** Polls (mining blocks if asked) until the request reaches {@code state}; returns its hash. */
  private String awaitState(String id, String wanted, boolean mine) {
    AtomicReference<JsonPath> view = new AtomicReference<>();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(300))
        .untilAsserted(
            () -> {
              if (mine) {
                Anvil.rpc(node, "anvil_mine", "0x3");
              }
              view.set(show(id));
              assertThat(view.get().getString("state"))
                  .as("state of request " + id)
                  .isEqualTo(wanted);
            });
    return view.get().getString("transaction.hash");
  }

  /** Waits until the Follower flags the request's transaction stuck (stuck-after is 2 s here). */
  private void awaitStuck(String id) throws Exception {
    String sql =
        "SELECT count(*) FROM eth_transaction WHERE request_id = ? AND stuck_since IS NOT NULL";
    await()
        .alias("request " + id + " flagged stuck")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> Counts.of(db, sql, UUID.fromString(id)) > 0);
    assertThat(Counts.of(db, sql, UUID.fromString(id))).as("flagged stuck").isEqualTo(1);
  }

  private static long hex(JsonNode quantity) {
    return Long.parseLong(quantity.asText().substring(2), 16);
  }
}
