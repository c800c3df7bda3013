package io.custos.cli.keys;

import com.fasterxml.jackson.databind.JsonNode;
import io.custos.cli.http.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.web3j.crypto.Hash;
import org.web3j.crypto.StructuredDataEncoder;

/**
 * Checks EIP-712 typed data from the server against what the CLI fetched itself, before a device
 * key signs it. The server is not trusted to describe what it asks to have signed: the digest is
 * recomputed here, and each message field that names a request field must equal the request as
 * {@code GET /api/v1/requests/{id}} shows it.
 */
public final class TypedDataReview {

  /** Message field (lower case, last path segment) → the request field it must equal. */
  private static final Map<String, Function<JsonNode, String>> REQUEST_FIELDS =
      Map.ofEntries(
          Map.entry("requestid", r -> Json.text(r, "id")),
          Map.entry("request", r -> Json.text(r, "id")),
          // The transaction's to: the token contract of an ERC-20 transfer (its recipient and
          // amount
          // are in the calldata, which dataHash covers), else the request's destination.
          Map.entry(
              "to",
              r ->
                  "erc20_transfer".equals(Json.text(r, "kind"))
                      ? Json.text(r, "tokenAddress")
                      : Json.text(r, "to")),
          Map.entry("recipient", r -> Json.text(r, "to")),
          Map.entry("value", r -> Json.text(r, "value")),
          Map.entry("token", r -> Json.text(r, "token")),
          Map.entry("amount", r -> Json.text(r, "amount")),
          Map.entry("kind", r -> Json.text(r, "kind")),
          Map.entry("memo", r -> Json.text(r, "memo")),
          Map.entry("data", r -> Json.text(r, "data")),
          Map.entry("datahash", r -> keccak(Json.text(r, "data"))),
          Map.entry("calldatahash", r -> keccak(Json.text(r, "data"))),
          Map.entry("policyhash", r -> hex0x(Json.text(r.path("decision"), "policyHash"))),
          // An absent fee cap is signed as the largest uint256: the node's fees, uncapped.
          Map.entry("maxfeepergas", r -> capOrUnlimited(Json.text(r, "maxFeePerGas"))),
          Map.entry(
              "maxpriorityfeepergas", r -> capOrUnlimited(Json.text(r, "maxPriorityFeePerGas"))));

  private static final String UINT256_MAX =
      BigInteger.TWO.pow(256).subtract(BigInteger.ONE).toString();

  private TypedDataReview() {}

  /** An {@code Approval} of {@code request} with {@code verdict} (approve or reject). */
  public static Review approval(
      JsonNode typedData, String serverDigest, JsonNode request, String verdict, Instant now) {
    List<String> problems = new ArrayList<>();
    byte[] digest = digest(typedData, serverDigest, problems);
    expectPrimaryType(typedData, "Approval", problems);
    List<FieldCheck> fields = new ArrayList<>();
    boolean namesRequest = false;
    boolean namesVerdict = false;
    for (Map.Entry<String, JsonNode> leaf : leaves(typedData.path("message"), "")) {
      String name = lastSegment(leaf.getKey());
      String signed = leaf.getValue().asText();
      String expected = null;
      if (name.equals("verdict") || name.equals("decision")) {
        expected = verdict;
        namesVerdict = true;
      } else if (name.equals("approve") || name.equals("approved")) {
        expected = Boolean.toString(verdict.equals("approve"));
        namesVerdict = true;
      } else if (REQUEST_FIELDS.containsKey(name)) {
        expected = REQUEST_FIELDS.get(name).apply(request);
        namesRequest |= name.equals("requestid") || name.equals("request");
      }
      fields.add(check(leaf.getKey(), signed, expected, leaf.getValue().isNull()));
      if (isExpiry(name)) {
        expired(signed, now, problems);
      }
    }
    domainFields(typedData, fields);
    if (!namesRequest) {
      problems.add("the message does not name the request (no requestId field)");
    }
    if (!namesVerdict) {
      problems.add("the message does not name the verdict");
    }
    mismatches(fields, problems);
    return new Review(digest, fields, problems);
  }

  /** A {@code KeyRegistration} proving control of {@code address}. */
  public static Review registration(JsonNode typedData, String serverDigest, String address) {
    List<String> problems = new ArrayList<>();
    byte[] digest = digest(typedData, serverDigest, problems);
    expectPrimaryType(typedData, "KeyRegistration", problems);
    List<FieldCheck> fields = new ArrayList<>();
    boolean namesAddress = false;
    for (Map.Entry<String, JsonNode> leaf : leaves(typedData.path("message"), "")) {
      String signed = leaf.getValue().asText();
      boolean isOurs = signed.equalsIgnoreCase(address);
      namesAddress |= isOurs;
      fields.add(
          new FieldCheck(leaf.getKey(), signed, isOurs ? address : null, isOurs ? true : null));
    }
    domainFields(typedData, fields);
    if (!namesAddress) {
      problems.add("the message does not name this keystore's address " + address);
    }
    return new Review(digest, fields, problems);
  }

  private static byte[] digest(JsonNode typedData, String serverDigest, List<String> problems) {
    if (typedData == null || !typedData.isObject()) {
      problems.add("the server sent no typed data");
      return null;
    }
    byte[] digest;
    try {
      digest = new StructuredDataEncoder(Json.write(typedData)).hashStructuredData();
    } catch (IOException | RuntimeException e) {
      problems.add("the typed data is not valid EIP-712: " + e.getMessage());
      return null;
    }
    String ours = "0x" + HexFormat.of().formatHex(digest);
    if (serverDigest != null && !serverDigest.equalsIgnoreCase(ours)) {
      problems.add(
          "the server's digest " + serverDigest + " is not that of its typed data " + ours);
    }
    return digest;
  }

  private static void expectPrimaryType(JsonNode typedData, String type, List<String> problems) {
    String primary = Json.text(typedData, "primaryType");
    if (!type.equals(primary)) {
      problems.add("primaryType is " + primary + ", expected " + type);
    }
  }

  private static void domainFields(JsonNode typedData, List<FieldCheck> fields) {
    if (typedData == null) {
      return;
    }
    for (Map.Entry<String, JsonNode> leaf : leaves(typedData.path("domain"), "domain.")) {
      fields.add(new FieldCheck(leaf.getKey(), leaf.getValue().asText(), null, null));
    }
  }

  private static FieldCheck check(String field, String signed, String expected, boolean isNull) {
    if (expected == null && !isNull) {
      return new FieldCheck(field, signed, null, null);
    }
    return new FieldCheck(field, signed, expected, same(signed, expected));
  }

  private static void mismatches(List<FieldCheck> fields, List<String> problems) {
    for (FieldCheck f : fields) {
      if (f.mismatch()) {
        problems.add(
            f.field() + " is " + f.signed() + " in the typed data but " + f.expected() + " here");
      }
    }
  }

  /** Equal as numbers when both are numbers, else as text ignoring case (hex, addresses). */
  static boolean same(String a, String b) {
    if (a == null || b == null) {
      return a == null && b == null;
    }
    try {
      return new BigDecimal(a.strip()).compareTo(new BigDecimal(b.strip())) == 0;
    } catch (NumberFormatException e) {
      return a.strip().equalsIgnoreCase(b.strip());
    }
  }

  private static boolean isExpiry(String name) {
    return name.equals("expiresat") || name.equals("deadline") || name.equals("expiry");
  }

  private static void expired(String value, Instant now, List<String> problems) {
    Instant at;
    try {
      at =
          value.matches("[0-9]+")
              ? Instant.ofEpochSecond(Long.parseLong(value))
              : Instant.parse(value);
    } catch (NumberFormatException | DateTimeParseException e) {
      return;
    }
    if (at.isBefore(now)) {
      problems.add("the approval expired at " + at);
    }
  }

  /** The leaves of a JSON object, with dotted paths. */
  private static List<Map.Entry<String, JsonNode>> leaves(JsonNode node, String prefix) {
    List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
    if (node == null || !node.isObject()) {
      return out;
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (e.getValue().isObject()) {
        out.addAll(leaves(e.getValue(), prefix + e.getKey() + "."));
      } else {
        out.add(Map.entry(prefix + e.getKey(), e.getValue()));
      }
    }
    return out;
  }

  private static String lastSegment(String path) {
    return path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
  }

  private static String hex0x(String hex) {
    return hex == null || hex.startsWith("0x") ? hex : "0x" + hex;
  }

  private static String capOrUnlimited(String wei) {
    return wei == null ? UINT256_MAX : wei;
  }

  private static String keccak(String hex) {
    return hex == null ? null : Hash.sha3(hex.isEmpty() ? "0x" : hex);
  }
}
