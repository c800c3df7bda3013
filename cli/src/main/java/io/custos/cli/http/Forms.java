package io.custos.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** Form posts to the identity provider (OAuth 2.0 token and logout endpoints). */
public final class Forms {

  private Forms() {}

  /**
   * Posts the form and returns status and JSON body (null when the body is not JSON). Unreachable
   * is exit 3 naming Keycloak.
   */
  public static Reply post(Transport transport, URI url, Map<String, String> form) {
    String body =
        form.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
    HttpRequest req =
        HttpRequest.newBuilder(url)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      HttpResponse<String> res = transport.http().send(req, HttpResponse.BodyHandlers.ofString());
      JsonNode json;
      try {
        json = Json.parse(res.body());
      } catch (IllegalArgumentException e) {
        json = null;
      }
      return new Reply(res.statusCode(), json);
    } catch (IOException e) {
      throw Unreachable.of("the identity provider (Keycloak)", url, e);
    } catch (InterruptedException e) {
      throw Unreachable.interrupted();
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /**
   * @param status the HTTP status
   * @param json the body, or null when it was not JSON
   */
  public record Reply(int status, JsonNode json) {}
}
