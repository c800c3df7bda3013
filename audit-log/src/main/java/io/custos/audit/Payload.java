package io.custos.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.custos.audit.canonical.Jcs;
import java.util.Map;

/**
 * The details of an entry: a JSON object in RFC 8785 canonical form, so that its bytes, and hence
 * the entry's hashes, are reproducible by any language.
 *
 * @param canonicalJson a JSON object already in canonical form (see {@link #of(String)} to convert)
 */
public record Payload(String canonicalJson) {

  /** Maximum size of a payload, in UTF-16 characters: entries describe actions, not documents. */
  /**
   * Room for a signed transaction with the service's largest calldata (128 KiB, twice that in hex)
   * and its context.
   */
  public static final int MAX_LENGTH = 512 * 1024;

  public Payload {
    if (canonicalJson == null || canonicalJson.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("payload must be present and at most 512 KiB");
    }
    JsonNode node = Jcs.parse(canonicalJson);
    if (!node.isObject()) {
      throw new IllegalArgumentException("payload must be a JSON object");
    }
    if (!Jcs.canonicalize(node).equals(canonicalJson)) {
      throw new IllegalArgumentException("payload is not in canonical (RFC 8785) form");
    }
  }

  /** The empty object. */
  public static Payload empty() {
    return new Payload("{}");
  }

  /** Canonicalises any JSON object text. */
  public static Payload of(String json) {
    return new Payload(Jcs.canonicalize(json));
  }

  /** Canonicalises a map of JSON-compatible values (strings, integers, booleans, lists, maps). */
  public static Payload of(Map<String, ?> fields) {
    return new Payload(Jcs.canonicalize(fields));
  }

  @Override
  public String toString() {
    return canonicalJson;
  }
}
