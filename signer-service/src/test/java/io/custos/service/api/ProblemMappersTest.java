package io.custos.service.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProblemMappersTest {

  private static final String BASE = "/api/v1/test-problems";

  @Test
  void apiExceptionsBecomeProblemJsonWithTheirStableTypeAndExtensions() {
    given()
        .get(BASE + "/conflict")
        .then()
        .statusCode(409)
        .contentType(Problem.MEDIA_TYPE)
        .body("type", equalTo("urn:custos:problem:conflict"))
        .body("status", equalTo(409))
        .body("detail", equalTo("idempotency key reused with another body"))
        .body("instance", equalTo(BASE + "/conflict"))
        .body("requestId", equalTo("r-1"));
  }

  @Test
  void unexpectedFailuresHideInternalsAndCarryAnErrorId() {
    given()
        .get(BASE + "/boom")
        .then()
        .statusCode(500)
        .contentType(Problem.MEDIA_TYPE)
        .body("type", equalTo("urn:custos:problem:internal"))
        .body("detail", startsWith("an unexpected error occurred; quote error id "))
        .body(not(containsString("1234")))
        .body(not(containsString("IllegalStateException")));
  }

  @Test
  void malformedJsonIsAValidationProblem() {
    given()
        .contentType("application/json")
        .body("{\"amount\": ")
        .post(BASE)
        .then()
        .statusCode(400)
        .contentType(Problem.MEDIA_TYPE)
        .body("type", equalTo("urn:custos:problem:validation"));
  }

  @Test
  void unknownRoutesAreNotFoundProblems() {
    given()
        .get("/api/v1/no-such-thing")
        .then()
        .statusCode(404)
        .contentType(Problem.MEDIA_TYPE)
        .body("type", equalTo("urn:custos:problem:not-found"));
  }

  @Test
  void wrongMethodIsAMethodNotAllowedProblem() {
    given()
        .delete(BASE + "/conflict")
        .then()
        .statusCode(405)
        .contentType(Problem.MEDIA_TYPE)
        .body("type", equalTo("urn:custos:problem:method-not-allowed"));
  }

  @Test
  void everyResponseCarriesARequestIdAndKeepsASaneOneFromTheCaller() {
    given()
        .header("X-Request-Id", "client-42")
        .get(BASE + "/conflict")
        .then()
        .header("X-Request-Id", equalTo("client-42"));
    given()
        .header("X-Request-Id", "bad id with spaces")
        .get(BASE + "/conflict")
        .then()
        .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
  }
}
