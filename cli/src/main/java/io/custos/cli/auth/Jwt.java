package io.custos.cli.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.custos.cli.http.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Reads the claims of an access token for display only (who logged in). Nothing is trusted from it:
 * the server verifies the token on every call.
 */
final class Jwt {

  private Jwt() {}

  static JsonNode claims(String token) {
    String[] parts = token.split("\\.");
    if (parts.length < 2) {
      return Json.parse("{}");
    }
    try {
      byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
      return Json.parse(new String(payload, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return Json.parse("{}");
    }
  }

  /** preferred_username, else the client id of a service account, else the subject. */
  static String username(String token) {
    JsonNode c = claims(token);
    for (String claim : new String[] {"preferred_username", "azp", "sub"}) {
      String v = Json.text(c, claim);
      if (v != null) {
        return v;
      }
    }
    return "?";
  }
}
