package io.custos.policy.parse;

import io.custos.policy.parse.Node.ListNode;
import io.custos.policy.parse.Node.MapNode;
import io.custos.policy.parse.Node.ScalarKind;
import io.custos.policy.parse.Node.ScalarNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeMap;

/**
 * The canonical form of a policy document: JSON without whitespace, keys sorted, every scalar as a
 * JSON string of its written text (null stays null). Comments, key order, quoting style and YAML vs
 * JSON do not change it; anything with meaning does.
 */
public final class Canonical {
  private Canonical() {}

  /** The canonical JSON of {@code root}, leaving out the given top-level keys. */
  public static String json(Node root, Set<String> omitTopLevel) {
    StringBuilder out = new StringBuilder();
    write(root, out, omitTopLevel);
    return out.toString();
  }

  /** Lower-case hex SHA-256 of the UTF-8 bytes of {@code canonical}. */
  public static String sha256(String canonical) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides SHA-256", e);
    }
  }

  private static void write(Node node, StringBuilder out, Set<String> omit) {
    switch (node) {
      case MapNode map -> {
        out.append('{');
        boolean first = true;
        for (var entry : new TreeMap<>(map.entries()).entrySet()) {
          if (omit.contains(entry.getKey())) {
            continue;
          }
          out.append(first ? "" : ",");
          first = false;
          string(entry.getKey(), out);
          out.append(':');
          write(entry.getValue(), out, Set.of());
        }
        out.append('}');
      }
      case ListNode list -> {
        out.append('[');
        for (int i = 0; i < list.items().size(); i++) {
          out.append(i == 0 ? "" : ",");
          write(list.items().get(i), out, Set.of());
        }
        out.append(']');
      }
      case ScalarNode scalar -> {
        if (scalar.kind() == ScalarKind.NULL) {
          out.append("null");
        } else {
          string(scalar.text(), out);
        }
      }
    }
  }

  private static void string(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }
}
