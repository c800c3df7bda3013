package io.custos.devstack.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTP API of the local stack as the bench uses it: Keycloak tokens for the demo's staking bot
 * (client credentials) and admin erin (password grant), wallets, transfers, request reads.
 */
final class CustosApi {

  /** The demo's vendor ACME: the bench pays it 1 gwei per transfer. */
  static final String VENDOR = "0x1111111111111111111111111111111111111111";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TOKEN_REUSE = Duration.ofSeconds(60);

  private final HttpClient http;
  private final BenchArgs args;
  private final String runId;
  private final AtomicLong submissions = new AtomicLong();
  private volatile String botToken;
  private volatile Instant botTokenAt = Instant.EPOCH;

  CustosApi(BenchArgs args) {
    this.args = args;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    this.runId = Long.toString(System.currentTimeMillis(), 36);
  }

  /** The label of the i-th bench wallet; created by admin erin and funded when missing. */
  static String walletLabel(int i) {
    return "bench-" + i;
  }

  /** Creates the wallet if it does not exist yet; returns its address. */
  String ensureWallet(String label) throws IOException, InterruptedException {
    String admin = passwordToken("erin");
    HttpResponse<String> found = send(get("/api/v1/wallets/" + label, admin));
    if (found.statusCode() == 200) {
      return JSON.readTree(found.body()).path("wallet").path("address").asText();
    }
    String body = JSON.writeValueAsString(Map.of("label", label, "tags", List.of("bench")));
    JsonNode made = expect(201, send(post("/api/v1/wallets", admin, body, null)));
    return made.path("address").asText();
  }

  /** Submits a transfer from {@code wallet} with a key of its own; returns the request id. */
  UUID submitTransfer(String wallet) throws IOException, InterruptedException {
    String body =
        JSON.writeValueAsString(Map.of("wallet", wallet, "to", VENDOR, "value", "1000000000"));
    String key = "bench-" + runId + "-" + submissions.incrementAndGet();
    JsonNode made = expect(201, send(post("/api/v1/requests", botToken(), body, key)));
    if (!"ALLOW".equals(made.path("decision").path("outcome").asText())) {
      throw new IOException("request " + made.path("id") + " was not allowed: " + made);
    }
    return UUID.fromString(made.path("id").asText());
  }

  /** The request's transaction, or a null node before it is signed. */
  JsonNode transaction(UUID id) throws IOException, InterruptedException {
    return expect(200, send(get("/api/v1/requests/" + id, botToken()))).path("transaction");
  }

  private synchronized String botToken() throws IOException, InterruptedException {
    if (Duration.between(botTokenAt, Instant.now()).compareTo(TOKEN_REUSE) > 0) {
      botToken =
          token(
              "grant_type=client_credentials&client_id=staking-bot&client_secret="
                  + URLEncoder.encode(
                      Files.readString(args.botSecretFile()).strip(), StandardCharsets.UTF_8));
      botTokenAt = Instant.now();
    }
    return botToken;
  }

  private String passwordToken(String user) throws IOException, InterruptedException {
    return token(
        "grant_type=password&client_id=custos-cli&username="
            + URLEncoder.encode(user, StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(user + "-demo", StandardCharsets.UTF_8));
  }

  private String token(String form) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(args.issuer() + "/protocol/openid-connect/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    return expect(200, send(request)).path("access_token").asText();
  }

  /** Funds {@code address} from anvil's first dev account when it holds less than 1 ETH. */
  void fundIfPoor(String address) throws IOException, InterruptedException {
    BigInteger ether = BigInteger.TEN.pow(18);
    if (balance(address).compareTo(ether) >= 0) {
      return;
    }
    String from = rpc("eth_accounts", List.of()).get(0).asText();
    rpc(
        "eth_sendTransaction",
        List.of(
            Map.of("from", from, "to", address, "value", "0x" + ether.shiftLeft(7).toString(16))));
    Instant deadline = Instant.now().plusSeconds(30);
    while (balance(address).compareTo(ether) < 0) {
      if (Instant.now().isAfter(deadline)) {
        throw new IOException("funding " + address + " was not mined in 30 s");
      }
      Thread.sleep(200);
    }
  }

  /**
   * Transactions the service still follows (SIGNED, BROADCAST, MINED), from its metrics (on the
   * management port); the gauges are refreshed at every follow tick.
   */
  long openTransactions() throws IOException, InterruptedException {
    HttpResponse<String> metrics =
        send(HttpRequest.newBuilder(args.management().resolve("/q/metrics")).GET().build());
    long open = 0;
    for (String line : metrics.body().split("\n")) {
      for (String state : List.of("SIGNED", "BROADCAST", "MINED")) {
        if (line.startsWith("custos_transactions{state=\"" + state + "\"}")) {
          open += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
    }
    return open;
  }

  private BigInteger balance(String address) throws IOException, InterruptedException {
    return new BigInteger(
        rpc("eth_getBalance", List.of(address, "latest")).asText().substring(2), 16);
  }

  private JsonNode rpc(String method, List<Object> params)
      throws IOException, InterruptedException {
    String body =
        JSON.writeValueAsString(
            Map.of("jsonrpc", "2.0", "id", 1, "method", method, "params", params));
    HttpRequest request =
        HttpRequest.newBuilder(args.node())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    JsonNode answer = expect(200, send(request));
    if (answer.has("error")) {
      throw new IOException(method + " failed: " + answer.get("error"));
    }
    return answer.get("result");
  }

  private HttpRequest get(String path, String token) {
    return HttpRequest.newBuilder(args.service().resolve(path))
        .header("Authorization", "Bearer " + token)
        .GET()
        .build();
  }

  private HttpRequest post(String path, String token, String body, String idempotencyKey) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(args.service().resolve(path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (idempotencyKey != null) {
      b.header("Idempotency-Key", idempotencyKey);
    }
    return b.build();
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode expect(int status, HttpResponse<String> response) throws IOException {
    if (response.statusCode() != status) {
      throw new IOException(
          response.request().method()
              + " "
              + response.request().uri()
              + " answered "
              + response.statusCode()
              + ": "
              + response.body());
    }
    return JSON.readTree(response.body());
  }
}
