package io.custos.service.request;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.custos.service.support.Counts;
import io.custos.service.support.DeviceKeys;
import io.custos.service.support.RealStack;
import io.custos.service.support.Tokens;
import io.custos.testsupport.Anvil;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(RealStack.class)
class RequestLifecycleTest {

  private static final String API = "/api/v1/requests";
  private static final String VENDOR = "0x1111111111111111111111111111111111111111";
  private static final String STRANGER = "0x3333333333333333333333333333333333333333";
  private static final String FIVE_ETH = "5000000000000000000";

  @Inject DataSource db;
  @Inject RequestExpiry expiry;

  @ConfigProperty(name = "custos.ethereum.node-url")
  URI node;

  private static RequestSpecification as(String token) {
    return given().auth().oauth2(token).contentType("application/json");
  }

  private static String key() {
    return UUID.randomUUID().toString();
  }

  /** A new wallet with these tags, funded with 1000 ETH; returns {label, address}. */
  private String[] wallet(String... tags) {
    String label = "w-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
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

  private static Map<String, Object> transfer(String wallet, String to, String wei) {
    return Map.of("wallet", wallet, "to", to, "value", wei);
  }

  private static Response submit(String token, String key, Object body) {
    return as(token).header("Idempotency-Key", key).body(body).post(API);
  }

  /**
   * A verdict signed by the user's registered device key (registered on first use); a verdict
   * expected to be refused before any signature is looked at (wrong role, wrong state) is sent
   * unsigned.
   */
  private static void verdict(String user, String id, String verdict, int status) {
    if (status == 200) {
      DeviceKeys.verdict(user, id, verdict).then().statusCode(200);
      return;
    }
    as(Tokens.of(user))
        .body(Map.of("verdict", verdict))
        .post(API + "/" + id + "/approvals")
        .then()
        .statusCode(status);
  }

  private static String state(String id) {
    return as(Tokens.of("ivan")).get(API + "/" + id).then().statusCode(200).extract().path("state");
  }

  @Test
  void aVendorPayoutNeedsTwoTreasuryApprovalsAndIsThenMinedFromTheWallet() throws Exception {
    String[] w = wallet("treasury");
    String id =
        submit(Tokens.of("alice"), key(), transfer(w[0], VENDOR, FIVE_ETH))
            .then()
            .statusCode(201)
            .header("Location", startsWith("http"))
            .body("state", equalTo("PENDING_APPROVAL"))
            .body("decision.rule", equalTo("vendor-payout"))
            .body("decision.missing", equalTo(List.of("2 more of treasury")))
            .body("requester", equalTo("alice"))
            .extract()
            .path("id");

    verdict("bob", id, "approve", 200);
    assertThat(state(id)).isEqualTo("PENDING_APPROVAL");
    verdict("alice", id, "approve", 403);
    verdict("dave", id, "approve", 200);

    String tx = awaitState(id, "CONFIRMED");
    var mined = Anvil.rpc(node, "eth_getTransactionByHash", tx);
    assertThat(mined.get("from").asText()).isEqualToIgnoringCase(w[1]);
    assertThat(mined.get("to").asText()).isEqualToIgnoringCase(VENDOR);
    assertThat(new BigInteger(mined.get("value").asText().substring(2), 16))
        .isEqualTo(new BigInteger(FIVE_ETH));
    as(Tokens.of("alice"))
        .get(API + "/" + id)
        .then()
        .body("approvals.approver", equalTo(List.of("bob", "dave")))
        .body("transaction.hash", equalTo(tx))
        .body("decision.outcome", equalTo("ALLOW"));
  }

  /** Polls (mining blocks) until the request reaches {@code state}; returns its tx hash. */
  private String awaitState(String id, String wanted) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(300))
        .untilAsserted(
            () -> {
              Anvil.rpc(node, "anvil_mine", "0x3");
              assertThat(state(id)).as("state of request " + id).isEqualTo(wanted);
            });
    return as(Tokens.of("ivan")).get(API + "/" + id).then().extract().path("transaction.hash");
  }

  @Test
  void aRequesterWhoIsAlsoAnApproverCannotApproveTheirOwnRequest() {
    String[] w = wallet("treasury");
    String id =
        submit(Tokens.of("dave"), key(), transfer(w[0], VENDOR, "1000"))
            .then()
            .statusCode(201)
            .extract()
            .path("id");

    as(Tokens.of("dave"))
        .body(Map.of("verdict", "approve"))
        .post(API + "/" + id + "/approvals")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:custos:problem:self-approval"));
    assertThat(state(id)).isEqualTo("PENDING_APPROVAL");
  }

  @Test
  void aRejectionByATreasuryOfficerVetoesTheRequest() {
    String[] w = wallet("treasury");
    String id =
        submit(Tokens.of("alice"), key(), transfer(w[0], VENDOR, "1000"))
            .then()
            .statusCode(201)
            .extract()
            .path("id");

    verdict("bob", id, "reject", 200);

    assertThat(state(id)).isEqualTo("REJECTED");
    verdict("dave", id, "approve", 409);
  }

  @Test
  void aPayoutToAnUnknownAddressIsDeniedWithAnExplanationAndNeverSent() throws Exception {
    String[] w = wallet("treasury");
    String id =
        submit(Tokens.of("alice"), key(), transfer(w[0], STRANGER, "1000"))
            .then()
            .statusCode(201)
            .body("state", equalTo("DENIED"))
            .body("decision.outcome", equalTo("DENY"))
            .body("decision.rule", equalTo("everything-else"))
            .body("decision.reasons", hasItem("No rule allows this request."))
            .body("decision.explanation", hasItem(startsWith("vendor-payout: NOT_MATCHED")))
            .extract()
            .path("id");

    Thread.sleep(2_500); // a few release-worker ticks
    assertThat(
            Counts.of(
                db,
                "SELECT count(*) FROM eth_transaction WHERE request_id = ?",
                UUID.fromString(id)))
        .isZero();
    assertThat(state(id)).isEqualTo("DENIED");
  }

  @Test
  void fiftyConcurrentSubmissionsWithOneKeyMakeOneRequest() throws Exception {
    String[] w = wallet("treasury");
    String token = Tokens.of("alice");
    String key = key();
    Map<String, Object> body = transfer(w[0], VENDOR, "777");
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Future<Response>> calls = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      calls.add(pool.submit((Callable<Response>) () -> submit(token, key, body)));
    }
    List<Integer> statuses = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (Future<Response> f : calls) {
      Response r = f.get();
      statuses.add(r.statusCode());
      ids.add(r.path("id"));
    }
    pool.shutdown();

    assertThat(statuses).containsOnly(200, 201).containsOnlyOnce(201);
    assertThat(ids).containsOnly(ids.get(0));
    assertThat(Counts.of(db, "SELECT count(*) FROM tx_request WHERE idempotency_key = ?", key))
        .isEqualTo(1);
  }

  @Test
  void reusingAKeyForAnotherBodyIsAConflict() {
    String[] w = wallet("treasury");
    String token = Tokens.of("alice");
    String key = key();
    submit(token, key, transfer(w[0], VENDOR, "1")).then().statusCode(201);

    submit(token, key, transfer(w[0], VENDOR, "2"))
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:custos:problem:conflict"));
    submit(token, key, transfer(w[0], VENDOR.toUpperCase().replace("0X", "0x"), "1"))
        .then()
        .statusCode(200);
  }

  @Test
  void malformedRequestsAreRefusedWithProblemsAndNothingIsStored() throws Exception {
    String[] w = wallet("treasury");
    String token = Tokens.of("alice");
    String key = key();
    String badChecksum = "0x52908400098527886E0F7030069857D2E4169EE7".replace("E0F", "e0F");
    List<Map<String, Object>> bad =
        List.of(
            transfer(w[0], badChecksum, "1"),
            transfer(w[0], VENDOR, "-1"),
            transfer(w[0], VENDOR, "1.5"),
            transfer(w[0], VENDOR, BigInteger.TWO.pow(256).toString()),
            Map.of("wallet", w[0], "to", VENDOR, "value", "0", "data", "0xabc"),
            Map.of("wallet", w[0], "to", VENDOR, "value", "0", "data", "0x" + "00".repeat(131_073)),
            Map.of("wallet", w[0], "to", VENDOR, "value", "1", "memo", "m".repeat(257)),
            Map.of("wallet", w[0], "to", VENDOR, "token", "TST", "amount", "1.0000000000000000001"),
            Map.of("to", VENDOR, "value", "1"));
    for (Map<String, Object> body : bad) {
      submit(token, key, body)
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("type", equalTo("urn:custos:problem:validation"));
    }
    as(token)
        .body(transfer(w[0], VENDOR, "1"))
        .post(API)
        .then()
        .statusCode(400)
        .body("detail", startsWith("the Idempotency-Key header is required"));
    submit(token, key, transfer("no-such-wallet", VENDOR, "1"))
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:custos:problem:unprocessable"));
    submit(token, key, Map.of("wallet", w[0], "to", VENDOR, "token", "NOPE", "amount", "1"))
        .then()
        .statusCode(422)
        .body("type", equalTo("urn:custos:problem:unprocessable"));

    assertThat(Counts.of(db, "SELECT count(*) FROM tx_request WHERE idempotency_key = ?", key))
        .isZero();
  }

  @Test
  void anErc20PayoutOfARealTokenIsDecodedLimitedByPolicyAndMined() throws Exception {
    String token = Erc20Fixture.deployAndMint(node, "0x8bBC3514477d75EC797BBe4e19d7961660Bb849c");
    String[] w = wallet("treasury");
    Erc20Fixture.mint(node, token, w[1], new BigInteger("1000000000000000000000")); // 1,000 TST

    String over =
        submit(
                Tokens.of("alice"),
                key(),
                Map.of("wallet", w[0], "to", VENDOR, "token", "TST", "amount", "1000.5"))
            .then()
            .statusCode(201)
            .extract()
            .path("state");
    assertThat(over).as("above the rule's 1,000 TST per transfer").isEqualTo("DENIED");

    String id =
        submit(
                Tokens.of("alice"),
                key(),
                Map.of("wallet", w[0], "to", VENDOR, "token", "TST", "amount", "250"))
            .then()
            .statusCode(201)
            .body("decision.rule", equalTo("token-payout"))
            .extract()
            .path("id");
    verdict("bob", id, "approve", 200);
    awaitState(id, "CONFIRMED");

    assertThat(Erc20Fixture.balanceOf(node, token, VENDOR))
        .isEqualTo(new BigInteger("250000000000000000000"));
    assertThat(Erc20Fixture.balanceOf(node, token, w[1]))
        .isEqualTo(new BigInteger("750000000000000000000"));
  }

  @Test
  void anErc20TransferIsEncodedFromTheTokenOfTheAddressBook() {
    String[] w = wallet("treasury");
    submit(
            Tokens.of("alice"),
            key(),
            Map.of("wallet", w[0], "to", VENDOR, "token", "TST", "amount", "250.00"))
        .then()
        .statusCode(201)
        .body("kind", equalTo("erc20_transfer"))
        .body("amount", equalTo("250.000000000000000000"))
        .body(
            "data",
            equalTo(
                "0xa9059cbb"
                    + "000000000000000000000000"
                    + VENDOR.substring(2)
                    + String.format(
                        "%064x", BigInteger.valueOf(250).multiply(BigInteger.TEN.pow(18)))))
        .body("state", equalTo("PENDING_APPROVAL"))
        .body("decision.rule", equalTo("token-payout"));
  }

  @Test
  void onlyAuthenticatedRequestersMaySubmit() {
    given()
        .contentType("application/json")
        .header("Idempotency-Key", key())
        .body(transfer("x", VENDOR, "1"))
        .post(API)
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
    submit(Tokens.of("ivan"), key(), transfer("x", VENDOR, "1"))
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:custos:problem:forbidden"));
  }

  @Test
  void aRequesterReadsOnlyTheirOwnRequestsWhileAnAuditorReadsAll() {
    String[] w = wallet("treasury");
    String id =
        submit(Tokens.of("dave"), key(), transfer(w[0], VENDOR, "5"))
            .then()
            .statusCode(201)
            .extract()
            .path("id");

    as(Tokens.of("alice")).get(API + "/" + id).then().statusCode(404);
    as(Tokens.of("ivan")).get(API + "/" + id).then().statusCode(200);
    List<String> mine =
        as(Tokens.of("alice"))
            .get(API + "?limit=100")
            .then()
            .statusCode(200)
            .extract()
            .path("items.requester");
    assertThat(mine).doesNotContain("dave");
  }

  @Test
  void listsAreNewestFirstAndPagedByKeyset() {
    String[] w = wallet("treasury");
    String token = Tokens.of("alice");
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      made.add(submit(token, key(), transfer(w[0], STRANGER, "1" + i)).then().extract().path("id"));
    }
    Response first = as(token).get(API + "?state=DENIED&limit=2");
    List<String> page1 = first.path("items.id");
    String next = first.path("next");
    List<String> page2 =
        as(token)
            .get(API + "?state=DENIED&limit=2&after=" + next)
            .then()
            .extract()
            .path("items.id");

    assertThat(page1).containsExactly(made.get(2), made.get(1));
    assertThat(page2).startsWith(made.get(0));
  }

  @Test
  void twoRequestsRacingForTheLastRoomUnderALimitCannotBothPass() throws Exception {
    String[] w = wallet("velocity");
    String token = Tokens.of("alice");
    String sixTenths = "600000000000000000";
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<Response>> calls = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      calls.add(
          pool.submit(
              (Callable<Response>) () -> submit(token, key(), transfer(w[0], VENDOR, sixTenths))));
    }
    Map<String, Integer> outcomes = new HashMap<>();
    for (Future<Response> f : calls) {
      Response r = f.get();
      assertThat(r.statusCode()).isEqualTo(201);
      outcomes.merge(r.path("decision.outcome"), 1, Integer::sum);
    }
    pool.shutdown();

    assertThat(outcomes).isEqualTo(Map.of("ALLOW", 1, "DENY", 1));
  }

  @Test
  void theStakingBotServiceAccountSendsAloneWithinItsRule() throws Exception {
    String[] w = wallet();
    String id =
        submit(Tokens.stakingBot(), key(), transfer(w[0], STRANGER, "1000"))
            .then()
            .statusCode(201)
            .body("decision.outcome", equalTo("ALLOW"))
            .body("decision.rule", equalTo("staking-bot"))
            .extract()
            .path("id");

    String tx = awaitState(id, "CONFIRMED");
    var mined = Anvil.rpc(node, "eth_getTransactionByHash", tx);
    assertThat(mined.get("to").asText()).isEqualToIgnoringCase(STRANGER);
  }

  @Test
  void aSentTransactionShowsItsBlockOnlyOnceMined() throws Exception {
    String[] w = wallet();
    Anvil.rpc(node, "evm_setAutomine", false);
    String id;
    try {
      id =
          submit(Tokens.stakingBot(), key(), transfer(w[0], STRANGER, "1001"))
              .then()
              .statusCode(201)
              .extract()
              .path("id");
      await()
          .alias("request " + id + " broadcast")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> "BROADCAST".equals(state(id)));
      as(Tokens.of("ivan"))
          .get(API + "/" + id)
          .then()
          .body("transaction.state", equalTo("BROADCAST"))
          .body("transaction.blockNumber", org.hamcrest.Matchers.nullValue());
    } finally {
      Anvil.rpc(node, "evm_setAutomine", true);
    }
    String hash = awaitState(id, "CONFIRMED");
    long mined =
        Long.decode(Anvil.rpc(node, "eth_getTransactionByHash", hash).get("blockNumber").asText());
    as(Tokens.of("ivan"))
        .get(API + "/" + id)
        .then()
        .body("transaction.blockNumber", equalTo((int) mined));
  }

  @Test
  void aTimelockedRequestIsHeldUntilItsTimelockEndsThenSent() throws Exception {
    String[] w = wallet("timelocked");
    String id =
        submit(Tokens.of("alice"), key(), transfer(w[0], VENDOR, "1000"))
            .then()
            .statusCode(201)
            .extract()
            .path("id");

    verdict("bob", id, "approve", 200);
    as(Tokens.of("ivan"))
        .get(API + "/" + id)
        .then()
        .body("state", equalTo("TIMELOCKED"))
        .body("transaction", org.hamcrest.Matchers.nullValue());
    awaitState(id, "CONFIRMED");
  }

  @Test
  void aRequestWaitingLongerThanTheApprovalTimeoutExpiresAndTakesNoMoreVerdicts() {
    String[] w = wallet("treasury");
    String id =
        submit(Tokens.of("alice"), key(), transfer(w[0], VENDOR, "1000"))
            .then()
            .statusCode(201)
            .extract()
            .path("id");

    // The worker runs this with the configured timeout (72h); zero expires everything pending now.
    assertThat(expiry.expire(Duration.ZERO)).contains(UUID.fromString(id));

    assertThat(state(id)).isEqualTo("EXPIRED");
    verdict("bob", id, "approve", 409);
  }

  @Test
  void aReplacementClosedBeforeSigningTakesNoMoreVerdictsAndIsAConflictNotAnError()
      throws Exception {
    String[] w = wallet("treasury");
    String id =
        submit(Tokens.of("alice"), key(), transfer(w[0], VENDOR, "1000"))
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    // What the sending path does to an approved speed-up whose nonce was mined first (a race the
    // API cannot force): the row's state is REPLACED.
    try (var c = db.getConnection();
        var s = c.prepareStatement("UPDATE tx_request SET state = 'REPLACED' WHERE id = ?")) {
      s.setObject(1, UUID.fromString(id));
      assertThat(s.executeUpdate()).isEqualTo(1);
    }

    as(Tokens.of("bob"))
        .get(API + "/" + id + "/typed-data?verdict=approve")
        .then()
        .statusCode(409)
        .body("type", equalTo("urn:custos:problem:conflict"))
        .body("state", equalTo("REPLACED"));
    verdict("bob", id, "approve", 409);
    assertThat(state(id)).isEqualTo("REPLACED");
  }
}
