package io.custos.service.attacks;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.custos.service.support.RealStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Anyone who reaches the API port (every client does) must not read the metrics, which name every
 * wallet address, nor the map of the API: those are served on the management port only.
 */
@QuarkusTest
@QuarkusTestResource(RealStack.class)
class OperationalEndpointExposureAttackTest {

  @TestHTTPResource(value = "/", management = true)
  URI management;

  @ParameterizedTest
  @ValueSource(
      strings = {"/q/metrics", "/q/health/ready", "/q/openapi", "/q/swagger-ui/", "/q/swagger-ui"})
  void theApiPortServesNoOperationalEndpoint(String path) {
    var response = given().redirects().follow(false).get(path);

    assertThat(response.statusCode()).as(path).isEqualTo(404);
    assertThat(response.asString()).doesNotContain("custos_next_nonce", "openapi:");
  }

  @Test
  void theManagementPortServesMetricsAndHealth() {
    assertThat(given().get(management.resolve("/q/metrics")).asString())
        .contains("custos_transactions");
    given().get(management.resolve("/q/health/ready")).then().statusCode(200);
  }
}
