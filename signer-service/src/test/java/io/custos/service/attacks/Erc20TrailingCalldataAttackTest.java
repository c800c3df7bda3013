package io.custos.service.attacks;

import static io.custos.service.attacks.AttackApi.TST;
import static io.custos.service.attacks.AttackApi.VENDOR;
import static io.custos.service.attacks.AttackApi.submit;
import static io.custos.service.attacks.AttackApi.wallet;
import static org.assertj.core.api.Assertions.assertThat;

import io.custos.service.support.Counts;
import io.custos.service.support.RealStack;
import io.custos.service.support.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Attack: an ERC-20 {@code transfer} whose calldata a token contract reads as a plain transfer
 * (Solidity ignores trailing bytes; a dirty address word is truncated to its low 20 bytes), but
 * that is not the canonical encoding. Before issue 13 the policy decoded trailing bytes and applied
 * the rule, while usage recording read the calldata again, found no transfer and counted nothing,
 * so the transfer escaped the token's daily window. Non-canonical calldata is now refused outright:
 * a rule that names no method matches only a strictly decoded transfer to a token.
 */
@QuarkusTest
@QuarkusTestResource(RealStack.class)
class Erc20TrailingCalldataAttackTest {

  private static final String TRANSFER = "a9059cbb";
  private static final BigInteger SIXTY_TST = new BigInteger("60000000000000000000");

  @Inject DataSource db;

  @ConfigProperty(name = "custos.ethereum.node-url")
  URI node;

  private static String word(BigInteger value) {
    return String.format("%64s", value.toString(16)).replace(' ', '0');
  }

  private static String addressWord(String address) {
    return "000000000000000000000000" + address.substring(2).toLowerCase();
  }

  private JsonPath submitCall(String wallet, String calldata) {
    Map<String, Object> body = Map.of("wallet", wallet, "to", TST, "value", "0", "data", calldata);
    return submit(Tokens.of("alice"), UUID.randomUUID().toString(), body)
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  private void assertRefusedAndNeverSigned(JsonPath request) throws Exception {
    String id = request.getString("id");
    assertThat(request.getString("state")).as("state of " + id).isEqualTo("DENIED");
    assertThat(request.getString("decision.rule")).isEqualTo("everything-else");
    assertThat(request.getList("decision.explanation", String.class))
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("token-desk: NOT_MATCHED")
                    .contains("not a strictly encoded transfer"));
    Thread.sleep(1_500); // a few release-worker ticks
    assertThat(Counts.of(db, "SELECT count(*) FROM eth_transaction WHERE request_id = ?", uuid(id)))
        .isZero();
    assertThat(Counts.auditEntries(db, "transaction.signed", id)).isZero();
    assertThat(Counts.auditEntries(db, "request.submitted", id)).isEqualTo(1);
  }

  private static UUID uuid(String id) {
    return UUID.fromString(id);
  }

  @Test
  void aTransferWithTrailingBytesIsRefusedAsNonCanonical() throws Exception {
    String[] w = wallet(node, "token-desk");
    String canonical = "0x" + TRANSFER + addressWord(VENDOR) + word(SIXTY_TST);

    assertRefusedAndNeverSigned(submitCall(w[0], canonical + "deadbeef"));
    assertRefusedAndNeverSigned(submitCall(w[0], canonical + "00".repeat(32)));
  }

  @Test
  void aTransferWhoseAddressWordHasDirtyHighBytesIsRefused() throws Exception {
    String[] w = wallet(node, "token-desk");
    String dirty = "01" + addressWord(VENDOR).substring(2);

    assertRefusedAndNeverSigned(submitCall(w[0], "0x" + TRANSFER + dirty + word(SIXTY_TST)));
  }

  @Test
  void theDailyTokenWindowStillCountsCanonicalTransfers() {
    String[] w = wallet(node, "token-desk");
    Map<String, Object> sixty =
        Map.of("wallet", w[0], "to", VENDOR, "token", "TST", "amount", "60");

    String first =
        submit(Tokens.of("alice"), UUID.randomUUID().toString(), sixty)
            .then()
            .statusCode(201)
            .extract()
            .path("decision.outcome");
    JsonPath second =
        submit(Tokens.of("alice"), UUID.randomUUID().toString(), sixty)
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();

    assertThat(first).isEqualTo("ALLOW");
    assertThat(second.getString("decision.outcome")).isEqualTo("DENY");
    assertThat(second.getString("decision.rule")).isEqualTo("token-desk");
  }
}
