package io.custos.service.policy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.custos.service.support.RealStack;
import io.custos.service.support.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(RealStack.class)
class PolicyResourceTest {

  @Test
  void anyAuthenticatedRoleSeesTheActivePolicy() {
    for (String user : new String[] {"alice", "ivan", "oscar"}) {
      given()
          .auth()
          .oauth2(Tokens.of(user))
          .get("/api/v1/policy")
          .then()
          .statusCode(200)
          .body("name", equalTo("custos-test"))
          .body("hash", matchesPattern("[0-9a-f]{64}"))
          .body("document", containsString("vendor-payout"));
    }
  }

  @Test
  void thePolicyIsNotShownWithoutAToken() {
    given().get("/api/v1/policy").then().statusCode(401);
  }
}
