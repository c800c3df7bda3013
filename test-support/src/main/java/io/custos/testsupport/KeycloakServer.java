package io.custos.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real Keycloak (the {@code keycloak-quarkus-dist} that ./custos setup unpacks into {@code
 * .tools/}), started once per JVM in dev mode with an in-memory database, with the {@link
 * DemoRealm} imported through the admin API: the demo's people, and a {@code staking-bot} secret
 * chosen for this JVM. Stopped by a shutdown hook.
 */
public final class KeycloakServer {

  /** The realm we ship, imported into every server this class starts. */
  public static final String REALM = "custos";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(300);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static KeycloakServer shared;

  private final Process process;
  private final URI baseUrl;
  private final Path logFile;
  private final String adminPassword;
  private final String stakingBotSecret = DemoRealm.newSecret();

  private KeycloakServer(Process process, URI baseUrl, Path logFile, String adminPassword) {
    this.process = process;
    this.baseUrl = baseUrl;
    this.logFile = logFile;
    this.adminPassword = adminPassword;
  }

  /** The server for this JVM, started (and the realm imported) on first use. */
  public static synchronized KeycloakServer shared() {
    if (shared == null) {
      shared = start();
      KeycloakServer s = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(s::stop, "keycloak-stop"));
    }
    return shared;
  }

  /** The server root, e.g. {@code http://127.0.0.1:PORT}. */
  public URI baseUrl() {
    return baseUrl;
  }

  /** The issuer of tokens in the Custos realm. */
  public URI issuer() {
    return URI.create(baseUrl + "/realms/" + REALM);
  }

  public Path logFile() {
    return logFile;
  }

  /**
   * An access token for a person, by the password grant of the public {@code custos-cli} client.
   */
  public String passwordToken(String username, String password) {
    return token(
        Map.of(
            "grant_type",
            "password",
            "client_id",
            "custos-cli",
            "username",
            username,
            "password",
            password));
  }

  /**
   * A token of the master realm's bootstrap admin, for tests that set up what the shipped realm
   * must not contain (short-lived or audience-less clients, a second realm) through the admin API.
   */
  public String adminToken() {
    return postForm(
            baseUrl + "/realms/master/protocol/openid-connect/token",
            Map.of(
                "grant_type", "password",
                "client_id", "admin-cli",
                "username", "admin",
                "password", adminPassword))
        .get("access_token")
        .asText();
  }

  /** The secret of the demo realm's {@code staking-bot} service account, chosen for this JVM. */
  public String stakingBotSecret() {
    return stakingBotSecret;
  }

  /** An access token of the demo realm's {@code staking-bot}, by the client-credentials grant. */
  public String stakingBotToken() {
    return clientCredentialsToken(DemoRealm.BOT, stakingBotSecret);
  }

  /** An access token for a service account, by the client-credentials grant. */
  public String clientCredentialsToken(String clientId, String secret) {
    return token(
        Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
  }

  private String token(Map<String, String> form) {
    JsonNode json = postForm(issuer() + "/protocol/openid-connect/token", form);
    if (!json.hasNonNull("access_token")) {
      // The error body names the reason (invalid_grant, unauthorized_client); it holds no secret.
      throw new IllegalStateException("Keycloak refused the token request: " + json);
    }
    return json.get("access_token").asText();
  }

  private void stop() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static KeycloakServer start() {
    Path home = home();
    Path log = Tools.buildDir().resolve("keycloak/keycloak.log");
    int port = Ports.free();
    String adminPassword = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
    List<String> cmd =
        List.of(
            "bash",
            home.resolve("bin/kc.sh").toString(),
            "start-dev",
            "--http-host=127.0.0.1",
            "--http-port=" + port,
            "--http-management-port=" + Ports.free(),
            "--db=dev-mem",
            "--cache=local",
            // Brute-force protection stays on, but Keycloak 26 by default also refuses a login
            // while another one of the same user is in flight ("Invalid user credentials"), which
            // tests that fetch tokens from several threads ran into.
            "--spi-brute-force-protector--default-brute-force-detector--allow-concurrent-requests=true");
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder pb =
          new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
      pb.environment().put("JAVA_HOME", currentJavaHome().toString());
      pb.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
      pb.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
      KeycloakServer server =
          new KeycloakServer(
              pb.start(), URI.create("http://127.0.0.1:" + port), log, adminPassword);
      server.awaitReady();
      server.importRealm();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start Keycloak: " + e.getMessage(), e);
    }
  }

  private static Path home() {
    String version = System.getProperty("custos.keycloak.version", "26.7.3");
    Path home = Tools.toolsDir().resolve("keycloak-" + version);
    if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
      throw new MissingComponentException(
          "Keycloak " + version + " is not unpacked in " + home + ".", Tools.INSTALL_HINT);
    }
    return home;
  }

  private static Path currentJavaHome() {
    Path java = Paths.get(ProcessHandle.current().info().command().orElse("java"));
    return java.toAbsolutePath().getParent().getParent();
  }

  private void awaitReady() {
    Readiness.await(
        process,
        URI.create(baseUrl + "/realms/master"),
        START_TIMEOUT,
        "Keycloak",
        () -> Tools.tail(logFile, 30));
  }

  private void importRealm() {
    String realm = DemoRealm.json(Tools.rootDir(), stakingBotSecret);
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(baseUrl + "/admin/realms"))
            .header("Authorization", "Bearer " + adminToken())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(realm))
            .build();
    HttpResponse<String> resp = send(req);
    if (resp.statusCode() != 201) {
      throw new IllegalStateException(
          "Keycloak refused the realm import: " + resp.statusCode() + " " + resp.body());
    }
  }

  private static JsonNode postForm(String url, Map<String, String> form) {
    String body =
        form.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      return JSON.readTree(send(req).body());
    } catch (IOException e) {
      throw new IllegalStateException("unreadable answer from " + url, e);
    }
  }

  private static HttpResponse<String> send(HttpRequest req) {
    try {
      return HTTP.send(req, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(req.uri() + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
