package io.custos.service.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.custos.service.support.Ledger;
import io.custos.service.support.ProcessStack;
import io.custos.service.support.ServiceApi;
import io.custos.service.support.ServiceProcess;
import io.custos.service.support.Tokens;
import io.custos.testsupport.Anvil;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two service processes on one database and one HSM token, as a deployment with two instances: 200
 * requests submitted concurrently over both, each instance releasing and signing from the same
 * account. No nonce is used twice and none is skipped.
 */
class TwoInstancesIT {

  private static final String VENDOR = "0x1111111111111111111111111111111111111111";
  private static final int REQUESTS = 200;
  private static final int CLIENTS = 16;

  private static ProcessStack stack;

  @BeforeAll
  static void start() {
    stack = ProcessStack.start("crash_two");
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void twoInstancesUseEveryNonceOnce() throws Exception {
    // One after the other: the second finds the audit checkpoint key the first generated.
    ServiceProcess a = stack.startService("a");
    ServiceProcess b = stack.startService("b");
    // Made on a, so b signs with a key another process created on the shared token.
    String address = new ServiceApi(a.url()).createWallet("shared");
    Anvil.fund(stack.chain(), address, BigInteger.TEN.pow(21));
    Ledger ledger = new Ledger(stack.db(), stack.chain());

    long started = System.nanoTime();
    List<String> states = submitRoundRobin(List.of(a, b));
    long submitted = System.nanoTime();
    assertThat(states).hasSize(REQUESTS).containsOnly("APPROVED");

    ExactlyOnce.awaitConfirmed(ledger, address, REQUESTS, Duration.ofMinutes(6));
    long confirmed = System.nanoTime();
    ExactlyOnce.assertEachNonceOnceAndMined(ledger, address, REQUESTS);
    assertThat(sentBy(a)).as("requests signed by instance a").isPositive();
    assertThat(sentBy(b)).as("requests signed by instance b").isPositive();
    System.out.printf(
        "two instances: %d requests submitted by %d clients in %.1f s, all confirmed after %.1f s"
            + " (%d signed by a, %d by b)%n",
        REQUESTS,
        CLIENTS,
        (submitted - started) / 1e9,
        (confirmed - started) / 1e9,
        sentBy(a),
        sentBy(b));
  }

  private static List<String> submitRoundRobin(List<ServiceProcess> instances) throws Exception {
    String token = Tokens.stakingBot();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<String>> answers = new ArrayList<>();
      for (int i = 0; i < REQUESTS; i++) {
        ServiceApi api = new ServiceApi(instances.get(i % instances.size()).url());
        long wei = 1_000_000_000_000L + i;
        answers.add(
            clients.submit(
                () ->
                    api.submit(token, UUID.randomUUID().toString(), "shared", VENDOR, wei)
                        .get("state")
                        .asText()));
      }
      List<String> states = new ArrayList<>();
      for (Future<String> f : answers) {
        states.add(f.get());
      }
      return states;
    } finally {
      clients.shutdownNow();
    }
  }

  /** How many transactions this instance signed, from its log. */
  private static long sentBy(ServiceProcess instance) throws IOException {
    try (var lines = Files.lines(instance.log())) {
      return lines.filter(l -> l.contains("NonceAndSign") && l.contains(" signed as ")).count();
    }
  }
}
