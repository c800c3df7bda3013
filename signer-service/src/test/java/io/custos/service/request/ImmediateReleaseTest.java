package io.custos.service.request;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.custos.service.support.RealStack;
import io.custos.service.support.Tokens;
import io.custos.testsupport.Anvil;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.LongStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Auto-approved requests go to the HSM and the node right after their submission commits, without
 * the release worker: here it ticks once at start and then only after an hour.
 */
@QuarkusTest
@QuarkusTestResource(RealStack.class)
@TestProfile(ImmediateReleaseTest.WorkerAsleep.class)
class ImmediateReleaseTest {

  /** The release worker's next tick is an hour away: whatever is sent, the immediate path sent. */
  public static class WorkerAsleep implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("custos.requests.release-every", "1h");
    }
  }

  private static final String API = "/api/v1/requests";
  private static final String VENDOR = "0x1111111111111111111111111111111111111111";

  @ConfigProperty(name = "custos.ethereum.node-url")
  URI node;

  /** A new wallet made by admin erin over the API, funded with 10 ETH; returns {label, address}. */
  private String[] wallet() {
    String label = "bot-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    String address =
        given()
            .auth()
            .oauth2(Tokens.of("erin"))
            .contentType("application/json")
            .body(Map.of("label", label, "tags", List.of()))
            .post("/api/v1/wallets")
            .then()
            .statusCode(201)
            .extract()
            .path("address");
    Anvil.fund(node, address, BigInteger.TEN.pow(19));
    return new String[] {label, address};
  }

  private static Response submit(String token, String wallet, long wei) {
    return given()
        .auth()
        .oauth2(token)
        .contentType("application/json")
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(Map.of("wallet", wallet, "to", VENDOR, "value", Long.toString(wei)))
        .post(API);
  }

  private static Response read(String token, String id) {
    return given().auth().oauth2(token).get(API + "/" + id);
  }

  /** Mines blocks until every request's transaction is mined; returns their nonces. */
  private List<Long> awaitMined(String token, List<String> ids) {
    Map<String, String> states = new java.util.LinkedHashMap<>();
    ids.forEach(id -> states.put(id, "?"));
    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofMillis(300))
        .untilAsserted(
            () -> {
              Anvil.rpc(node, "anvil_mine", "0x1");
              // Only the requests not mined yet are read again: 300 reads a round would slow the
              // service.
              for (var e : states.entrySet()) {
                if (!e.getValue().equals("MINED") && !e.getValue().equals("CONFIRMED")) {
                  e.setValue(read(token, e.getKey()).path("state").toString());
                }
              }
              assertThat(states.values())
                  .as("states of the requests")
                  .isSubsetOf("MINED", "CONFIRMED");
            });
    return ids.stream()
        .map(id -> read(token, id).<Integer>path("transaction.nonce"))
        .map(Integer::longValue)
        .toList();
  }

  @Test
  void anAutoApprovedTransferIsSignedAndBroadcastWithoutWaitingForTheReleaseWorker()
      throws Exception {
    String bot = Tokens.stakingBot();
    String[] w = wallet();

    String id = submit(bot, w[0], 1_000).then().statusCode(201).extract().path("id");

    List<Long> nonces = awaitMined(bot, List.of(id));
    assertThat(nonces).containsExactly(0L);
    Response shown = read(bot, id);
    assertThat(shown.<String>path("decision.rule")).isEqualTo("staking-bot");
    Instant signed = Instant.parse(shown.path("transaction.signedAt"));
    Instant broadcast = Instant.parse(shown.path("transaction.broadcastAt"));
    assertThat(broadcast).isAfterOrEqualTo(signed);
    var mined = Anvil.rpc(node, "eth_getTransactionByHash", shown.<String>path("transaction.hash"));
    assertThat(mined.get("from").asText()).isEqualToIgnoringCase(w[1]);
  }

  @Test
  void threeHundredConcurrentSubmissionsOnOneWalletAreAllMinedWithContiguousNonces()
      throws Exception {
    String bot = Tokens.stakingBot();
    String[] w = wallet();
    long start = Long.decode(Anvil.rpc(node, "eth_getTransactionCount", w[1], "pending").asText());

    List<Future<Response>> answers = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
      for (int i = 0; i < 300; i++) {
        long wei = 1_000 + i;
        answers.add(pool.submit(() -> submit(bot, w[0], wei)));
      }
    }
    List<String> ids = new ArrayList<>();
    for (Future<Response> answer : answers) {
      Response r = answer.get();
      assertThat(r.statusCode()).as(r.asString()).isEqualTo(201);
      ids.add(r.path("id"));
    }

    List<Long> nonces = awaitMined(bot, ids);
    assertThat(nonces.stream().sorted().toList())
        .isEqualTo(LongStream.range(start, start + 300).boxed().toList());
    String mined = Anvil.rpc(node, "eth_getTransactionCount", w[1], "latest").asText();
    assertThat(Long.decode(mined)).isEqualTo(start + 300);
  }
}
