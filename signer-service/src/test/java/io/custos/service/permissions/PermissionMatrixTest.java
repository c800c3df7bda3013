package io.custos.service.permissions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custos.service.permissions.PermissionTable.Endpoint;
import io.custos.service.permissions.PermissionTable.Outcome;
import io.custos.service.support.RealStack;
import io.custos.service.support.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Walks every cell of the permission table with real Keycloak tokens: each endpoint, called by an
 * anonymous client, a colleague with no Custos role, a caller holding exactly one role for each
 * role, an admin who also approves and the staking bot's service account. A cell passes when the
 * authorization layer answers as the table says; what the endpoint does afterwards with the dummy
 * ids and empty bodies (404, 400, 422) is its own business, but it must not fail (5xx).
 */
@QuarkusTest
@QuarkusTestResource(RealStack.class)
class PermissionMatrixTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private static final Pattern PARAM = Pattern.compile("\\{(\\w+)}");

  /** A value of the right type for each path parameter, naming nothing that exists. */
  private static final Map<String, String> SAMPLES =
      Map.of(
          "id", UUID.randomUUID().toString(),
          "label", "no-such-wallet",
          "seq", "0",
          "address", "0x00000000000000000000000000000000000000aa");

  @TestHTTPResource("/")
  URI root;

  /** The operational endpoints ({@code /q/...}) are served there, never on the API port. */
  @TestHTTPResource(value = "/", management = true)
  URI management;

  /** Someone calling the API, with the Custos roles their token carries. */
  record Caller(String name, String token, Set<String> roles) {
    boolean anonymous() {
      return token == null;
    }
  }

  @Test
  void everyCallerGetsWhatTheTableSaysOnEveryEndpoint() throws Exception {
    List<Endpoint> table = PermissionTable.load();
    List<Caller> callers = callers();
    List<String> wrong = new ArrayList<>();
    for (Endpoint endpoint : table) {
      for (Caller caller : callers) {
        Outcome expected =
            caller.anonymous()
                ? endpoint.expectedForAnonymous()
                : endpoint.expectedFor(caller.roles());
        String observed = call(endpoint, caller);
        if (!observed.equals(expected.name())) {
          wrong.add(
              endpoint.key() + " as " + caller.name() + ": " + observed + ", not " + expected);
        }
      }
    }
    System.out.printf(
        "permission matrix: %d endpoints x %d callers = %d cells walked, %d wrong%n",
        table.size(), callers.size(), table.size() * callers.size(), wrong.size());
    assertThat(wrong).as("cells that disagree with %s", PermissionTable.SOURCE).isEmpty();
  }

  @Test
  void theCallersCoverEveryRoleAlone() {
    List<Caller> callers = callers();
    Set<Set<String>> held = new HashSet<>();
    callers.stream().filter(c -> !c.anonymous()).forEach(c -> held.add(c.roles()));
    for (String role : PermissionTable.ROLES) {
      assertThat(held).as("a caller holding only %s", role).contains(Set.of(role));
    }
    assertThat(held).as("a caller with no Custos role").contains(Set.of());
    assertThat(callers).anyMatch(Caller::anonymous);
  }

  private static List<Caller> callers() {
    List<Caller> out = new ArrayList<>();
    out.add(new Caller("anonymous", null, Set.of()));
    for (String user : List.of("nora", "alice", "bob", "oscar", "heidi", "erin", "ivan", "gwen")) {
      out.add(caller(user, Tokens.of(user)));
    }
    out.add(caller("staking-bot", Tokens.stakingBot()));
    return out;
  }

  /** The Custos roles are read from the real token, so the expectations follow the realm. */
  private static Caller caller(String name, String token) {
    try {
      String payload = token.split("\\.")[1];
      JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(payload));
      Set<String> roles = new TreeSet<>();
      claims.path("realm_access").path("roles").forEach(r -> roles.add(r.asText()));
      roles.retainAll(PermissionTable.ROLES);
      return new Caller(name + " " + roles, token, roles);
    } catch (IOException e) {
      throw new IllegalStateException("unreadable token of " + name, e);
    }
  }

  /**
   * Calls the endpoint and says how authorization answered: ALLOWED, UNAUTHENTICATED or FORBIDDEN,
   * or a description of anything else worth failing on. A successful body is never read, so an
   * event stream does not hold the walk.
   */
  private String call(Endpoint endpoint, Caller caller) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                (endpoint.path().startsWith("/q/") ? management : root)
                    .resolve(concretePath(endpoint.path())))
            .timeout(Duration.ofSeconds(30));
    if (!caller.anonymous()) {
      request.header("Authorization", "Bearer " + caller.token());
    }
    if (endpoint.method().equals("GET") || endpoint.method().equals("DELETE")) {
      request.method(endpoint.method(), HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(endpoint.method(), HttpRequest.BodyPublishers.ofString("{}"));
    }
    HttpResponse<InputStream> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    int status = response.statusCode();
    try (InputStream body = response.body()) {
      if (status != 401 && status != 403 && status < 500) {
        return Outcome.ALLOWED.name();
      }
      String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
      return classify(status, text);
    }
  }

  private static String classify(int status, String body) {
    String type = problemType(body);
    if (status == 401 && "urn:custos:problem:unauthenticated".equals(type)) {
      return Outcome.UNAUTHENTICATED.name();
    }
    if (status == 403 && "urn:custos:problem:forbidden".equals(type)) {
      return Outcome.FORBIDDEN.name();
    }
    if (status == 403 && type != null && type.startsWith("urn:custos:problem:")) {
      // A domain refusal (e.g. self-approval): the roles let the caller in.
      return Outcome.ALLOWED.name();
    }
    return "status " + status + " " + body;
  }

  private static String problemType(String body) {
    try {
      return JSON.readTree(body).path("type").asText(null);
    } catch (IOException e) {
      return null;
    }
  }

  private static String concretePath(String template) {
    Matcher m = PARAM.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String sample = SAMPLES.get(m.group(1));
      if (sample == null) {
        throw new IllegalStateException(
            "no sample value for {" + m.group(1) + "}: add one to PermissionMatrixTest.SAMPLES");
      }
      m.appendReplacement(out, sample);
    }
    m.appendTail(out);
    return out.toString().substring(1);
  }
}
