package io.custos.service.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.custos.service.support.RealStack;
import io.custos.testsupport.KeycloakServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(RealStack.class)
class MeResourceTest {

  @Test
  void refusesARequestWithoutATokenAsProblemJson() {
    given()
        .get("/api/v1/me")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", "Bearer")
        .body("type", equalTo("urn:custos:problem:unauthenticated"));
  }

  @Test
  void refusesAForgedToken() {
    given()
        .auth()
        .oauth2("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJtYWxsb3J5In0.c2lnbmF0dXJl")
        .get("/api/v1/me")
        .then()
        .statusCode(401)
        .body("type", equalTo("urn:custos:problem:unauthenticated"));
  }

  @Test
  void seesAPersonsRolesAndGroupsFromARealKeycloakToken() {
    String token = KeycloakServer.shared().passwordToken("bob", "bob-demo");
    given()
        .auth()
        .oauth2(token)
        .get("/api/v1/me")
        .then()
        .statusCode(200)
        .body("username", equalTo("bob"))
        .body("roles", hasItem("approver"))
        .body("groups", contains("treasury"))
        .body("serviceAccount", equalTo(false));
  }

  @Test
  void recognisesTheStakingBotAsAServiceAccount() {
    String token = KeycloakServer.shared().stakingBotToken();
    given()
        .auth()
        .oauth2(token)
        .get("/api/v1/me")
        .then()
        .statusCode(200)
        .body("username", equalTo("service-account-staking-bot"))
        .body("roles", hasItem("requester"))
        .body("serviceAccount", equalTo(true));
  }
}
