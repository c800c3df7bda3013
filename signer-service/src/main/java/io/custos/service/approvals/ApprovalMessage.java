package io.custos.service.approvals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.Objects;
import java.util.UUID;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * The message of an EIP-712 {@code Approval}: what the approver's device signs. It names exactly
 * the transaction that will be signed, the policy that decides it, the verdict and an expiry.
 * Amounts are decimal strings in the JSON (they may exceed what a JSON number holds exactly).
 *
 * @param requestId the request
 * @param chainId the transaction's chain
 * @param wallet the signing wallet's address, lower-case hex
 * @param to the transaction's destination (the token contract of an ERC-20 transfer), lower-case
 * @param value wei
 * @param dataHash keccak256 of the calldata, {@code 0x} + 64 hex digits
 * @param maxFeePerGas the approved cap; 2^256-1 when the request sets none
 * @param maxPriorityFeePerGas the approved cap; 2^256-1 when the request sets none
 * @param policyHash the active policy's hash, {@code 0x} + 64 hex digits
 * @param decision {@code approve} or {@code reject}
 * @param expiresAt unix seconds after which the signature is refused
 */
public record ApprovalMessage(
    UUID requestId,
    long chainId,
    String wallet,
    String to,
    BigInteger value,
    String dataHash,
    BigInteger maxFeePerGas,
    BigInteger maxPriorityFeePerGas,
    String policyHash,
    String decision,
    long expiresAt) {

  /** The value standing for "no cap" in the fee fields. */
  public static final BigInteger NO_CAP = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);

  private static final ObjectMapper JSON = new ObjectMapper();

  public ApprovalMessage {
    Objects.requireNonNull(requestId, "requestId");
    wallet = wallet.toLowerCase(java.util.Locale.ROOT);
    to = to.toLowerCase(java.util.Locale.ROOT);
    dataHash = dataHash.toLowerCase(java.util.Locale.ROOT);
    policyHash = policyHash.toLowerCase(java.util.Locale.ROOT);
    maxFeePerGas = maxFeePerGas == null ? NO_CAP : maxFeePerGas;
    maxPriorityFeePerGas = maxPriorityFeePerGas == null ? NO_CAP : maxPriorityFeePerGas;
    if (!"approve".equals(decision) && !"reject".equals(decision)) {
      throw new IllegalArgumentException("decision must be approve or reject");
    }
  }

  /** keccak256 of calldata, as the {@code dataHash} field shows it. */
  public static String dataHash(byte[] data) {
    return Numeric.toHexString(Hash.sha3(data));
  }

  /** A policy hash (64 hex digits) as the {@code policyHash} bytes32 field shows it. */
  public static String policyHash(String hex) {
    return hex.startsWith("0x") ? hex : "0x" + hex;
  }

  /** This message with another decision and expiry. */
  public ApprovalMessage with(String otherDecision, long otherExpiresAt) {
    return new ApprovalMessage(
        requestId,
        chainId,
        wallet,
        to,
        value,
        dataHash,
        maxFeePerGas,
        maxPriorityFeePerGas,
        policyHash,
        otherDecision,
        otherExpiresAt);
  }

  ObjectNode toJson() {
    ObjectNode m = JSON.createObjectNode();
    m.put("requestId", requestId.toString());
    m.put("chainId", chainId);
    m.put("wallet", wallet);
    m.put("to", to);
    m.put("value", value.toString());
    m.put("dataHash", dataHash);
    m.put("maxFeePerGas", maxFeePerGas.toString());
    m.put("maxPriorityFeePerGas", maxPriorityFeePerGas.toString());
    m.put("policyHash", policyHash);
    m.put("decision", decision);
    m.put("expiresAt", expiresAt);
    return m;
  }

  /**
   * Reads a message as a client sent it back. Numbers may be JSON numbers or decimal or {@code 0x}
   * strings, addresses and hashes in any case, as wallets pass them through.
   *
   * @throws IllegalArgumentException naming the first field that is missing or malformed
   */
  public static ApprovalMessage parse(JsonNode m) {
    if (m == null || !m.isObject()) {
      throw new IllegalArgumentException("message must be an object");
    }
    try {
      return new ApprovalMessage(
          UUID.fromString(text(m, "requestId")),
          uintField(m, "chainId").longValueExact(),
          text(m, "wallet"),
          text(m, "to"),
          uintField(m, "value"),
          text(m, "dataHash"),
          uintField(m, "maxFeePerGas"),
          uintField(m, "maxPriorityFeePerGas"),
          text(m, "policyHash"),
          text(m, "decision"),
          uintField(m, "expiresAt").longValueExact());
    } catch (ArithmeticException | NullPointerException e) {
      throw new IllegalArgumentException("message has a malformed field: " + e.getMessage(), e);
    }
  }

  static String text(JsonNode m, String field) {
    JsonNode v = m.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("message." + field + " must be a string");
    }
    return v.asText();
  }

  static BigInteger uintField(JsonNode m, String field) {
    return uint(m.get(field), "message." + field);
  }

  /** An unsigned integer given as a JSON number or a decimal or {@code 0x} string. */
  static BigInteger uint(JsonNode v, String name) {
    try {
      if (v != null && v.isIntegralNumber() && v.bigIntegerValue().signum() >= 0) {
        return v.bigIntegerValue();
      }
      if (v != null && v.isTextual() && !v.asText().startsWith("-")) {
        String s = v.asText();
        return s.startsWith("0x") ? new BigInteger(s.substring(2), 16) : new BigInteger(s);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(name + " must be an unsigned integer");
  }
}
