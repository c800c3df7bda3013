package io.custos.cli.http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An RFC 9457 problem the server answered with (or one made up for a body that was not one).
 *
 * @param status the HTTP status
 * @param type the stable {@code urn:custos:problem:*} type, or null
 * @param title the short summary
 * @param detail what went wrong with this request
 * @param body the whole problem, for {@code --json}
 */
public record ApiProblem(int status, String type, String title, String detail, JsonNode body) {

  /** Reads a problem body; falls back to the status line for anything else (a proxy's page). */
  public static ApiProblem of(int status, String body) {
    JsonNode json;
    try {
      json = Json.parse(body);
    } catch (IllegalArgumentException e) {
      json = null;
    }
    if (json != null && json.isObject() && json.hasNonNull("title")) {
      return new ApiProblem(
          status,
          Json.text(json, "type"),
          Json.text(json, "title"),
          Json.text(json, "detail"),
          json);
    }
    String text = body == null ? "" : body.strip();
    String detail = text.length() > 200 ? text.substring(0, 200) + "..." : text;
    return new ApiProblem(status, null, "HTTP " + status, detail.isEmpty() ? null : detail, null);
  }
}
