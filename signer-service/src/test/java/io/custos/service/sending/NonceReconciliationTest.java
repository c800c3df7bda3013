package io.custos.service.sending;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.custos.service.identity.Caller;
import io.custos.service.support.BotTransfers;
import io.custos.service.support.RealStack;
import io.custos.service.support.Tokens;
import io.custos.service.wallet.WalletService;
import io.custos.service.wallet.WalletView;
import io.custos.testsupport.Anvil;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The nonce cursor against the node: transactions from a wallet's address that Custos did not sign
 * (here anvil impersonating the address, as a key used elsewhere would) hold the wallet instead of
 * being skipped silently, until an admin lifts the hold.
 */
@QuarkusTest
@QuarkusTestResource(RealStack.class)
class NonceReconciliationTest {

  private static final Caller ADMIN =
      new Caller("s-admin", "erin", Set.of("admin"), Set.of(), false);
  private static final String VENDOR = "0x1111111111111111111111111111111111111111";

  @Inject WalletService wallets;
  @Inject Sender sender;
  @Inject NonceReconciler reconciler;
  @Inject DataSource db;

  @ConfigProperty(name = "custos.ethereum.node-url")
  URI node;

  @Test
  void aForeignTransactionHoldsTheWalletUntilAnAdminResumesIt() throws Exception {
    WalletView w = wallets.create("nonce-foreign", List.of(), ADMIN);
    Anvil.fund(node, w.address(), BigInteger.TEN.pow(20));
    TxRecord ours = sender.send(transfer(w));
    assertThat(ours.nonce()).isZero();

    spendOutsideCustos(w.address());
    reconciler.reconcile();

    assertThat(held(w)).isTrue();
    Outgoing held = transfer(w);
    assertThatThrownBy(() -> sender.send(held))
        .isInstanceOf(NonceDivergedException.class)
        .hasMessageContaining("Custos is at 1 but the node counts 2");
    assertThat(count("SELECT count(*) FROM eth_transaction WHERE wallet_id = '" + w.id() + "'"))
        .as("nothing signed while held")
        .isEqualTo(1);
    awaitAudit("nonce.diverged");

    given()
        .auth()
        .oauth2(Tokens.of("erin"))
        .post("/api/v1/wallets/nonce-foreign/nonce/resume")
        .then()
        .statusCode(200)
        .body("nextNonce", equalTo(2));
    assertThat(held(w)).isFalse();
    assertThat(sender.send(held).nonce()).as("continues after the foreign one").isEqualTo(2);
    awaitAudit("nonce.resumed");
  }

  @Test
  void resumingAWalletThatIsNotHeldIsAConflict() {
    wallets.create("nonce-fine", List.of(), ADMIN);
    given()
        .auth()
        .oauth2(Tokens.of("erin"))
        .post("/api/v1/wallets/nonce-fine/nonce/resume")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:custos:problem:conflict"));
  }

  @Test
  void onlyAnAdminResumes() {
    wallets.create("nonce-perm", List.of(), ADMIN);
    given()
        .auth()
        .oauth2(Tokens.of("alice"))
        .post("/api/v1/wallets/nonce-perm/nonce/resume")
        .then()
        .statusCode(403);
  }

  /** A real request of one wei, allowed at once; the service may be sending it already. */
  private static Outgoing transfer(WalletView w) {
    UUID id = BotTransfers.submit(w.label(), VENDOR, BigInteger.ONE);
    return BotTransfers.outgoing(id, w.id(), VENDOR, BigInteger.ONE);
  }

  /** A transaction from the wallet's address that did not go through Custos. */
  private void spendOutsideCustos(String address) {
    Anvil.rpc(node, "anvil_impersonateAccount", address);
    Anvil.rpc(node, "eth_sendTransaction", Map.of("from", address, "to", VENDOR, "value", "0x1"));
    Anvil.rpc(node, "anvil_stopImpersonatingAccount", address);
  }

  private boolean held(WalletView w) throws Exception {
    return count(
            "SELECT count(*) FROM nonce_cursor WHERE lower(address) = lower('"
                + w.address()
                + "') AND diverged_since IS NOT NULL")
        == 1;
  }

  private void awaitAudit(String type) throws Exception {
    String sql =
        "SELECT (SELECT count(*) FROM audit_entry WHERE entry_type = '"
            + type
            + "') + (SELECT count(*) FROM audit_inbox WHERE entry_type = '"
            + type
            + "')";
    await()
        .alias("a " + type + " entry")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> count(sql) > 0);
    assertThat(count(sql)).as(type + " entries").isEqualTo(1);
  }

  private long count(String sql) throws Exception {
    try (var c = db.getConnection();
        var s = c.createStatement();
        var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
