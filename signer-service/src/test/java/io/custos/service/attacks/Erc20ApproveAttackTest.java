package io.custos.service.attacks;

import static io.custos.service.attacks.AttackApi.TST;
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
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Attack: a wallet allowed to call a token of the address book (here: ten calls a day, no amount
 * limit) grants an unlimited allowance with {@code approve}, and the spender later moves the tokens
 * with {@code transferFrom}, which Custos never sees. A call to an address-book token that is not a
 * decoded {@code transfer} now matches only a rule that names the method.
 */
@QuarkusTest
@QuarkusTestResource(RealStack.class)
class Erc20ApproveAttackTest {

  private static final String SPENDER = "000000000000000000000000" + "3".repeat(40);
  private static final String UNLIMITED = "f".repeat(64);

  @Inject DataSource db;

  @ConfigProperty(name = "custos.ethereum.node-url")
  URI node;

  private JsonPath call(String wallet, String calldata) {
    Map<String, Object> body = Map.of("wallet", wallet, "to", TST, "value", "0", "data", calldata);
    return submit(Tokens.of("alice"), UUID.randomUUID().toString(), body)
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  private void assertDeniedNaming(JsonPath request, String method) throws Exception {
    String id = request.getString("id");
    assertThat(request.getString("state")).as("state of " + id).isEqualTo("DENIED");
    assertThat(request.getList("decision.explanation", String.class))
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("token-ops: NOT_MATCHED")
                    .contains(method)
                    .contains("a rule that names the method"));
    Thread.sleep(1_500); // a few release-worker ticks
    assertThat(
            Counts.of(
                db,
                "SELECT count(*) FROM eth_transaction WHERE request_id = ?",
                UUID.fromString(id)))
        .isZero();
    assertThat(Counts.auditEntries(db, "transaction.signed", id)).isZero();
  }

  @Test
  void anUnlimitedApproveOfAnAddressBookTokenIsDeniedUnlessARuleNamesIt() throws Exception {
    String[] w = wallet(node, "token-ops");

    assertDeniedNaming(call(w[0], "0x095ea7b3" + SPENDER + UNLIMITED), "approve");
  }

  @Test
  void anUnknownMethodOnAnAddressBookTokenIsDenied() throws Exception {
    String[] w = wallet(node, "token-ops");

    // increaseAllowance(address,uint256): an allowance by another name.
    assertDeniedNaming(call(w[0], "0x39509351" + SPENDER + UNLIMITED), "0x39509351");
  }
}
