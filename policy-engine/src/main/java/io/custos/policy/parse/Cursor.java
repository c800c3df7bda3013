package io.custos.policy.parse;

import io.custos.policy.PolicyParseException;
import io.custos.policy.parse.Node.ListNode;
import io.custos.policy.parse.Node.MapNode;
import io.custos.policy.parse.Node.ScalarKind;
import io.custos.policy.parse.Node.ScalarNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** A node with its path, and strict typed access that reports errors at the node's location. */
public record Cursor(Node node, String path) {

  /** An error located at this node. */
  public PolicyParseException error(String problem) {
    return new PolicyParseException(
        path, node.location().line(), node.location().column(), problem);
  }

  /** This node as a mapping whose keys must all be in {@code allowed}. */
  public MapNode map(Set<String> allowed) throws PolicyParseException {
    if (!(node instanceof MapNode map)) {
      throw error("expected a mapping");
    }
    for (String key : map.entries().keySet()) {
      if (!allowed.contains(key)) {
        Node.Location at = map.keyLocations().get(key);
        throw new PolicyParseException(
            path + "." + key,
            at.line(),
            at.column(),
            "unknown key '"
                + key
                + "' (allowed: "
                + String.join(", ", new TreeSet<>(allowed))
                + ")");
      }
    }
    return map;
  }

  /** The child at {@code key}, or null when absent. */
  public Cursor get(String key) throws PolicyParseException {
    if (!(node instanceof MapNode map)) {
      throw error("expected a mapping");
    }
    Node child = map.entries().get(key);
    return child == null ? null : new Cursor(child, path + "." + key);
  }

  /** The child at {@code key}; absent is an error. */
  public Cursor require(String key) throws PolicyParseException {
    Cursor child = get(key);
    if (child == null) {
      throw error("missing required key '" + key + "'");
    }
    return child;
  }

  /** The items of a sequence. */
  public List<Cursor> items() throws PolicyParseException {
    if (!(node instanceof ListNode list)) {
      throw error("expected a list");
    }
    List<Cursor> items = new ArrayList<>(list.items().size());
    for (int i = 0; i < list.items().size(); i++) {
      items.add(new Cursor(list.items().get(i), path + "[" + i + "]"));
    }
    return items;
  }

  /** The items of a sequence, which must not be empty. */
  public List<Cursor> nonEmptyItems() throws PolicyParseException {
    List<Cursor> items = items();
    if (items.isEmpty()) {
      throw error("the list must not be empty");
    }
    return items;
  }

  /** A text scalar (numbers are accepted as their written text). */
  public String text() throws PolicyParseException {
    if (!(node instanceof ScalarNode scalar)
        || scalar.kind() == ScalarKind.NULL
        || scalar.kind() == ScalarKind.BOOLEAN) {
      throw error("expected a text value");
    }
    return scalar.text();
  }

  /** A non-blank text scalar. */
  public String nonBlankText() throws PolicyParseException {
    String text = text();
    if (text.isBlank()) {
      throw error("must not be blank");
    }
    return text;
  }

  /** A name: letters, digits, {@code - _ .}, starting with a letter. */
  public String name() throws PolicyParseException {
    String text = text();
    if (!text.matches("[A-Za-z][A-Za-z0-9._-]{0,63}")) {
      throw error("'" + text + "' is not a name (letters, digits, . _ -, starting with a letter)");
    }
    return text;
  }

  /** A boolean scalar. */
  public boolean bool() throws PolicyParseException {
    if (!(node instanceof ScalarNode scalar) || scalar.kind() != ScalarKind.BOOLEAN) {
      throw error("expected true or false");
    }
    return Boolean.parseBoolean(scalar.text());
  }

  /** A whole number scalar within {@code [min, max]}. */
  public long integer(long min, long max) throws PolicyParseException {
    String text = text();
    try {
      long value = Long.parseLong(text);
      if (value < min || value > max) {
        throw error("must be between " + min + " and " + max);
      }
      return value;
    } catch (NumberFormatException e) {
      throw error("'" + text + "' is not a whole number");
    }
  }

  /** Text items of a list (a single scalar is not accepted in place of a list). */
  public List<String> textItems() throws PolicyParseException {
    List<String> out = new ArrayList<>();
    for (Cursor item : items()) {
      out.add(item.nonBlankText());
    }
    return out;
  }
}
