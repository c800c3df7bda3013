package io.custos.service.sending;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import io.custos.service.identity.Caller;
import io.custos.service.support.BotTransfers;
import io.custos.service.support.Counts;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The signing gate fails closed: the sender signs only what a request the policy decided asks for.
 * A payload with no request behind it, or one that differs from its request in any field the
 * decision covered, is refused before the HSM is asked, whoever in the code hands it over.
 */
@QuarkusTest
@QuarkusTestResource(RealStack.class)
class SigningWithoutARequestTest {

  private static final Caller ADMIN =
      new Caller("s-admin", "erin", Set.of("admin"), Set.of(), false);
  private static final String VENDOR = "0x1111111111111111111111111111111111111111";
  private static final String OTHER = "0x4444444444444444444444444444444444444444";

  @Inject WalletService wallets;
  @Inject Sender sender;
  @Inject DataSource db;

  @ConfigProperty(name = "custos.ethereum.node-url")
  URI node;

  private long signedBy(WalletView w) throws Exception {
    return Counts.of(db, "SELECT count(*) FROM eth_transaction WHERE wallet_id = ?", w.id());
  }

  @Test
  void aPayloadWithNoRequestIsNeverSigned() throws Exception {
    WalletView w = wallets.create("gate-none", List.of(), ADMIN);
    Anvil.fund(node, w.address(), BigInteger.TEN.pow(19));

    assertThatThrownBy(
            () ->
                sender.send(
                    BotTransfers.outgoing(UUID.randomUUID(), w.id(), VENDOR, BigInteger.ONE)))
        .isInstanceOf(SigningRefusedException.class)
        .hasMessageContaining("no request");
    assertThat(signedBy(w)).isZero();
  }

  @Test
  void aPayloadThatIsNotWhatItsRequestAskedForIsNeverSigned() throws Exception {
    WalletView w = wallets.create("gate-forged", List.of("treasury"), ADMIN);
    WalletView other = wallets.create("gate-forged-other", List.of(), ADMIN);
    Anvil.fund(node, w.address(), BigInteger.TEN.pow(19));
    Anvil.fund(node, other.address(), BigInteger.TEN.pow(19));
    // Pending two treasury approvals: the service does not send it, so only the test hands it over.
    UUID pending =
        UUID.fromString(
            given()
                .auth()
                .oauth2(Tokens.of("alice"))
                .contentType("application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("wallet", "gate-forged", "to", VENDOR, "value", "1000"))
                .post("/api/v1/requests")
                .then()
                .statusCode(201)
                .body("state", equalTo("PENDING_APPROVAL"))
                .extract()
                .<String>path("id"));
    BigInteger value = BigInteger.valueOf(1000);

    for (Outgoing forged :
        List.of(
            BotTransfers.outgoing(pending, w.id(), OTHER, value),
            BotTransfers.outgoing(pending, w.id(), VENDOR, BigInteger.TEN.pow(18)),
            BotTransfers.outgoing(pending, other.id(), VENDOR, value))) {
      assertThatThrownBy(() -> sender.send(forged))
          .isInstanceOf(SigningRefusedException.class)
          .hasMessageContaining("not the one request");
    }
    assertThatThrownBy(() -> sender.send(BotTransfers.outgoing(pending, w.id(), VENDOR, value)))
        .isInstanceOf(SigningRefusedException.class)
        .hasMessageContaining("no longer APPROVED");
    assertThat(signedBy(w)).isZero();
    assertThat(signedBy(other)).isZero();
  }
}
