package io.custos.service.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custos.service.support.RealStack;
import io.custos.service.support.Tokens;
import io.custos.testsupport.Anvil;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server-sent event stream of request state changes, read by a plain HTTP client. */
@QuarkusTest
@QuarkusTestResource(RealStack.class)
class RequestEventStreamTest {

  private static final String STRANGER = "0x3333333333333333333333333333333333333333";
  private static final String VENDOR = "0x1111111111111111111111111111111111111111";
  private static final List<String> ORDER =
      List.of("APPROVED", "SIGNED", "BROADCAST", "MINED", "CONFIRMED");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TestHTTPResource("/api/v1/requests/events")
  URI events;

  @ConfigProperty(name = "custos.ethereum.node-url")
  URI node;

  @Inject DataSource db;

  private final List<Stream<String>> open = new ArrayList<>();

  @AfterEach
  void closeStreams() {
    open.forEach(Stream::close);
  }

  /** One event as received: its SSE name and id, and its data. */
  record Received(String name, long id, JsonNode data) {}

  /** Subscribes with this token; events arrive in the returned queue. */
  private BlockingQueue<Received> subscribe(String token, String query) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(events + query))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "text/event-stream")
            .build();
    HttpResponse<Stream<String>> response =
        HttpClient.newHttpClient()
            .sendAsync(request, HttpResponse.BodyHandlers.ofLines())
            .get(30, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
    Stream<String> lines = response.body();
    open.add(lines);
    BlockingQueue<Received> queue = new LinkedBlockingQueue<>();
    Thread.ofVirtual().start(() -> parse(lines, queue));
    return queue;
  }

  private static void parse(Stream<String> lines, BlockingQueue<Received> queue) {
    String[] event = new String[3];
    try {
      lines.forEach(
          line -> {
            if (line.isEmpty()) {
              if (event[2] != null) {
                queue.add(new Received(event[0], Long.parseLong(event[1]), readTree(event[2])));
              }
              event[0] = event[1] = event[2] = null;
            } else if (line.startsWith("event:")) {
              event[0] = line.substring(6).trim();
            } else if (line.startsWith("id:")) {
              event[1] = line.substring(3).trim();
            } else if (line.startsWith("data:")) {
              event[2] = line.substring(5).trim();
            }
          });
    } catch (RuntimeException closed) {
      // the test closed the stream
    }
  }

  private static JsonNode readTree(String data) {
    try {
      return JSON.readTree(data);
    } catch (Exception e) {
      throw new IllegalStateException("event data is not JSON: " + data, e);
    }
  }

  private String submitTransfer() {
    String label = "e-" + UUID.randomUUID().toString().substring(0, 8);
    String address =
        given()
            .auth()
            .oauth2(Tokens.of("erin"))
            .contentType("application/json")
            .body(Map.of("label", label, "tags", List.of()))
            .post("/api/v1/wallets")
            .then()
            .statusCode(201)
            .extract()
            .path("address");
    Anvil.fund(node, address, BigInteger.TEN.pow(18));
    return given()
        .auth()
        .oauth2(Tokens.stakingBot())
        .contentType("application/json")
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(Map.of("wallet", label, "to", STRANGER, "value", "1000"))
        .post("/api/v1/requests")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  /** Collects the events of one request until it is CONFIRMED, mining blocks meanwhile. */
  private List<Received> untilConfirmed(BlockingQueue<Received> queue, String id) {
    List<Received> seen = new ArrayList<>();
    // Each poll takes at most one event (waiting up to 500 ms for it), so that the events after
    // CONFIRMED stay in the queue for the test to look at.
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(1))
        .untilAsserted(
            () -> {
              Received r = queue.poll(500, TimeUnit.MILLISECONDS);
              if (r == null) {
                Anvil.rpc(node, "anvil_mine", "0x1");
              } else if (r.data().get("id").asText().equals(id)) {
                seen.add(r);
              }
              assertThat(seen)
                  .extracting(e -> e.data().get("state").asText())
                  .as("states streamed for request " + id)
                  .contains("CONFIRMED");
            });
    return seen;
  }

  @Test
  void anAutoApprovedRequestStreamsApprovedSignedSentAndConfirmedInOrder() throws Exception {
    BlockingQueue<Received> all = subscribe(Tokens.of("ivan"), "");
    BlockingQueue<Received> someoneElse = subscribe(Tokens.of("alice"), "");

    String id = submitTransfer();
    List<Received> seen = untilConfirmed(all, id);

    List<String> states = seen.stream().map(r -> r.data().get("state").asText()).toList();
    assertThat(states).containsSubsequence("APPROVED", "SIGNED", "BROADCAST", "CONFIRMED");
    assertThat(states).isSortedAccordingTo((a, b) -> ORDER.indexOf(a) - ORDER.indexOf(b));
    assertThat(seen).allSatisfy(r -> assertThat(r.name()).isEqualTo("request"));
    assertThat(seen.stream().map(Received::id).toList()).isSorted().doesNotHaveDuplicates();
    assertThat(seen.getFirst().data().get("transaction").isNull()).isTrue();
    JsonNode confirmed = seen.getLast().data();
    assertThat(confirmed.get("transaction").get("hash").asText()).startsWith("0x").hasSize(66);
    assertThat(confirmed.get("transaction").get("blockNumber").isNumber()).isTrue();
    assertThat(Instant.parse(confirmed.get("at").asText())).isBefore(Instant.now());
    assertThat(confirmed.has("requester")).as("internal field not exposed").isFalse();
    assertThat(someoneElse)
        .as("alice, a requester, sees only her own requests")
        .noneMatch(r -> r.data().get("id").asText().equals(id));
  }

  @Test
  void aStreamForOneRequestCarriesOnlyThatRequest() throws Exception {
    String id = submitTransfer();
    BlockingQueue<Received> one = subscribe(Tokens.of("oscar"), "?id=" + id);
    BlockingQueue<Received> all = subscribe(Tokens.of("oscar"), "");
    String other = submitTransfer();

    untilConfirmed(all, other);
    untilConfirmed(one, id);
    assertThat(one).allMatch(r -> r.data().get("id").asText().equals(id));
  }

  @Test
  void aChangeCommittedByAnotherInstanceIsStreamedAndARolledBackOneIsNot() throws Exception {
    String id = pendingPayout();
    BlockingQueue<Received> one = subscribe(Tokens.of("ivan"), "?id=" + id);
    String expire =
        "UPDATE tx_request SET state = 'EXPIRED', updated_at = now() WHERE id = ?"
            + " AND state = 'PENDING_APPROVAL'";

    // Another instance is just another connection to the same database.
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement s = c.prepareStatement(expire)) {
        s.setObject(1, UUID.fromString(id));
        assertThat(s.executeUpdate()).isEqualTo(1);
      }
      c.rollback();
      Thread.sleep(1_500);
      assertThat(one).as("nothing announced by a rolled-back change").isEmpty();
      try (PreparedStatement s = c.prepareStatement(expire)) {
        s.setObject(1, UUID.fromString(id));
        assertThat(s.executeUpdate()).isEqualTo(1);
      }
      c.commit();
    }

    Received expired = one.poll(30, TimeUnit.SECONDS);
    assertThat(expired).isNotNull();
    assertThat(expired.data().get("id").asText()).isEqualTo(id);
    assertThat(expired.data().get("state").asText()).isEqualTo("EXPIRED");
  }

  /** A vendor payout waiting for approvals. */
  private String pendingPayout() {
    String label = "p-" + UUID.randomUUID().toString().substring(0, 8);
    given()
        .auth()
        .oauth2(Tokens.of("erin"))
        .contentType("application/json")
        .body(Map.of("label", label, "tags", List.of("treasury")))
        .post("/api/v1/wallets")
        .then()
        .statusCode(201);
    return given()
        .auth()
        .oauth2(Tokens.of("alice"))
        .contentType("application/json")
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(Map.of("wallet", label, "to", VENDOR, "value", "1000"))
        .post("/api/v1/requests")
        .then()
        .statusCode(201)
        .body("state", org.hamcrest.Matchers.equalTo("PENDING_APPROVAL"))
        .extract()
        .path("id");
  }

  @Test
  void aStreamForSomeoneElsesRequestIsNotFoundAndAnonymousCallersAreRefused() {
    String id = submitTransfer();
    given()
        .auth()
        .oauth2(Tokens.of("alice"))
        .get("/api/v1/requests/events?id=" + id)
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    given().get("/api/v1/requests/events").then().statusCode(401);
  }
}
