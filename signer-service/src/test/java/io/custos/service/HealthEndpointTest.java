package io.custos.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HealthEndpointTest {

  @TestHTTPResource(value = "/", management = true)
  URI management;

  @Test
  void reportsLiveWithItsVersion() {
    given()
        .when()
        .get(management.resolve("/q/health/live"))
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.find { it.name == 'custos' }.data.version", equalTo("0.1.0-SNAPSHOT"));
  }
}
