package io.custos.service.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.custos.service.support.Ledger;
import io.custos.service.support.ProcessStack;
import io.custos.service.support.ServiceApi;
import io.custos.service.support.ServiceProcess;
import io.custos.service.support.Tokens;
import io.custos.testsupport.Anvil;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the service process at the two dangerous moments of sending, then a restart: every
 * request ends confirmed, with exactly one transaction per nonce.
 */
class KillDuringSendingIT {

  private static final String VENDOR = "0x1111111111111111111111111111111111111111";
  private static final int REQUESTS = 5;
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final Duration POLL = Duration.ofMillis(250);

  private static ProcessStack stack;
  private static Ledger ledger;

  @BeforeAll
  static void start() {
    stack = ProcessStack.start("crash_kill");
    ledger = new Ledger(stack.db(), stack.chain());
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void killedBetweenSigningAndBroadcastSendsOnRestart() {
    ServiceProcess service = stack.startService("sign");
    String address = fundedWallet(service, "sign-then-crash");
    stack.proxy().drop("eth_sendRawTransaction");

    submit(service, "sign-then-crash", REQUESTS);
    await()
        .atMost(TIMEOUT)
        .pollInterval(POLL)
        .untilAsserted(
            () -> {
              assertThat(signed(address)).as("all requests signed and recorded").hasSize(REQUESTS);
              assertThat(stack.proxy().droppedCalls())
                  .as("sends the proxy dropped")
                  .isGreaterThanOrEqualTo(REQUESTS);
            });
    service.kill();
    assertThat(ledger.pendingCount(address)).as("nothing reached the node").isZero();

    stack.proxy().restore("eth_sendRawTransaction");
    ServiceProcess restarted = stack.startService("sign");
    ExactlyOnce.awaitConfirmed(ledger, address, REQUESTS, TIMEOUT);
    ExactlyOnce.assertEachNonceOnceAndMined(ledger, address, REQUESTS);
    restarted.stop();
  }

  @Test
  void killedBetweenBroadcastAndConfirmationFollowsOnRestart() {
    ServiceProcess service = stack.startService("broadcast");
    String address = fundedWallet(service, "send-then-crash");
    Anvil.rpc(stack.chain(), "evm_setIntervalMining", 0);
    Anvil.rpc(stack.chain(), "evm_setAutomine", false);
    try {
      submit(service, "send-then-crash", REQUESTS);
      await()
          .atMost(TIMEOUT)
          .pollInterval(POLL)
          .untilAsserted(
              () ->
                  assertThat(ledger.rows(address))
                      .as("all requests broadcast, none mined")
                      .filteredOn(r -> r.state().equals("BROADCAST"))
                      .hasSize(REQUESTS));
      assertThat(ledger.pendingCount(address)).as("the node holds them").isEqualTo(REQUESTS);
      assertThat(ledger.minedCount(address)).as("none mined yet").isZero();
      service.kill();
      Anvil.rpc(stack.chain(), "anvil_mine", "0x3");
    } finally {
      Anvil.rpc(stack.chain(), "evm_setIntervalMining", 1);
    }

    ServiceProcess restarted = stack.startService("broadcast");
    ExactlyOnce.awaitConfirmed(ledger, address, REQUESTS, TIMEOUT);
    ExactlyOnce.assertEachNonceOnceAndMined(ledger, address, REQUESTS);
    restarted.stop();
  }

  @Test
  void killedAfterTheNodeTookTheTransactionButBeforeItWasRecordedAsSent() {
    ServiceProcess service = stack.startService("accepted");
    String address = fundedWallet(service, "accepted-then-crash");
    Anvil.rpc(stack.chain(), "evm_setIntervalMining", 0);
    try {
      stack.proxy().loseAnswers("eth_sendRawTransaction");
      submit(service, "accepted-then-crash", REQUESTS);
      await()
          .atMost(TIMEOUT)
          .pollInterval(POLL)
          .untilAsserted(
              () -> {
                assertThat(signed(address)).as("the database still says SIGNED").hasSize(REQUESTS);
                assertThat(ledger.pendingCount(address))
                    .as("the node holds every transaction")
                    .isEqualTo(REQUESTS);
              });
      service.kill();
      stack.proxy().restore("eth_sendRawTransaction");

      ServiceProcess restarted = stack.startService("accepted");
      await()
          .atMost(TIMEOUT)
          .pollInterval(POLL)
          .untilAsserted(
              () ->
                  assertThat(ledger.rows(address))
                      .as("the re-sent transactions recognised as the node's own")
                      .allMatch(r -> r.state().equals("BROADCAST")));
      assertThat(ledger.minedCount(address)).isZero();
      Anvil.rpc(stack.chain(), "evm_setIntervalMining", 1);
      ExactlyOnce.awaitConfirmed(ledger, address, REQUESTS, TIMEOUT);
      ExactlyOnce.assertEachNonceOnceAndMined(ledger, address, REQUESTS);
      restarted.stop();
    } finally {
      stack.proxy().restore("eth_sendRawTransaction");
      Anvil.rpc(stack.chain(), "evm_setIntervalMining", 1);
    }
  }

  private static String fundedWallet(ServiceProcess service, String label) {
    String address = new ServiceApi(service.url()).createWallet(label);
    Anvil.fund(stack.chain(), address, BigInteger.TEN.pow(20));
    await()
        .atMost(TIMEOUT)
        .pollInterval(POLL)
        .untilAsserted(
            () ->
                assertThat(Anvil.rpc(stack.chain(), "eth_getBalance", address, "latest").asText())
                    .as("the wallet's balance")
                    .isNotEqualTo("0x0"));
    return address;
  }

  /** Auto-approved requests (the test policy's staking-bot rule), 0.01 ETH each. */
  private static void submit(ServiceProcess service, String wallet, int count) {
    ServiceApi api = new ServiceApi(service.url());
    String token = Tokens.stakingBot();
    for (int i = 0; i < count; i++) {
      var request =
          api.submit(token, UUID.randomUUID().toString(), wallet, VENDOR, 10_000_000_000_000_000L);
      assertThat(request.get("state").asText()).isEqualTo("APPROVED");
    }
  }

  /** The address's transactions recorded as SIGNED (not yet sent). */
  private static List<Ledger.Row> signed(String address) {
    return ledger.rows(address).stream().filter(r -> r.state().equals("SIGNED")).toList();
  }
}
