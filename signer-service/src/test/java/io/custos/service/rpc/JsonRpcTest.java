package io.custos.service.rpc;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custos.service.support.Counts;
import io.custos.service.support.DeviceKeys;
import io.custos.service.support.RealStack;
import io.custos.service.support.Tokens;
import io.custos.testsupport.Anvil;
import io.custos.testsupport.Cast;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.ClientTransactionManager;

/**
 * {@code POST /rpc} with real clients: Foundry's {@code cast} sends a transfer the policy allows at
 * once, a transfer that needs approvals answers "pending" with its request and then the hash, and
 * what Custos refuses (malformed calls, unsupported methods, a wrong chain or nonce, a denied
 * destination) gets the JSON-RPC error the docs name, with nothing signed.
 */
@QuarkusTest
@QuarkusTestResource(RealStack.class)
class JsonRpcTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String VENDOR = "0x1111111111111111111111111111111111111111";
  private static final String STRANGER = "0x3333333333333333333333333333333333333333";
  private static final String DENIED = "0x000000000000000000000000000000000000dEaD";

  @TestHTTPResource("/rpc")
  URI rpc;

  @ConfigProperty(name = "custos.ethereum.node-url")
  URI node;

  @Inject DataSource db;

  /** A new wallet with these tags, funded; returns its address. */
  private String wallet(String... tags) {
    String label = "rpc-" + UUID.randomUUID().toString().substring(0, 8);
    String address =
        given()
            .auth()
            .oauth2(Tokens.of("erin"))
            .contentType("application/json")
            .body(Map.of("label", label, "tags", List.of(tags)))
            .post("/api/v1/wallets")
            .then()
            .statusCode(201)
            .extract()
            .path("address");
    Anvil.fund(node, address, BigInteger.TEN.pow(19));
    return address;
  }

  private static JsonNode call(String token, Object body) throws Exception {
    String answer =
        given()
            .auth()
            .oauth2(token)
            .contentType("application/json")
            .body(JSON.writeValueAsString(body))
            .post("/rpc")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    return JSON.readTree(answer);
  }

  private static Map<String, Object> rpcCall(int id, String method, Object... params) {
    return Map.of("jsonrpc", "2.0", "id", id, "method", method, "params", List.of(params));
  }

  private static JsonNode send(String token, Map<String, Object> tx) throws Exception {
    return call(token, rpcCall(1, "eth_sendTransaction", tx));
  }

  private long signedFrom(String address) throws Exception {
    return Counts.of(
        db,
        "SELECT count(*) FROM eth_transaction t JOIN wallet w ON w.id = t.wallet_id"
            + " WHERE lower(w.address) = lower(?)",
        address);
  }

  @Test
  void castSendsATransferThePolicyAllowsAndItIsMinedFromTheHsmWallet() {
    String from = wallet();

    Cast.Run sent =
        Cast.run(
            "send",
            "--unlocked",
            "--from",
            from,
            "--rpc-url",
            rpc.toString(),
            "--rpc-headers",
            "Authorization: Bearer " + Tokens.stakingBot(),
            "--value",
            "1000",
            STRANGER,
            "--json");

    assertThat(sent.ok()).as("cast send: %s", sent.err()).isTrue();
    Cast.Run receipt =
        Cast.run("receipt", "--rpc-url", node.toString(), "--json", hashIn(sent.out()));
    assertThat(receipt.ok()).as("cast receipt: %s", receipt.err()).isTrue();
    assertThat(receipt.out()).containsIgnoringCase("\"from\":\"" + from.toLowerCase() + "\"");
    assertThat(receipt.out()).contains("\"status\":\"0x1\"");
  }

  private static String hashIn(String castJson) {
    try {
      return JSON.readTree(castJson).path("transactionHash").asText();
    } catch (Exception e) {
      throw new AssertionError("cast printed no receipt: " + castJson, e);
    }
  }

  @Test
  void aTransferThatNeedsApprovalsAnswersPendingThenTheHashOnceApproved() throws Exception {
    String from = wallet("treasury");
    Map<String, Object> tx = Map.of("from", from, "to", VENDOR, "value", "0x3e8");

    JsonNode pending = send(Tokens.of("alice"), tx);
    assertThat(pending.at("/error/code").asInt()).isEqualTo(RpcError.PENDING_APPROVAL);
    String requestId = pending.at("/error/data/requestId").asText();
    assertThat(pending.at("/error/data/state").asText()).isEqualTo("PENDING_APPROVAL");
    assertThat(pending.at("/error/data/missing").isEmpty()).isFalse();

    JsonNode again = send(Tokens.of("alice"), tx);
    assertThat(again.at("/error/data/requestId").asText())
        .as("the same call names the same request")
        .isEqualTo(requestId);

    DeviceKeys.verdict("bob", requestId, "approve").then().statusCode(200);
    DeviceKeys.verdict("dave", requestId, "approve").then().statusCode(200);

    JsonNode sent = send(Tokens.of("alice"), tx);
    assertThat(sent.path("result").asText()).matches("0x[0-9a-f]{64}");
    assertThat(signedFrom(from)).isEqualTo(1);
  }

  @Test
  void web3jsClientTransactionManagerWaitsForTheApprovalsThenGetsTheHash() throws Exception {
    String from = wallet("treasury");
    HttpService http = new HttpService(rpc.toString());
    http.addHeader("Authorization", "Bearer " + Tokens.of("alice"));
    Web3j web3 = Web3j.build(http);
    try {
      ClientTransactionManager manager = new ClientTransactionManager(web3, from);
      long chainId = web3.ethChainId().send().getChainId().longValueExact();
      BigInteger priority = BigInteger.valueOf(1_000_000_000L);
      BigInteger maxFee = BigInteger.valueOf(50_000_000_000L);
      BigInteger gas = BigInteger.valueOf(21_000);
      BigInteger value = BigInteger.valueOf(2_000);

      EthSendTransaction first =
          manager.sendEIP1559Transaction(
              chainId, priority, maxFee, gas, VENDOR, "0x", value, false);
      assertThat(first.hasError()).isTrue();
      assertThat(first.getError().getCode()).isEqualTo(RpcError.PENDING_APPROVAL);
      String requestId = JSON.readTree(first.getError().getData()).path("requestId").asText();
      DeviceKeys.verdict("bob", requestId, "approve").then().statusCode(200);
      DeviceKeys.verdict("dave", requestId, "approve").then().statusCode(200);

      EthSendTransaction sent =
          manager.sendEIP1559Transaction(
              chainId, priority, maxFee, gas, VENDOR, "0x", value, false);
      assertThat(sent.hasError()).as("%s", sent.getError()).isFalse();
      assertThat(sent.getTransactionHash()).matches("0x[0-9a-f]{64}");
      assertThat(signedFrom(from)).isEqualTo(1);
    } finally {
      web3.shutdown();
    }
  }

  @Test
  void aDeniedTransferIsAnErrorWithTheExplanationAndNothingIsSigned() throws Exception {
    String from = wallet();

    JsonNode denied = send(Tokens.stakingBot(), Map.of("from", from, "to", DENIED, "value", "0x1"));

    assertThat(denied.at("/error/code").asInt()).isEqualTo(RpcError.REJECTED);
    assertThat(denied.at("/error/data/state").asText()).isEqualTo("DENIED");
    assertThat(denied.at("/error/data/reasons").toString()).contains("denylist");
    assertThat(signedFrom(from)).isZero();
  }

  @Test
  void aWrongChainOrNonceOrAnUnknownFieldIsRefusedBeforeAnythingIsStored() throws Exception {
    String from = wallet();
    String bot = Tokens.stakingBot();

    assertThat(
            send(bot, Map.of("from", from, "to", STRANGER, "value", "0x1", "chainId", "0x1"))
                .at("/error/code")
                .asInt())
        .isEqualTo(RpcError.INVALID_PARAMS);
    JsonNode nonce =
        send(bot, Map.of("from", from, "to", STRANGER, "value", "0x1", "nonce", "0x7"));
    assertThat(nonce.at("/error/code").asInt()).isEqualTo(RpcError.NONCE_MISMATCH);
    assertThat(nonce.at("/error/data/expected").asText()).isEqualTo("0x0");
    assertThat(
            send(bot, Map.of("from", from, "to", STRANGER, "value", "0x1", "gasPrice", "0x1"))
                .at("/error/code")
                .asInt())
        .isEqualTo(RpcError.INVALID_PARAMS);
    assertThat(
            send(bot, Map.of("from", STRANGER, "to", STRANGER, "value", "0x1"))
                .at("/error/code")
                .asInt())
        .isEqualTo(RpcError.INVALID_PARAMS);
    assertThat(signedFrom(from)).isZero();
    assertThat(
            Counts.of(
                db,
                "SELECT count(*) FROM tx_request r JOIN wallet w ON w.id = r.wallet_id"
                    + " WHERE lower(w.address) = lower(?)",
                from))
        .isZero();
  }

  @Test
  void aBatchIsAnsweredInOrderEachCallOnItsOwn() throws Exception {
    String from = wallet();
    List<Object> batch = new ArrayList<>();
    batch.add(rpcCall(1, "eth_chainId"));
    batch.add(rpcCall(2, "eth_sendRawTransaction", "0x00"));
    batch.add(Map.of("id", 3, "method", "eth_chainId"));
    batch.add(rpcCall(4, "eth_accounts"));
    batch.add(rpcCall(5, "eth_getTransactionCount", from, "pending"));
    batch.add(rpcCall(6, "eth_blockNumber"));
    batch.add(rpcCall(7, "debug_traceTransaction", "0x00"));

    JsonNode answers = call(Tokens.stakingBot(), batch);

    assertThat(answers.size()).isEqualTo(7);
    assertThat(answers.get(0).path("result").asText()).isEqualTo("0x7a69");
    assertThat(answers.get(1).at("/error/code").asInt()).isEqualTo(RpcError.METHOD_NOT_SUPPORTED);
    assertThat(answers.get(2).at("/error/code").asInt()).isEqualTo(RpcError.INVALID_REQUEST);
    assertThat(answers.get(3).path("result").toString()).containsIgnoringCase(from);
    assertThat(answers.get(4).path("result").asText()).isEqualTo("0x0");
    assertThat(answers.get(5).path("result").asText()).startsWith("0x");
    assertThat(answers.get(6).at("/error/code").asInt()).isEqualTo(RpcError.METHOD_NOT_SUPPORTED);
    for (int i = 0; i < 7; i++) {
      assertThat(answers.get(i).path("id").asInt()).isEqualTo(i + 1);
    }
    assertThat(answers.toString()).doesNotContain(node.toString());
  }

  @Test
  void aBodyThatIsNotJsonIsAParseErrorAndNoTokenIs401() throws Exception {
    String answer =
        given()
            .auth()
            .oauth2(Tokens.stakingBot())
            .contentType("application/json")
            .body("{\"jsonrpc\": \"2.0\", ")
            .post("/rpc")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(JSON.readTree(answer).at("/error/code").asInt()).isEqualTo(RpcError.PARSE_ERROR);

    given().contentType("application/json").body("{}").post("/rpc").then().statusCode(401);
  }

  @Test
  void onlyARequesterSends() throws Exception {
    String from = wallet();
    JsonNode refused =
        send(Tokens.of("ivan"), Map.of("from", from, "to", STRANGER, "value", "0x1"));
    assertThat(refused.at("/error/code").asInt()).isEqualTo(RpcError.UNAUTHORIZED);
    assertThat(call(Tokens.of("ivan"), rpcCall(1, "eth_accounts")).path("result").isEmpty())
        .isTrue();
  }
}
