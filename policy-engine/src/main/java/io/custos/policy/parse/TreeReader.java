package io.custos.policy.parse;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.custos.policy.PolicyParseException;
import io.custos.policy.parse.Node.ListNode;
import io.custos.policy.parse.Node.Location;
import io.custos.policy.parse.Node.MapNode;
import io.custos.policy.parse.Node.ScalarKind;
import io.custos.policy.parse.Node.ScalarNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML or JSON into {@link Node}s through Jackson's streaming parsers, which report the line
 * and column of every token. Duplicate keys are errors, because YAML would otherwise keep the last
 * one silently.
 */
public final class TreeReader {
  /** Policies are small; a bound keeps hostile input cheap to reject. */
  public static final int MAX_DOCUMENT_CHARS = 1 << 20;

  private static final int MAX_DEPTH = 64;
  private static final StreamReadConstraints CONSTRAINTS =
      StreamReadConstraints.builder()
          .maxNestingDepth(MAX_DEPTH)
          .maxStringLength(MAX_DOCUMENT_CHARS)
          .maxNumberLength(100)
          .build();
  private static final JsonFactory JSON =
      JsonFactory.builder().streamReadConstraints(CONSTRAINTS).build();
  private static final YAMLFactory YAML =
      YAMLFactory.builder().streamReadConstraints(CONSTRAINTS).build();

  private TreeReader() {}

  /** Parses YAML (a superset of JSON). */
  public static Node readYaml(String text) throws PolicyParseException {
    return read(YAML, text);
  }

  /** Parses strict JSON. */
  public static Node readJson(String text) throws PolicyParseException {
    return read(JSON, text);
  }

  private static Node read(JsonFactory factory, String text) throws PolicyParseException {
    if (text == null || text.isBlank()) {
      throw new PolicyParseException("$", 1, 1, "the document is empty");
    }
    if (text.length() > MAX_DOCUMENT_CHARS) {
      throw new PolicyParseException(
          "$", 0, 0, "the document exceeds " + MAX_DOCUMENT_CHARS + " characters");
    }
    try (JsonParser parser = factory.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new PolicyParseException("$", 1, 1, "the document is empty");
      }
      Node root = readValue(parser, "$", 0);
      if (parser.nextToken() != null) {
        throw error(parser, "$", "more than one document");
      }
      return root;
    } catch (JacksonException e) {
      JsonLocation at = e.getLocation();
      throw new PolicyParseException(
          "$", at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), syntax(e));
    } catch (IOException | RuntimeException e) {
      // SnakeYAML reports some malformed input as unchecked exceptions of its own; they are still
      // syntax errors of the document, not faults of the engine.
      if (e instanceof RuntimeException && !isYamlSyntaxError(e)) {
        throw (RuntimeException) e;
      }
      throw new PolicyParseException(
          "$", 0, 0, "malformed document: " + e.getClass().getSimpleName());
    }
  }

  private static boolean isYamlSyntaxError(Exception e) {
    return e.getClass().getName().startsWith("org.yaml.snakeyaml.");
  }

  private static String syntax(JacksonException e) {
    String message = e.getOriginalMessage();
    int cut = message == null ? -1 : message.indexOf('\n');
    return "malformed document: " + (cut < 0 ? message : message.substring(0, cut));
  }

  private static Node readValue(JsonParser parser, String path, int depth)
      throws IOException, PolicyParseException {
    if (depth > MAX_DEPTH) {
      throw error(parser, path, "nesting deeper than " + MAX_DEPTH);
    }
    Location at = location(parser);
    JsonToken token = parser.currentToken();
    return switch (token) {
      case START_OBJECT -> readMap(parser, path, depth, at);
      case START_ARRAY -> readList(parser, path, depth, at);
      case VALUE_STRING -> new ScalarNode(parser.getText(), ScalarKind.STRING, at);
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
          new ScalarNode(parser.getText(), ScalarKind.NUMBER, at);
      case VALUE_TRUE, VALUE_FALSE -> new ScalarNode(parser.getText(), ScalarKind.BOOLEAN, at);
      case VALUE_NULL -> new ScalarNode("", ScalarKind.NULL, at);
      default -> throw error(parser, path, "unsupported value (" + token + ")");
    };
  }

  private static Node readMap(JsonParser parser, String path, int depth, Location at)
      throws IOException, PolicyParseException {
    Map<String, Node> entries = new LinkedHashMap<>();
    Map<String, Location> keys = new HashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      Location keyAt = location(parser);
      String childPath = path + "." + key;
      if (entries.containsKey(key)) {
        throw new PolicyParseException(
            childPath, keyAt.line(), keyAt.column(), "duplicate key '" + key + "'");
      }
      parser.nextToken();
      entries.put(key, readValue(parser, childPath, depth + 1));
      keys.put(key, keyAt);
    }
    return new MapNode(entries, keys, at);
  }

  private static Node readList(JsonParser parser, String path, int depth, Location at)
      throws IOException, PolicyParseException {
    List<Node> items = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      items.add(readValue(parser, path + "[" + items.size() + "]", depth + 1));
    }
    return new ListNode(items, at);
  }

  private static Location location(JsonParser parser) {
    JsonLocation at = parser.currentTokenLocation();
    return new Location(at.getLineNr(), at.getColumnNr());
  }

  private static PolicyParseException error(JsonParser parser, String path, String problem) {
    Location at = location(parser);
    return new PolicyParseException(path, at.line(), at.column(), problem);
  }
}
