package io.custos.cli.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.custos.cli.CliException;
import io.custos.cli.ExitCodes;
import io.custos.cli.http.Forms;
import io.custos.cli.http.Json;
import io.custos.cli.http.Transport;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * The OAuth 2.0 grants the CLI uses against the Keycloak realm: password for people (public client
 * {@code custos-cli}), client credentials for service accounts, refresh, and logout.
 */
public final class Oidc {

  /** The realm's public client for people. */
  public static final String CLI_CLIENT = "custos-cli";

  private final Transport transport;
  private final URI issuer;

  public Oidc(Transport transport, URI issuer) {
    this.transport = transport;
    this.issuer = issuer;
  }

  public URI issuer() {
    return issuer;
  }

  public Tokens password(String username, char[] password) {
    return grant(
        Map.of(
            "grant_type",
            "password",
            "client_id",
            CLI_CLIENT,
            "username",
            username,
            "password",
            new String(password)));
  }

  public Tokens clientCredentials(String clientId, String secret) {
    return grant(
        Map.of(
            "grant_type", "client_credentials",
            "client_id", clientId,
            "client_secret", secret));
  }

  public Tokens refresh(String clientId, String refreshToken) {
    return grant(
        Map.of(
            "grant_type", "refresh_token", "client_id", clientId, "refresh_token", refreshToken));
  }

  /** Ends the Keycloak session of a refresh token; true when Keycloak confirmed. */
  public boolean logout(String clientId, String refreshToken) {
    Map<String, String> form = new HashMap<>();
    form.put("client_id", clientId);
    form.put("refresh_token", refreshToken);
    return Forms.post(transport, endpoint("logout"), form).status() < 300;
  }

  private Tokens grant(Map<String, String> form) {
    Forms.Reply reply = Forms.post(transport, endpoint("token"), form);
    JsonNode json = reply.json();
    if (reply.status() >= 500) {
      throw new CliException(
          ExitCodes.UNREACHABLE,
          "The identity provider failed",
          "Keycloak answered HTTP " + reply.status());
    }
    if (reply.status() >= 400 || json == null || !json.hasNonNull("access_token")) {
      // Keycloak's error body names the reason (invalid_grant, unauthorized_client), never a
      // secret.
      String reason =
          json == null
              ? "HTTP " + reply.status()
              : firstNonNull(Json.text(json, "error_description"), Json.text(json, "error"));
      throw CliException.refused("Login refused", reason);
    }
    return new Tokens(
        json.get("access_token").asText(),
        json.path("expires_in").asLong(60),
        Json.text(json, "refresh_token"),
        json.path("refresh_expires_in").asLong(0));
  }

  private URI endpoint(String name) {
    return URI.create(issuer + "/protocol/openid-connect/" + name);
  }

  private static String firstNonNull(String a, String b) {
    return a != null ? a : b;
  }
}
