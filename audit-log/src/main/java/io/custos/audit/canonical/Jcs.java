package io.custos.audit.canonical;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * RFC 8785 JSON Canonicalization Scheme (JCS) for the values the log stores.
 *
 * <p>Numbers are limited to integers within ±(2^53 − 1): for those, the ECMAScript number
 * serialisation JCS prescribes is the plain decimal form, which every language reproduces. Amounts
 * in wei, decimals and big integers belong in strings (as Ethereum's JSON-RPC already does); other
 * numbers are rejected rather than risk a form another implementation would write differently.
 */
public final class Jcs {

  private static final BigInteger MAX_SAFE = BigInteger.valueOf((1L << 53) - 1);

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private Jcs() {}

  /** Parses JSON text (duplicate keys rejected) and returns its canonical form. */
  public static String canonicalize(String json) {
    return canonicalize(parse(json));
  }

  /** The canonical form of a parsed JSON value. */
  public static String canonicalize(JsonNode node) {
    StringBuilder out = new StringBuilder(128);
    write(node, out);
    return out.toString();
  }

  /** The canonical form of a map of JSON-compatible values (strings, integers, lists, maps...). */
  public static String canonicalize(Map<String, ?> value) {
    return canonicalize(MAPPER.<JsonNode>valueToTree(value));
  }

  /** Parses JSON text strictly. */
  public static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Appends the canonical form of a JSON string value, quotes included. */
  public static void writeString(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        i = copySurrogatePair(s, i, out);
        continue;
      }
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static int copySurrogatePair(String s, int i, StringBuilder out) {
    if (Character.isHighSurrogate(s.charAt(i))
        && i + 1 < s.length()
        && Character.isLowSurrogate(s.charAt(i + 1))) {
      out.append(s.charAt(i)).append(s.charAt(i + 1));
      return i + 1;
    }
    throw new IllegalArgumentException("string holds a lone surrogate; JCS needs valid Unicode");
  }

  private static void write(JsonNode node, StringBuilder out) {
    switch (node.getNodeType()) {
      case OBJECT -> writeObject(node, out);
      case ARRAY -> writeArray(node, out);
      case STRING -> writeString(node.textValue(), out);
      case NUMBER -> out.append(integerText(node.decimalValue()));
      case BOOLEAN -> out.append(node.booleanValue());
      case NULL -> out.append("null");
      default -> throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
    }
  }

  private static void writeObject(JsonNode node, StringBuilder out) {
    List<String> keys = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      keys.add(it.next());
    }
    // String.compareTo orders by UTF-16 code units, which is exactly the order JCS prescribes.
    keys.sort(String::compareTo);
    out.append('{');
    for (int i = 0; i < keys.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      writeString(keys.get(i), out);
      out.append(':');
      write(node.get(keys.get(i)), out);
    }
    out.append('}');
  }

  private static void writeArray(JsonNode node, StringBuilder out) {
    out.append('[');
    for (int i = 0; i < node.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      write(node.get(i), out);
    }
    out.append(']');
  }

  private static String integerText(BigDecimal value) {
    BigInteger integer;
    try {
      integer = value.stripTrailingZeros().toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "only integer numbers are allowed in audit JSON; put " + value + " in a string", e);
    }
    if (integer.abs().compareTo(MAX_SAFE) > 0) {
      throw new IllegalArgumentException(
          "integer " + integer + " is beyond ±(2^53-1); put it in a string");
    }
    return integer.toString();
  }
}
