package io.custos.service.attacks;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.custos.service.support.Counts;
import io.custos.service.support.Tokens;
import io.custos.testsupport.Anvil;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The API calls every attack makes: wallets, submissions and reading a request back, and the
 * evidence that something was (not) signed.
 */
final class AttackApi {

  static final String REQUESTS = "/api/v1/requests";
  static final String VENDOR = "0x1111111111111111111111111111111111111111";
  static final String TST = "0x8bBC3514477d75EC797BBe4e19d7961660Bb849c";
  static final String STRANGER = "0x3333333333333333333333333333333333333333";

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

  /** Submits {@code body} with a fresh idempotency key; returns the new request's id. */
  static String submitted(String token, Map<String, Object> body) {
    return as(token)
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(body)
        .post(REQUESTS)
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  static void awaitState(String id, String wanted) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(300))
        .until(() -> wanted.equals(show(id).getString("state")));
  }

  /** Transactions signed for the request: rows and {@code transaction.signed} audit entries. */
  static long signed(DataSource db, String id) throws Exception {
    return Counts.of(db, "SELECT count(*) FROM eth_transaction WHERE request_id = ?", uuid(id))
        + Counts.auditEntries(db, "transaction.signed", id);
  }

  /**
   * {@code policy.decided} entries that moved the request out of {@code from}, sequenced or still
   * in the inbox.
   */
  static long decidedFrom(DataSource db, String id, String from) throws Exception {
    String like = "%\"from\":\"" + from + "\"%\"requestId\":\"" + id + "\"%";
    try (var c = db.getConnection();
        var s =
            c.prepareStatement(
                "SELECT (SELECT count(*) FROM audit_entry WHERE entry_type = 'policy.decided'"
                    + " AND entry LIKE ?) + (SELECT count(*) FROM audit_inbox i"
                    + " WHERE entry_type = 'policy.decided' AND payload LIKE ? AND NOT EXISTS"
                    + " (SELECT 1 FROM audit_entry e WHERE e.inbox_id = i.id))")) {
      s.setString(1, like);
      s.setString(2, like);
      try (var rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  static UUID uuid(String id) {
    return UUID.fromString(id);
  }
}
