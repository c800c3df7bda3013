package io.custos.service.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.custos.service.support.RealStack;
import io.custos.service.support.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One caller opens event streams without end: each holds a connection and a subscriber that every
 * request event is offered to, until the service starves. Past the per-subject cap a new stream is
 * refused, and other callers still get theirs.
 */
@QuarkusTest
@QuarkusTestResource(RealStack.class)
@TestProfile(TightLimits.class)
class EventStreamExhaustionAttackTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TestHTTPResource("/api/v1/requests/events")
  URI events;

  private final List<InputStream> open = new ArrayList<>();

  @AfterEach
  void closeStreams() throws Exception {
    for (InputStream s : open) {
      s.close();
    }
  }

  @Test
  void streamsBeyondTheCapPerSubjectAreRefusedWhileOthersStillConnect() throws Exception {
    String alice = Tokens.of("alice");
    for (int i = 0; i < TightLimits.STREAMS_PER_SUBJECT; i++) {
      assertThat(open(alice).statusCode()).as("stream %d", i + 1).isEqualTo(200);
    }

    HttpResponse<InputStream> refused = open(alice);

    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    assertThat(JSON.readTree(refused.body()).path("type").asText())
        .isEqualTo("urn:custos:problem:too-many-streams");
    assertThat(open(Tokens.of("bob")).statusCode()).as("another caller").isEqualTo(200);
  }

  private HttpResponse<InputStream> open(String token) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(events)
            .header("Authorization", "Bearer " + token)
            .header("Accept", "text/event-stream")
            .build();
    HttpResponse<InputStream> response =
        HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
            .get(30, TimeUnit.SECONDS);
    open.add(response.body());
    return response;
  }
}
