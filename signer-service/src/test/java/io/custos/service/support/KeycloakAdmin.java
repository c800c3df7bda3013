package io.custos.service.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custos.testsupport.KeycloakServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What token tests set up in the test run's Keycloak through its admin API, and never in the
 * shipped realm: clients with unusual settings, a second realm. Names are unique per call, so test
 * classes sharing the JVM's Keycloak do not meet.
 */
public final class KeycloakAdmin {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final KeycloakServer keycloak;

  public KeycloakAdmin(KeycloakServer keycloak) {
    this.keycloak = keycloak;
  }

  /**
   * A public client of the Custos realm that issues password-grant tokens. With {@code audience}
   * its tokens carry {@code custos-api} like the shipped clients; {@code attributes} are Keycloak
   * client attributes (e.g. {@code access.token.lifespan} in seconds).
   */
  public String createPasswordClient(
      String name, boolean audience, Map<String, String> attributes) {
    Map<String, Object> client =
        Map.of(
            "clientId", name,
            "enabled", true,
            "publicClient", true,
            "standardFlowEnabled", false,
            "directAccessGrantsEnabled", true,
            "fullScopeAllowed", true,
            "attributes", attributes,
            "protocolMappers", audience ? new Object[] {audienceMapper()} : new Object[0]);
    post("/admin/realms/" + KeycloakServer.REALM + "/clients", client);
    return name;
  }

  /**
   * A second realm on the same Keycloak, with its own signing key, that claims the same names: a
   * user {@code username} with the role {@code requester} and a client {@code custos-cli} whose
   * tokens carry the audience {@code custos-api}.
   */
  public void createLookalikeRealm(String realm, String username, String password) {
    Map<String, Object> user =
        Map.of(
            "username",
            username,
            "enabled",
            true,
            "emailVerified",
            true,
            "firstName",
            "Look",
            "lastName",
            "Alike",
            "email",
            username + "@lookalike.example",
            "credentials",
            new Object[] {Map.of("type", "password", "value", password, "temporary", false)},
            "realmRoles",
            new String[] {"requester"});
    Map<String, Object> client =
        Map.of(
            "clientId", "custos-cli",
            "publicClient", true,
            "directAccessGrantsEnabled", true,
            "standardFlowEnabled", false,
            "protocolMappers", new Object[] {audienceMapper()});
    post(
        "/admin/realms",
        Map.of(
            "realm",
            realm,
            "enabled",
            true,
            "sslRequired",
            "none",
            "roles",
            Map.of("realm", new Object[] {Map.of("name", "requester")}),
            "users",
            new Object[] {user},
            "clients",
            new Object[] {client}));
  }

  /**
   * A user of the Custos realm with password {@code <username>-demo} (as {@link Tokens#of}
   * expects), these realm roles and these groups (paths such as {@code /treasury}): a combination
   * of duties the demo realm does not have.
   */
  public String createUser(String username, List<String> roles, List<String> groups) {
    String realm = "/admin/realms/" + KeycloakServer.REALM;
    post(
        realm + "/users",
        Map.of(
            "username",
            username,
            "enabled",
            true,
            "emailVerified",
            true,
            "firstName",
            "Test",
            "lastName",
            "User",
            "email",
            username + "@custos.example",
            "groups",
            groups,
            "credentials",
            List.of(Map.of("type", "password", "value", username + "-demo", "temporary", false))));
    String id = get(realm + "/users?exact=true&username=" + username).get(0).get("id").asText();
    List<JsonNode> mappings = new ArrayList<>();
    for (String role : roles) {
      mappings.add(get(realm + "/roles/" + role));
    }
    send(admin(realm + "/users/" + id + "/role-mappings/realm", mappings), 204);
    return username;
  }

  /** A password-grant access token from any token endpoint (another host name, another realm). */
  public static String passwordToken(
      URI tokenEndpoint, String clientId, String username, String password) {
    String form =
        Map.of(
                "grant_type", "password",
                "client_id", clientId,
                "username", username,
                "password", password)
            .entrySet()
            .stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpRequest request =
        HttpRequest.newBuilder(tokenEndpoint)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    JsonNode answer = read(send(request));
    if (!answer.hasNonNull("access_token")) {
      throw new IllegalStateException("Keycloak refused the token request: " + answer);
    }
    return answer.get("access_token").asText();
  }

  private static Map<String, Object> audienceMapper() {
    return Map.of(
        "name", "custos-api-audience",
        "protocol", "openid-connect",
        "protocolMapper", "oidc-audience-mapper",
        "config",
            Map.of(
                "included.custom.audience", "custos-api",
                "id.token.claim", "false",
                "access.token.claim", "true"));
  }

  private void post(String path, Object body) {
    send(admin(path, body), 201);
  }

  private HttpRequest admin(String path, Object body) {
    try {
      return HttpRequest.newBuilder(URI.create(keycloak.baseUrl() + path))
          .header("Authorization", "Bearer " + keycloak.adminToken())
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
          .build();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonNode get(String path) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(keycloak.baseUrl() + path))
            .header("Authorization", "Bearer " + keycloak.adminToken())
            .GET()
            .build();
    HttpResponse<String> response = send(request);
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "Keycloak admin API refused " + path + ": " + response.statusCode());
    }
    return read(response);
  }

  private static void send(HttpRequest request, int expected) {
    HttpResponse<String> response = send(request);
    if (response.statusCode() != expected) {
      throw new IllegalStateException(
          "Keycloak admin API refused "
              + request.uri().getPath()
              + ": "
              + response.statusCode()
              + " "
              + response.body());
    }
  }

  private static JsonNode read(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException("unreadable answer: " + response.body(), e);
    }
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(request.uri() + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
