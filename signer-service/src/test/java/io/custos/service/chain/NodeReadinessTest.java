package io.custos.service.chain;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.custos.service.support.RealStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(RealStack.class)
class NodeReadinessTest {

  @TestHTTPResource(value = "/", management = true)
  URI management;

  @Test
  void isReadyWhenTheNodeAnswersOnTheConfiguredChain() {
    given()
        .get(management.resolve("/q/health/ready"))
        .then()
        .statusCode(200)
        .body("checks.find { it.name == 'ethereum-node' }.status", equalTo("UP"))
        .body("checks.find { it.name == 'ethereum-node' }.data.chainId", equalTo(31337));
  }
}
