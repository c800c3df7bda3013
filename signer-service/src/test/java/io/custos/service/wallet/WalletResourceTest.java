package io.custos.service.wallet;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

import io.custos.hsm.KeyRef;
import io.custos.hsm.KeyVault;
import io.custos.service.support.RealStack;
import io.custos.service.support.Tokens;
import io.custos.testsupport.Anvil;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.net.URI;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Keys;

@QuarkusTest
@QuarkusTestResource(RealStack.class)
class WalletResourceTest {

  private static final String API = "/api/v1/wallets";

  @Inject KeyVault vault;

  @ConfigProperty(name = "custos.ethereum.node-url")
  URI node;

  private static io.restassured.specification.RequestSpecification as(String user) {
    return given().auth().oauth2(Tokens.of(user)).contentType("application/json");
  }

  @Test
  void anAdminCreatesAWalletWhoseKeyIsBornInTheHsm() {
    String address =
        as("erin")
            .body(Map.of("label", "treasury-hot", "tags", java.util.List.of("treasury", "hot")))
            .post(API)
            .then()
            .statusCode(201)
            .header("Location", matchesPattern(".*/api/v1/wallets/treasury-hot$"))
            .body("label", equalTo("treasury-hot"))
            .body("chainId", equalTo(31337))
            .body("tags", equalTo(java.util.List.of("hot", "treasury")))
            .body("createdBy", equalTo("erin"))
            .extract()
            .path("address");

    assertThat(Keys.toChecksumAddress(address)).isEqualTo(address);
    var key = vault.find(KeyRef.label(WalletService.KEY_LABEL_PREFIX + "treasury-hot"));
    assertThat(key).isPresent();
    assertThat(key.get().address().toString()).isEqualTo(address);
  }

  @Test
  void showsBalanceAndNonceFromTheNode() {
    String address =
        as("erin")
            .body(Map.of("label", "payouts"))
            .post(API)
            .then()
            .statusCode(201)
            .extract()
            .path("address");
    Anvil.fund(node, address, BigInteger.TEN.pow(18));

    as("ivan")
        .get(API + "/payouts")
        .then()
        .statusCode(200)
        .body("wallet.address", equalTo(address))
        .body("balanceWei", equalTo("1000000000000000000"))
        .body("nonce", equalTo(0));
  }

  @Test
  void refusesASecondWalletWithTheSameLabel() {
    as("erin").body(Map.of("label", "cold")).post(API).then().statusCode(201);
    as("erin")
        .body(Map.of("label", "cold"))
        .post(API)
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:custos:problem:conflict"))
        .body("label", equalTo("cold"));
  }

  @Test
  void refusesMalformedLabelsAndTags() {
    as("erin")
        .body(Map.of("label", "Has Spaces"))
        .post(API)
        .then()
        .statusCode(400)
        .body("type", equalTo("urn:custos:problem:validation"));
    as("erin")
        .body(Map.of("label", "ok-label", "tags", java.util.List.of("BAD TAG")))
        .post(API)
        .then()
        .statusCode(400)
        .body("detail", matchesPattern(".*BAD TAG.*"));
  }

  @Test
  void onlyAdminsCreateAndOnlyAdminsAndAuditorsRead() {
    as("alice").body(Map.of("label", "alices")).post(API).then().statusCode(403);
    as("alice").get(API).then().statusCode(403);
    given().get(API).then().statusCode(401);
    as("ivan").get(API).then().statusCode(200);
  }

  @Test
  void aTagChangeIsProposedToTheAdminsAndChangesNothingYet() {
    as("erin").body(Map.of("label", "ops")).post(API).then().statusCode(201);
    as("erin")
        .body(Map.of("tags", java.util.List.of("staking")))
        .put(API + "/ops/tags")
        .then()
        .statusCode(202)
        .body("kind", equalTo("wallet.tags"))
        .body("state", equalTo("PENDING_APPROVAL"))
        .body("wallet.tags", hasItem("staking"));
    as("ivan")
        .get(API)
        .then()
        .statusCode(200)
        .body("find { it.label == 'ops' }.tags", equalTo(java.util.List.of()));
    as("erin")
        .body(Map.of("tags", java.util.List.of()))
        .put(API + "/nope/tags")
        .then()
        .statusCode(404);
    as("alice")
        .body(Map.of("tags", java.util.List.of()))
        .put(API + "/ops/tags")
        .then()
        .statusCode(403);
    as("erin").get(API + "/nope").then().statusCode(404);
  }
}
