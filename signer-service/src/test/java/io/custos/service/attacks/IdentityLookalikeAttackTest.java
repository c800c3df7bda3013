package io.custos.service.attacks;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.custos.service.support.KeycloakAdmin;
import io.custos.service.support.RealStack;
import io.custos.service.support.Tokens;
import io.custos.testsupport.KeycloakServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Someone who may create users or groups in the realm (a help desk, a department's own group
 * admin), but may not change the policy, makes a person look like what the policy trusts: an
 * automation client by its name, or a treasury approver by a group of the same name elsewhere in
 * the tree. Custos reads neither from names.
 */
@QuarkusTest
@QuarkusTestResource(RealStack.class)
class IdentityLookalikeAttackTest {

  private static final String PASSWORD = "lookalike-secret";

  private final KeycloakAdmin admin = new KeycloakAdmin(KeycloakServer.shared());

  @Test
  void aPersonNamedLikeAServiceAccountIsNotOne() {
    String name = "service-account-x" + suffix();
    admin.createUser(name, PASSWORD, List.of("requester"), List.of());

    JsonPath me = me(KeycloakServer.shared().passwordToken(name, PASSWORD));

    assertThat(me.getString("username")).isEqualTo(name);
    assertThat(me.getBoolean("serviceAccount")).isFalse();
  }

  @Test
  void theStakingBotsClientCredentialsTokenIsStillAServiceAccount() {
    assertThat(me(Tokens.stakingBot()).getBoolean("serviceAccount")).isTrue();
  }

  @Test
  void aMemberOfANestedGroupNamedTreasuryIsNotInTreasury() {
    String name = "nested" + suffix();
    String path = "/other" + suffix() + "/treasury";
    admin.createUser(name, PASSWORD, List.of("approver"), List.of(path));

    JsonPath me = me(KeycloakServer.shared().passwordToken(name, PASSWORD));

    assertThat(me.getList("groups", String.class)).containsExactly(path);
  }

  @Test
  void aMemberOfTheTopLevelTreasuryGroupIsInTreasury() {
    assertThat(me(Tokens.of("bob")).getList("groups", String.class)).containsExactly("treasury");
  }

  private static JsonPath me(String token) {
    return given()
        .auth()
        .oauth2(token)
        .get("/api/v1/me")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static String suffix() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
