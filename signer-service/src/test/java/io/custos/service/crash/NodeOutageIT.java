package io.custos.service.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.custos.service.support.Ledger;
import io.custos.service.support.ProcessStack;
import io.custos.service.support.ServiceApi;
import io.custos.service.support.ServiceProcess;
import io.custos.service.support.Tokens;
import io.custos.testsupport.Anvil;
import java.math.BigInteger;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The node unreachable for 30 s: requests are still accepted (deciding them needs no node), wait
 * unsigned while fees cannot be had, and are sent and confirmed when the node returns.
 */
class NodeOutageIT {

  private static final String VENDOR = "0x1111111111111111111111111111111111111111";
  private static final int REQUESTS = 5;
  private static final Duration OUTAGE = Duration.ofSeconds(30);

  private static ProcessStack stack;

  @BeforeAll
  static void start() {
    stack = ProcessStack.start("crash_outage");
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void requestsWaitForTheNodeAndProceedWhenItReturns() throws Exception {
    ServiceProcess service = stack.startService("a");
    ServiceApi api = new ServiceApi(service.url());
    String address = api.createWallet("outage");
    Anvil.fund(stack.chain(), address, BigInteger.TEN.pow(20));
    Ledger ledger = new Ledger(stack.db(), stack.chain());

    stack.proxy().down(true);
    long downAt = System.nanoTime();
    String token = Tokens.stakingBot();
    for (int i = 0; i < REQUESTS; i++) {
      var request = api.submit(token, UUID.randomUUID().toString(), "outage", VENDOR, 1_000_000L);
      assertThat(request.get("state").asText()).isEqualTo("APPROVED");
    }
    Thread.sleep(Math.max(0, OUTAGE.toMillis() - (System.nanoTime() - downAt) / 1_000_000));
    assertThat(ledger.rows(address)).as("nothing signed without fees from the node").isEmpty();
    assertThat(stack.proxy().droppedCalls()).as("the service kept trying").isPositive();
    stack.proxy().down(false);

    long upAt = System.nanoTime();
    ExactlyOnce.awaitConfirmed(ledger, address, REQUESTS, Duration.ofSeconds(90));
    ExactlyOnce.assertEachNonceOnceAndMined(ledger, address, REQUESTS);
    System.out.printf(
        "node outage: %d requests confirmed %.1f s after the node returned%n",
        REQUESTS, (System.nanoTime() - upAt) / 1e9);
  }
}
