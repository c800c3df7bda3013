package io.custos.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Small renderings shared by the commands. */
final class Text {

  private Text() {}

  /** A JSON array as {@code a, b, c} (sorted), or a dash when empty. */
  static String list(JsonNode array) {
    List<String> items = new ArrayList<>();
    array.forEach(n -> items.add(n.asText()));
    items.sort(null);
    return items.isEmpty() ? "-" : String.join(", ", items);
  }

  /** The text at a path, or null. */
  static String at(JsonNode node, String... path) {
    JsonNode n = node;
    for (String p : path) {
      n = n.path(p);
    }
    return n.isMissingNode() || n.isNull() ? null : n.asText();
  }

  /** An id shortened for tables: the first 8 characters. */
  static String shortId(String id) {
    return id == null || id.length() < 8 ? id : id.substring(0, 8);
  }

  /** A timestamp without its fraction of a second, for tables. */
  static String time(String iso) {
    if (iso == null) {
      return null;
    }
    int dot = iso.indexOf('.');
    return dot > 0 ? iso.substring(0, dot) + "Z" : iso;
  }
}
