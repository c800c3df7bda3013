package io.custos.service.attacks;

import static io.custos.service.attacks.AttackApi.STRANGER;
import static io.custos.service.attacks.AttackApi.TST;
import static io.custos.service.attacks.AttackApi.VENDOR;
import static io.custos.service.attacks.AttackApi.awaitState;
import static io.custos.service.attacks.AttackApi.show;
import static io.custos.service.attacks.AttackApi.signed;
import static io.custos.service.attacks.AttackApi.submitted;
import static io.custos.service.attacks.AttackApi.uuid;
import static io.custos.service.attacks.AttackApi.wallet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.custos.service.request.Erc20Fixture;
import io.custos.service.support.Counts;
import io.custos.service.support.DeviceKeys;
import io.custos.service.support.RealStack;
import io.custos.service.support.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, attack 3: an approved request that cannot be sent waited forever, tried every second,
 * and would be signed weeks later. It now shows why it waits, backs off, and expires after {@code
 * custos.requests.approved-max-age} (24 h; the tests move its release time back instead).
 */
@QuarkusTest
@QuarkusTestResource(RealStack.class)
class StaleApprovedRequestAttackTest {

  @Inject DataSource db;

  @ConfigProperty(name = "custos.ethereum.node-url")
  URI node;

  @TestHTTPResource("/api/v1/requests/events")
  URI events;

  /** Moves the request's release time back past the maximum age, as if it had waited a day. */
  private void ageByADay(String id) throws Exception {
    try (var c = db.getConnection();
        var s =
            c.prepareStatement(
                "UPDATE tx_request SET not_before = not_before - interval '25 hours'"
                    + " WHERE id = ?")) {
      s.setObject(1, uuid(id));
      assertThat(s.executeUpdate()).isEqualTo(1);
    }
  }

  /** The data of the first request event of {@code id} that carries a send error. */
  private CompletableFuture<String> firstEventWithSendError(String id) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(events + "?id=" + id))
            .header("Authorization", "Bearer " + Tokens.of("ivan"))
            .header("Accept", "text/event-stream")
            .build();
    HttpResponse<Stream<String>> response =
        HttpClient.newHttpClient()
            .sendAsync(request, HttpResponse.BodyHandlers.ofLines())
            .get(30, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    return CompletableFuture.supplyAsync(
        () -> {
          try (Stream<String> lines = response.body()) {
            return lines
                .filter(l -> l.startsWith("data:") && l.contains("sendError"))
                .findFirst()
                .orElse("");
          }
        });
  }

  @Test
  void anApprovedRequestOlderThanTheMaxAgeExpiresAndIsNeverSigned() throws Exception {
    String[] w = wallet(node);
    // A fee cap of 1 wei per gas: the network never gets that cheap, so it waits.
    String id =
        submitted(
            Tokens.stakingBot(),
            Map.of(
                "wallet", w[0],
                "to", STRANGER,
                "value", "1",
                "maxFeePerGas", "1",
                "maxPriorityFeePerGas", "1"));
    assertThat(show(id).getString("state")).isEqualTo("APPROVED");

    ageByADay(id);

    awaitState(id, "EXPIRED");
    assertThat(signed(db, id)).isZero();
    assertThat(Counts.auditEntries(db, "request.expired", id)).isEqualTo(1);
  }

  @Test
  void aRevertingErc20PayoutShowsWhyBacksOffAndExpires() throws Exception {
    Erc20Fixture.deployAndMint(node, TST);
    String[] w = wallet(node, "treasury");
    String id =
        submitted(
            Tokens.of("alice"),
            Map.of("wallet", w[0], "to", VENDOR, "token", "TST", "amount", "250"));
    CompletableFuture<String> announced = firstEventWithSendError(id);
    DeviceKeys.verdict("bob", id, "approve").then().statusCode(200);

    assertThat(announced.get(30, TimeUnit.SECONDS))
        .as("the failed attempt is a request event with its reason")
        .contains("\"sendError\"");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(show(id).getString("sendError")).isNotBlank());
    JsonPath view = show(id);
    assertThat(view.getString("state")).isEqualTo("APPROVED");
    assertThat(view.getString("lastAttempt")).isNotNull();
    int before = view.getInt("sendAttempts");
    Thread.sleep(6_000);
    int after = show(id).getInt("sendAttempts");
    assertThat(after - before)
        .as("attempts in 6 s: backing off, not once a second")
        .isBetween(0, 3);

    ageByADay(id);
    awaitState(id, "EXPIRED");
    assertThat(signed(db, id)).isZero();
    assertThat(Counts.auditEntries(db, "request.expired", id)).isEqualTo(1);
  }
}
