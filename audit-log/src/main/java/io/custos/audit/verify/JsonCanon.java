package io.custos.audit.verify;

import java.util.Map;
import java.util.TreeMap;

/**
 * The verifier's own JSON reader: a strict, single-pass parser that writes the RFC 8785 canonical
 * form as it reads, with no object tree in between. It shares nothing with the writer's Jackson
 * path. Numbers are limited to integers within ±(2^53 − 1), the only ones the log writes; anything
 * else is malformed.
 */
final class JsonCanon {

  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final long MAX_SAFE = (1L << 53) - 1;

  private final String s;
  private int pos;
  private int depth;
  // Members of the objects that are direct values of the outermost object, by key.
  private final Map<String, TreeMap<String, String>> nested = new java.util.HashMap<>();

  private JsonCanon(String s) {
    this.s = s;
  }

  /** Thrown for text that is not JSON the log could have written. */
  static final class Malformed extends Exception {
    Malformed(String message) {
      super(message);
    }
  }

  /**
   * Parses a JSON object and returns its members: unescaped key → canonical text of the value,
   * sorted as RFC 8785 sorts them. Duplicate keys and trailing text are malformed.
   */
  static TreeMap<String, String> members(String json) throws Malformed {
    JsonCanon p = new JsonCanon(json);
    p.ws();
    TreeMap<String, String> out = p.object();
    p.ws();
    if (p.pos != json.length()) {
      throw new Malformed("text after the JSON object");
    }
    return out;
  }

  /**
   * Like {@link #members}, and also returns the members of each object that is a direct value of
   * the outermost one (an export line's entry), saving a second parse.
   */
  static Map<String, TreeMap<String, String>> membersWithNested(
      String json, Map<String, String> out) throws Malformed {
    JsonCanon p = new JsonCanon(json);
    p.ws();
    out.putAll(p.object());
    p.ws();
    if (p.pos != json.length()) {
      throw new Malformed("text after the JSON object");
    }
    return p.nested;
  }

  /** The canonical text of an object with these members. */
  static String objectText(Map<String, String> members) {
    StringBuilder sb = new StringBuilder(256);
    sb.append('{');
    boolean first = true;
    for (Map.Entry<String, String> m : members.entrySet()) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      quote(m.getKey(), sb);
      sb.append(':').append(m.getValue());
    }
    return sb.append('}').toString();
  }

  /** The value of a canonical JSON string (as {@link #members} returns them). */
  static String string(String canonical) throws Malformed {
    JsonCanon p = new JsonCanon(canonical);
    String v = p.rawString();
    if (p.pos != canonical.length()) {
      throw new Malformed("not a single string");
    }
    return v;
  }

  /** The value of a canonical JSON integer. */
  static long integer(String canonical) throws Malformed {
    if (canonical == null || canonical.isEmpty() || canonical.length() > 17) {
      throw new Malformed("not an integer");
    }
    try {
      return Long.parseLong(canonical);
    } catch (NumberFormatException e) {
      throw new Malformed("not an integer");
    }
  }

  /** Appends a string in canonical (RFC 8785) escaping. */
  static void quote(String v, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c >= 0x20) {
        sb.append(c);
      } else {
        int shortForm = "\b\t\n\f\r".indexOf(c);
        if (shortForm >= 0) {
          sb.append('\\').append("btnfr".charAt(shortForm));
        } else {
          sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
        }
      }
    }
    sb.append('"');
  }

  private void value(StringBuilder sb) throws Malformed {
    ws();
    char c = peek();
    switch (c) {
      case '{' -> sb.append(objectText(object()));
      case '[' -> array(sb);
      case '"' -> string(sb);
      case 't' -> literal("true", sb);
      case 'f' -> literal("false", sb);
      case 'n' -> literal("null", sb);
      default -> number(sb);
    }
  }

  private TreeMap<String, String> object() throws Malformed {
    expect('{');
    depth++;
    TreeMap<String, String> members = new TreeMap<>();
    ws();
    if (peek() == '}') {
      pos++;
      depth--;
      return members;
    }
    while (true) {
      ws();
      String key = rawString();
      ws();
      expect(':');
      ws();
      String v;
      if (depth == 1 && peek() == '{') {
        TreeMap<String, String> inner = object();
        nested.put(key, inner);
        v = objectText(inner);
      } else {
        StringBuilder sb = new StringBuilder(32);
        value(sb);
        v = sb.toString();
      }
      if (members.put(key, v) != null) {
        throw new Malformed("duplicate key " + key);
      }
      ws();
      char c = next();
      if (c == '}') {
        depth--;
        return members;
      }
      if (c != ',') {
        throw new Malformed("expected , or } at " + (pos - 1));
      }
    }
  }

  private void array(StringBuilder sb) throws Malformed {
    expect('[');
    sb.append('[');
    ws();
    if (peek() == ']') {
      pos++;
      sb.append(']');
      return;
    }
    while (true) {
      value(sb);
      ws();
      char c = next();
      if (c == ']') {
        sb.append(']');
        return;
      }
      if (c != ',') {
        throw new Malformed("expected , or ] at " + (pos - 1));
      }
      sb.append(',');
    }
  }

  /** Appends a string value in canonical form; plain strings are copied as they are. */
  private void string(StringBuilder sb) throws Malformed {
    int end = plainEnd();
    if (end >= 0) {
      sb.append(s, pos, end + 1);
      pos = end + 1;
    } else {
      quote(rawString(), sb);
    }
  }

  /**
   * If the string at pos has no escape, control character or surrogate (so its canonical form is
   * itself), the index of its closing quote; else -1.
   */
  private int plainEnd() {
    for (int i = pos + 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        return i;
      }
      if (c == '\\' || c < 0x20 || Character.isSurrogate(c)) {
        return -1;
      }
    }
    return -1;
  }

  private String rawString() throws Malformed {
    if (peek() == '"') {
      int end = plainEnd();
      if (end >= 0) {
        String v = s.substring(pos + 1, end);
        pos = end + 1;
        return v;
      }
    }
    expect('"');
    StringBuilder v = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        break;
      }
      if (c < 0x20) {
        throw new Malformed("control character in a string");
      }
      v.append(c == '\\' ? escape() : c);
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      boolean paired =
          Character.isHighSurrogate(c)
              ? i + 1 < v.length() && Character.isLowSurrogate(v.charAt(++i))
              : !Character.isLowSurrogate(c);
      if (!paired) {
        throw new Malformed("lone surrogate in a string");
      }
    }
    return v.toString();
  }

  private char escape() throws Malformed {
    char e = next();
    return switch (e) {
      case '"', '\\', '/' -> e;
      case 'b' -> '\b';
      case 'f' -> '\f';
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't' -> '\t';
      case 'u' -> unicodeEscape();
      default -> throw new Malformed("bad escape \\" + e);
    };
  }

  private char unicodeEscape() throws Malformed {
    if (pos + 4 > s.length()) {
      throw new Malformed("short \\u escape");
    }
    int v = 0;
    for (int i = 0; i < 4; i++) {
      int d = Character.digit(s.charAt(pos++), 16);
      if (d < 0) {
        throw new Malformed("bad \\u escape");
      }
      v = v * 16 + d;
    }
    return (char) v;
  }

  private void number(StringBuilder sb) throws Malformed {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    int digits = pos;
    while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
      pos++;
    }
    int n = pos - digits;
    if (n == 0 || n > 16 || (n > 1 && s.charAt(digits) == '0')) {
      throw new Malformed("numbers must be integers within 2^53 - 1, without leading zeros");
    }
    if (pos < s.length()
        && (s.charAt(pos) == '.' || s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
      throw new Malformed("fractions and exponents are not written by the log");
    }
    String text = s.substring(start, pos);
    if (Math.abs(Long.parseLong(text)) > MAX_SAFE) {
      throw new Malformed("integer beyond 2^53 - 1");
    }
    sb.append(text.equals("-0") ? "0" : text);
  }

  private void literal(String word, StringBuilder sb) throws Malformed {
    if (!s.startsWith(word, pos)) {
      throw new Malformed("bad literal at " + pos);
    }
    pos += word.length();
    sb.append(word);
  }

  private void ws() {
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private char peek() throws Malformed {
    if (pos >= s.length()) {
      throw new Malformed("unexpected end of JSON");
    }
    return s.charAt(pos);
  }

  private char next() throws Malformed {
    char c = peek();
    pos++;
    return c;
  }

  private void expect(char c) throws Malformed {
    if (next() != c) {
      throw new Malformed("expected " + c + " at " + (pos - 1));
    }
  }
}
