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
import java.util.Arrays;
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
   * A person of the Custos realm with these realm roles, in the groups at these paths (created with
   * their parents when missing, e.g. {@code /other/treasury}), who logs in with {@code password}
   * through {@code custos-cli}: a combination of duties the demo realm does not have.
   */
  public void createUser(
      String username, String password, List<String> roles, List<String> groupPaths) {
    Map<String, Object> user =
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
            "Person",
            "email",
            username + "@example.com",
            "credentials",
            new Object[] {Map.of("type", "password", "value", password, "temporary", false)},
            "realmRoles",
            roles,
            "groups",
            groupPaths);
    post(
        "/admin/realms/" + KeycloakServer.REALM + "/partialImport",
        Map.of(
            "ifResourceExists",
            "SKIP",
            "groups",
            groupPaths.stream().map(KeycloakAdmin::group).toList(),
            "users",
            new Object[] {user}),
        200);
  }

  /** The group at {@code path} as Keycloak imports it: the top-level group and its subgroups. */
  private static Map<String, Object> group(String path) {
    String[] names = path.substring(1).split("/");
    Map<String, Object> inner = null;
    for (int i = names.length - 1; i >= 0; i--) {
      String own = "/" + String.join("/", Arrays.copyOf(names, i + 1));
      inner =
          inner == null
              ? Map.of("name", names[i], "path", own)
              : Map.of("name", names[i], "path", own, "subGroups", new Object[] {inner});
    }
    return inner;
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
    post(path, body, 201);
  }

  private void post(String path, Object body, int expected) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(keycloak.baseUrl() + path))
              .header("Authorization", "Bearer " + keycloak.adminToken())
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
              .build();
      HttpResponse<String> response = send(request);
      if (response.statusCode() != expected) {
        throw new IllegalStateException(
            "Keycloak admin API refused "
                + path
                + ": "
                + response.statusCode()
                + " "
                + response.body());
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
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
