package io.custos.policy.parse;

import java.util.List;
import java.util.Map;

/** A parsed YAML/JSON value that remembers where it was written. */
public sealed interface Node {

  /** Where the value starts. */
  Location location();

  /**
   * A 1-based position in the document.
   *
   * @param line the line
   * @param column the column
   */
  record Location(int line, int column) {}

  /** A mapping; keys keep their written order, and their own locations. */
  record MapNode(Map<String, Node> entries, Map<String, Location> keyLocations, Location location)
      implements Node {
    public MapNode {
      entries = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(entries));
      keyLocations = Map.copyOf(keyLocations);
    }
  }

  /** A sequence. */
  record ListNode(List<Node> items, Location location) implements Node {
    public ListNode {
      items = List.copyOf(items);
    }
  }

  /** A scalar, kept as written. */
  record ScalarNode(String text, ScalarKind kind, Location location) implements Node {}

  /** How the YAML/JSON parser typed a scalar. */
  enum ScalarKind {
    STRING,
    NUMBER,
    BOOLEAN,
    NULL
  }
}
