package io.custos.service.staking;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import io.custos.devstack.DepositData;
import io.custos.service.support.Counts;
import io.custos.service.support.RealStack;
import io.custos.service.support.Tokens;
import io.custos.testsupport.Anvil;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Type;

/**
 * The staking bot deposits 32 ETH to the real beacon-chain deposit contract on anvil: allowed by
 * the policy's staking-deposit rule without approvals, signed in the HSM and mined, the contract
 * accepting the deposit_data_root; with other withdrawal credentials nothing is signed.
 */
@QuarkusTest
@QuarkusTestResource(RealStack.class)
class StakingDepositTest {

  /** The organization's withdrawal address, as the test policy names it in its credentials. */
  private static final String WITHDRAWAL = "0x5555555555555555555555555555555555555555";

  private static final long VALIDATOR_GWEI = 32 * DepositData.GWEI_PER_ETH;
  private static final String THIRTY_TWO_ETH = "32000000000000000000";
  private static final Event DEPOSIT_EVENT =
      new Event(
          "DepositEvent",
          List.of(
              new TypeReference<DynamicBytes>() {},
              new TypeReference<DynamicBytes>() {},
              new TypeReference<DynamicBytes>() {},
              new TypeReference<DynamicBytes>() {},
              new TypeReference<DynamicBytes>() {}));

  @Inject DataSource db;

  @ConfigProperty(name = "custos.ethereum.node-url")
  URI node;

  @BeforeEach
  void deployDepositContract() throws Exception {
    DepositContractFixture.deploy(node);
  }

  private static RequestSpecification as(String token) {
    return given().auth().oauth2(token).contentType("application/json");
  }

  /** A staking wallet funded with 100 ETH; returns {label, address}. */
  private String[] stakingWallet() {
    String label = "staking-" + UUID.randomUUID().toString().substring(0, 8);
    String address =
        as(Tokens.of("erin"))
            .body(Map.of("label", label, "tags", List.of("staking")))
            .post("/api/v1/wallets")
            .then()
            .statusCode(201)
            .extract()
            .path("address");
    Anvil.fund(node, address, BigInteger.TEN.pow(20));
    return new String[] {label, address};
  }

  private static Map<String, Object> deposit(String wallet, DepositData d) {
    return Map.of(
        "wallet",
        wallet,
        "to",
        DepositContractFixture.ADDRESS,
        "value",
        THIRTY_TWO_ETH,
        "data",
        "0x" + HexFormat.of().formatHex(d.calldata()),
        "memo",
        "validator deposit");
  }

  @Test
  @SuppressWarnings("rawtypes") // web3j's decoder returns raw Types
  void aDepositWithTheOrganizationsCredentialsIsApprovedAutomaticallyAndMined() throws Exception {
    String[] w = stakingWallet();
    DepositData d = DepositData.random(WITHDRAWAL, VALIDATOR_GWEI);

    String id =
        as(Tokens.stakingBot())
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .body(deposit(w[0], d))
            .post("/api/v1/requests")
            .then()
            .statusCode(201)
            .body("kind", equalTo("contract_call"))
            .body("state", equalTo("APPROVED"))
            .body("decision.outcome", equalTo("ALLOW"))
            .body("decision.rule", equalTo("staking-deposit"))
            .body("approvals", equalTo(List.of()))
            .extract()
            .path("id");

    String hash = awaitState(id, "CONFIRMED");
    JsonNode receipt = Anvil.rpc(node, "eth_getTransactionReceipt", hash);
    assertThat(receipt.get("status").asText()).isEqualTo("0x1");
    assertThat(receipt.get("from").asText()).isEqualToIgnoringCase(w[1]);
    assertThat(receipt.get("to").asText()).isEqualToIgnoringCase(DepositContractFixture.ADDRESS);
    List<Type> event = depositEvent(receipt);
    assertThat((byte[]) event.get(0).getValue()).isEqualTo(d.pubkey());
    assertThat((byte[]) event.get(1).getValue()).isEqualTo(d.withdrawalCredentials());
    assertThat((byte[]) event.get(2).getValue())
        .as("amount in gwei, little-endian")
        .isEqualTo(new byte[] {0, 0x40, 0x59, 0x73, 0x07, 0, 0, 0});
    assertThat(Counts.auditEntries(db, "transaction.signed", id)).isEqualTo(1);
  }

  @Test
  void aDepositWithOtherCredentialsIsDeniedWithTheExplanationAndNothingIsSigned() throws Exception {
    String[] w = stakingWallet();
    DepositData d =
        DepositData.random("0x6666666666666666666666666666666666666666", VALIDATOR_GWEI);

    String id =
        as(Tokens.stakingBot())
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .body(deposit(w[0], d))
            .post("/api/v1/requests")
            .then()
            .statusCode(201)
            .body("state", equalTo("DENIED"))
            .body("decision.rule", equalTo("other-deposits"))
            .body("decision.reasons", hasItem(startsWith("Deposits go only to the organization's")))
            .body("decision.explanation", hasItem(startsWith("staking-deposit: NOT_MATCHED")))
            .extract()
            .path("id");

    Thread.sleep(2_500); // a few release-worker ticks
    assertThat(Counts.of(db, "SELECT count(*) FROM eth_transaction WHERE request_id = ?", uuid(id)))
        .isZero();
    assertThat(Counts.auditEntries(db, "transaction.signed", id)).isZero();
    assertThat(Counts.auditEntries(db, "policy.decided", id)).isEqualTo(1);
  }

  @Test
  void aDepositOfAnythingButWholeValidatorsIsDenied() {
    String[] w = stakingWallet();
    DepositData d = DepositData.random(WITHDRAWAL, 16 * DepositData.GWEI_PER_ETH);
    Map<String, Object> body = new java.util.HashMap<>(deposit(w[0], d));
    body.put("value", "16000000000000000000");

    as(Tokens.stakingBot())
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(body)
        .post("/api/v1/requests")
        .then()
        .statusCode(201)
        .body("state", equalTo("DENIED"))
        .body("decision.rule", equalTo("other-deposits"));
  }

  @SuppressWarnings("rawtypes")
  private static List<Type> depositEvent(JsonNode receipt) {
    String topic = EventEncoder.encode(DEPOSIT_EVENT);
    for (JsonNode log : receipt.get("logs")) {
      if (log.get("address").asText().equalsIgnoreCase(DepositContractFixture.ADDRESS)
          && log.get("topics").get(0).asText().equals(topic)) {
        return FunctionReturnDecoder.decode(
            log.get("data").asText(), DEPOSIT_EVENT.getNonIndexedParameters());
      }
    }
    throw new AssertionError("no DepositEvent in " + receipt);
  }

  /** Polls (mining blocks) until the request reaches {@code state}; returns its tx hash. */
  private String awaitState(String id, String wanted) {
    AtomicReference<String> hash = new AtomicReference<>();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(300))
        .untilAsserted(
            () -> {
              Anvil.rpc(node, "anvil_mine", "0x3");
              var r = as(Tokens.of("ivan")).get("/api/v1/requests/" + id).then().extract();
              hash.set(r.path("transaction.hash"));
              assertThat(r.<String>path("state")).as("state of request " + id).isEqualTo(wanted);
            });
    return hash.get();
  }

  private static UUID uuid(String id) {
    return UUID.fromString(id);
  }
}
