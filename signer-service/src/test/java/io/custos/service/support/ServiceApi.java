package io.custos.service.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The REST API of a service process, as a client sees it: real tokens, JSON over HTTP. */
public final class ServiceApi {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final URI base;

  public ServiceApi(URI base) {
    this.base = base;
  }

  /** Creates a wallet (as the admin erin); returns its address. */
  public String createWallet(String label) {
    JsonNode w = call("POST", "/api/v1/wallets", Tokens.of("erin"), null, Map.of("label", label));
    return w.get("address").asText();
  }

  /** Submits a transfer of {@code wei} from {@code wallet} to {@code to}; returns the request. */
  public JsonNode submit(String token, String idempotencyKey, String wallet, String to, long wei) {
    return call(
        "POST",
        "/api/v1/requests",
        token,
        idempotencyKey,
        Map.of("wallet", wallet, "to", to, "value", Long.toString(wei)));
  }

  private JsonNode call(
      String method, String path, String token, String idempotencyKey, Object body) {
    try {
      HttpRequest.Builder req =
          HttpRequest.newBuilder(base.resolve(path))
              .timeout(Duration.ofSeconds(30))
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", "application/json")
              .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
      if (idempotencyKey != null) {
        req.header("Idempotency-Key", idempotencyKey);
      }
      HttpResponse<String> resp = HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
      if (resp.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            method + " " + path + " answered " + resp.statusCode() + ": " + resp.body());
      }
      return JSON.readTree(resp.body());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
