package io.custos.service.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.custos.service.identity.Caller;
import io.custos.service.support.BotTransfers;
import io.custos.service.support.Counts;
import io.custos.service.support.RealStack;
import io.custos.service.wallet.WalletService;
import io.custos.service.wallet.WalletView;
import io.custos.testsupport.Anvil;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(RealStack.class)
class SendingPipelineTest {

  private static final Caller ADMIN =
      new Caller("s-admin", "erin", Set.of("admin"), Set.of(), false);
  private static final String VENDOR = "0x1111111111111111111111111111111111111111";

  @Inject WalletService wallets;
  @Inject Sender sender;
  @Inject DataSource db;

  @ConfigProperty(name = "custos.ethereum.node-url")
  URI node;

  @TestHTTPResource(value = "/", management = true)
  URI management;

  private WalletView fundedWallet(String label) {
    WalletView w = wallets.create(label, List.of(), ADMIN);
    Anvil.fund(node, w.address(), BigInteger.TEN.pow(21));
    return w;
  }

  /**
   * A real request of {@code wei}, allowed at once, and what it asks to sign: the service may be
   * sending it already, and the sender makes one transaction of it either way.
   */
  private static Outgoing transfer(WalletView w, long wei) {
    BigInteger value = BigInteger.valueOf(wei);
    return BotTransfers.outgoing(
        BotTransfers.submit(w.label(), VENDOR, value), w.id(), VENDOR, value);
  }

  private List<String> states(WalletView w) throws Exception {
    List<String> out = new ArrayList<>();
    try (var c = db.getConnection();
        var s =
            c.prepareStatement(
                "SELECT state FROM eth_transaction WHERE wallet_id = ? ORDER BY nonce")) {
      s.setObject(1, w.id());
      try (var rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  /** Mines blocks until the wallet's {@code count} transactions all reach {@code state}. */
  private void awaitAll(WalletView w, String state, int count) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              Anvil.rpc(node, "anvil_mine", "0x3");
              assertThat(states(w))
                  .as("all transactions end " + state)
                  .hasSize(count)
                  .containsOnly(state);
            });
  }

  @Test
  void aTransferIsSignedInTheHsmMinedFromTheWalletAndConfirmed() throws Exception {
    WalletView w = fundedWallet("pipeline-one");

    TxRecord tx = sender.send(transfer(w, 1_000));

    awaitAll(w, "CONFIRMED", 1);
    var mined = Anvil.rpc(node, "eth_getTransactionByHash", tx.hash());
    assertThat(mined.get("from").asText()).isEqualToIgnoringCase(w.address());
    assertThat(mined.get("to").asText()).isEqualToIgnoringCase(VENDOR);
    assertThat(mined.get("type").asText()).isEqualTo("0x2");
  }

  @Test
  void sendingTheSameRequestTwiceMakesOneTransaction() throws Exception {
    WalletView w = fundedWallet("pipeline-once");
    Outgoing out = transfer(w, 7);

    TxRecord first = sender.send(out);
    TxRecord again = sender.send(out);

    assertThat(again.id()).isEqualTo(first.id());
    assertThat(again.hash()).isEqualTo(first.hash());
    awaitAll(w, "CONFIRMED", 1);
  }

  @Test
  void threeHundredConcurrentTransfersGetContiguousNoncesAndAreAllMined() throws Exception {
    WalletView w = fundedWallet("pipeline-300");
    // Blocks every second, as on a real chain: anvil's mining on each transaction can leave some
    // that arrive out of nonce order in its pool for good (foundry-rs/foundry#10122).
    Anvil.rpc(node, "evm_setAutomine", false);
    Anvil.rpc(node, "evm_setIntervalMining", 1);
    List<Long> nonces = new ArrayList<>();
    try {
      ExecutorService pool = Executors.newFixedThreadPool(16);
      List<Future<TxRecord>> futures = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        Outgoing out = transfer(w, i + 1);
        futures.add(pool.submit(() -> sender.send(out)));
      }
      for (Future<TxRecord> f : futures) {
        nonces.add(f.get().nonce());
      }
      pool.shutdown();
      awaitAll(w, "CONFIRMED", 300);
    } finally {
      Anvil.rpc(node, "evm_setIntervalMining", 0);
      Anvil.rpc(node, "evm_setAutomine", true);
    }

    assertThat(nonces).doesNotHaveDuplicates();
    assertThat(nonces.stream().sorted().toList())
        .isEqualTo(java.util.stream.LongStream.range(0, 300).boxed().toList());
    String count = Anvil.rpc(node, "eth_getTransactionCount", w.address(), "latest").asText();
    assertThat(Long.decode(count)).isEqualTo(300);
  }

  @Test
  void aTransactionNotMinedInTimeIsFlaggedStuckUntilItIsMined() throws Exception {
    WalletView w = fundedWallet("pipeline-stuck");
    TxRecord tx;
    Anvil.rpc(node, "evm_setAutomine", false);
    try {
      tx = sender.send(transfer(w, 3));
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(250))
          .untilAsserted(
              () ->
                  assertThat(stuckSince(tx))
                      .as("flagged stuck after stuck-after (2 s in tests)")
                      .isNotNull());
      io.restassured.RestAssured.get(management.resolve("/q/metrics"))
          .then()
          .body(org.hamcrest.Matchers.containsString("custos_transactions_stuck 1.0"));
    } finally {
      Anvil.rpc(node, "evm_setAutomine", true);
    }
    awaitAll(w, "CONFIRMED", 1);
    assertThat(stuckSince(tx)).as("cleared once mined").isNull();
  }

  @Test
  void aReceiptThatDisappearsInAReorgSendsItBackToPendingAndTheSameBytesAreMined()
      throws Exception {
    WalletView w = fundedWallet("pipeline-reorg");
    Anvil.rpc(node, "evm_setAutomine", false);
    TxRecord tx;
    try {
      String beforeBlock = Anvil.rpc(node, "evm_snapshot").asText();
      tx = sender.send(transfer(w, 5));
      Anvil.rpc(node, "anvil_mine", "0x1");
      awaitState(tx, "MINED");

      // The block that held it is no longer canonical (confirmations are 2, so it was not final).
      assertThat(Anvil.rpc(node, "evm_revert", beforeBlock).asBoolean()).isTrue();
      awaitState(tx, "BROADCAST");
      assertThat(Counts.auditEntries(db, "transaction.confirmed", tx.requestId().toString()))
          .isZero();
    } finally {
      Anvil.rpc(node, "evm_setAutomine", true);
    }
    awaitAll(w, "CONFIRMED", 1);
    var mined = Anvil.rpc(node, "eth_getTransactionByHash", tx.hash());
    assertThat(mined.get("blockNumber").isNull()).as("the same transaction, mined again").isFalse();
    assertThat(
            Long.decode(Anvil.rpc(node, "eth_getTransactionCount", w.address(), "latest").asText()))
        .isEqualTo(1);
    assertThat(Counts.auditEntries(db, "transaction.confirmed", tx.requestId().toString())).isOne();
  }

  @Test
  void aTransactionTheNodeForgetsIsSentAgainWithTheSameBytes() throws Exception {
    WalletView w = fundedWallet("pipeline-forgotten");
    Anvil.rpc(node, "evm_setAutomine", false);
    TxRecord tx;
    try {
      tx = sender.send(transfer(w, 6));
      assertThat(Anvil.rpc(node, "eth_getTransactionByHash", tx.hash()).isNull()).isFalse();
      Anvil.rpc(node, "anvil_dropTransaction", tx.hash());
      assertThat(Anvil.rpc(node, "eth_getTransactionByHash", tx.hash()).isNull())
          .as("the node's pool lost it")
          .isTrue();

      // The sweep (every 10 follow ticks of 1 s) asks the node about it and sends it again.
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(200))
          .untilAsserted(
              () ->
                  assertThat(Anvil.rpc(node, "eth_getTransactionByHash", tx.hash()).isNull())
                      .as("known to the node again, by the same hash")
                      .isFalse());
    } finally {
      Anvil.rpc(node, "evm_setAutomine", true);
    }
    awaitAll(w, "CONFIRMED", 1);
  }

  private void awaitState(TxRecord tx, String state) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () -> assertThat(stateOf(tx)).as("state of transaction " + tx.id()).isEqualTo(state));
  }

  private String stateOf(TxRecord tx) throws Exception {
    try (var c = db.getConnection();
        var s = c.prepareStatement("SELECT state FROM eth_transaction WHERE id = ?")) {
      s.setObject(1, tx.id());
      try (var rs = s.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  private Object stuckSince(TxRecord tx) throws Exception {
    try (var c = db.getConnection();
        var s = c.prepareStatement("SELECT stuck_since FROM eth_transaction WHERE id = ?")) {
      s.setObject(1, tx.id());
      try (var rs = s.executeQuery()) {
        rs.next();
        return rs.getObject(1);
      }
    }
  }
}
