package io.custos.service.attacks;

import static io.restassured.RestAssured.given;

import io.custos.service.support.Tokens;
import io.custos.testsupport.Anvil;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.math.BigInteger;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The API calls every attack makes: wallets, submissions and reading a request back. */
final class AttackApi {

  static final String REQUESTS = "/api/v1/requests";
  static final String VENDOR = "0x1111111111111111111111111111111111111111";
  static final String TST = "0x8bBC3514477d75EC797BBe4e19d7961660Bb849c";

  private AttackApi() {}

  static RequestSpecification as(String token) {
    return given().auth().oauth2(token).contentType("application/json");
  }

  /** A new wallet with these tags, funded with 10 ETH; returns {label, address}. */
  static String[] wallet(URI node, String... tags) {
    String label = "atk-" + UUID.randomUUID().toString().substring(0, 8);
    String address =
        as(Tokens.of("erin"))
            .body(Map.of("label", label, "tags", List.of(tags)))
            .post("/api/v1/wallets")
            .then()
            .statusCode(201)
            .extract()
            .path("address");
    Anvil.fund(node, address, BigInteger.TEN.pow(19));
    return new String[] {label, address};
  }

  static Response submit(String token, String idempotencyKey, Object body) {
    return as(token).header("Idempotency-Key", idempotencyKey).body(body).post(REQUESTS);
  }

  static JsonPath show(String id) {
    return as(Tokens.of("ivan"))
        .get(REQUESTS + "/" + id)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }
}
