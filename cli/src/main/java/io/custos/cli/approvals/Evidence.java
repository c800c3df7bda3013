package io.custos.cli.approvals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.utils.Numeric;

/**
 * The cryptography the offline approval check recomputes from an export: EIP-712 digests, signer
 * recovery, the deployment's domain salt. Written apart from the service's own signing code on
 * purpose (an auditor's check that reused the writer's code paths would share its bugs); it follows
 * the same published definitions, EIP-712 and EIP-2, and docs/approvals.md.
 */
final class Evidence {

  /** The EIP-712 domain name of every Custos document. */
  static final String DOMAIN_NAME = "Custos";

  /** The version of the Approval and KeyRegistration structs. */
  static final String DOMAIN_VERSION = "1";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final BigInteger HALF_N = Sign.CURVE_PARAMS.getN().shiftRight(1);

  private Evidence() {}

  /**
   * The EIP-712 digest of a typed-data document as given.
   *
   * @throws IllegalArgumentException if the document is not valid typed data
   */
  static byte[] digest(JsonNode typedData) {
    try {
      return new StructuredDataEncoder(JSON.writeValueAsString(typedData)).hashStructuredData();
    } catch (Exception e) {
      throw new IllegalArgumentException("not valid EIP-712 typed data: " + e.getMessage(), e);
    }
  }

  /** Bytes as the audit log shows them: {@code 0x} + lower-case hex. */
  static String hex(byte[] bytes) {
    return Numeric.toHexString(bytes);
  }

  /** The keccak-256 of calldata, as the Approval's {@code dataHash} field shows it. */
  static String dataHash(byte[] data) {
    return Numeric.toHexString(Hash.sha3(data));
  }

  /** The domain salt of a deployment: 16 zero bytes, then the deployment id's 16 bytes. */
  static String salt(UUID deploymentId) {
    return "0x"
        + "0".repeat(32)
        + String.format(
            "%016x%016x",
            deploymentId.getMostSignificantBits(), deploymentId.getLeastSignificantBits());
  }

  /**
   * The lower-case address whose key made a 65-byte {@code r ‖ s ‖ v} signature of {@code digest};
   * v 27/28 (or 0/1), s in the lower half of the curve order (EIP-2).
   *
   * @throws IllegalArgumentException if the signature is malformed or recovers no key
   */
  static String recover(byte[] digest, String signature) {
    if (signature == null || !signature.matches("0x[0-9a-fA-F]{130}")) {
      throw new IllegalArgumentException("signature must be 0x followed by 65 bytes in hex");
    }
    byte[] sig = HexFormat.of().parseHex(signature.substring(2));
    byte v = sig[64] < 27 ? (byte) (sig[64] + 27) : sig[64];
    if (v != 27 && v != 28) {
      throw new IllegalArgumentException("signature v must be 27 or 28");
    }
    byte[] r = Arrays.copyOfRange(sig, 0, 32);
    byte[] s = Arrays.copyOfRange(sig, 32, 64);
    if (new BigInteger(1, s).compareTo(HALF_N) > 0) {
      throw new IllegalArgumentException("signature s is not in the lower half (EIP-2)");
    }
    try {
      BigInteger key = Sign.signedMessageHashToKey(digest, new Sign.SignatureData(v, r, s));
      return "0x" + Keys.getAddress(key).toLowerCase(Locale.ROOT);
    } catch (SignatureException | IllegalArgumentException e) {
      throw new IllegalArgumentException("the signature recovers no key: " + e.getMessage(), e);
    }
  }

  /**
   * An unsigned integer field of a message, given as a JSON number or a decimal or {@code 0x}
   * string.
   *
   * @throws IllegalArgumentException if it is missing or not an unsigned integer
   */
  static BigInteger uint(JsonNode message, String field) {
    JsonNode v = message.get(field);
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
    throw new IllegalArgumentException("message." + field + " must be an unsigned integer");
  }
}
