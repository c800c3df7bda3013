package io.custos.service.approvals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;
import org.web3j.crypto.StructuredDataEncoder;

/**
 * The EIP-712 documents Custos asks device keys to sign, in the JSON shape of {@code
 * eth_signTypedData_v4}, and their digests. Plain Java (Web3j and Jackson only), so the offline
 * checker and a command-line client use exactly these definitions.
 *
 * <p>The domain is {@code {name: "Custos", version: "1", chainId, salt}} with no {@code
 * verifyingContract} (nothing on chain verifies these signatures): the salt is the deployment id,
 * so a signature made for one Custos deployment or chain is worthless on another.
 */
public final class Eip712 {

  /** The domain name. */
  public static final String NAME = "Custos";

  /** The version of the Approval and KeyRegistration structs. */
  public static final String VERSION = "1";

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String[][] DOMAIN_FIELDS = {
    {"name", "string"}, {"version", "string"}, {"chainId", "uint256"}, {"salt", "bytes32"}
  };

  /** The Approval struct: everything that will be signed, the decision and an expiry. */
  static final String[][] APPROVAL_FIELDS = {
    {"requestId", "string"},
    {"chainId", "uint256"},
    {"wallet", "address"},
    {"to", "address"},
    {"value", "uint256"},
    {"dataHash", "bytes32"},
    {"maxFeePerGas", "uint256"},
    {"maxPriorityFeePerGas", "uint256"},
    {"policyHash", "bytes32"},
    {"decision", "string"},
    {"expiresAt", "uint256"}
  };

  /** The KeyRegistration struct: the new key binds itself to one approver of one deployment. */
  static final String[][] REGISTRATION_FIELDS = {
    {"subject", "string"}, {"username", "string"}, {"key", "address"}, {"expiresAt", "uint256"}
  };

  private Eip712() {}

  /**
   * The domain salt of a deployment: 16 zero bytes, then the deployment id's 16 bytes, so that a
   * wallet showing the salt shows the id's hex digits at its end.
   */
  public static String salt(UUID deploymentId) {
    return "0x"
        + "0".repeat(32)
        + String.format(
            "%016x%016x",
            deploymentId.getMostSignificantBits(), deploymentId.getLeastSignificantBits());
  }

  /** The domain of a deployment on a chain. */
  public static ObjectNode domain(long chainId, UUID deploymentId) {
    ObjectNode d = JSON.createObjectNode();
    d.put("name", NAME);
    d.put("version", VERSION);
    d.put("chainId", chainId);
    d.put("salt", salt(deploymentId));
    return d;
  }

  /** The typed data of an approval, ready for {@code eth_signTypedData_v4}. */
  public static ObjectNode approval(ObjectNode domain, ApprovalMessage message) {
    return document("Approval", APPROVAL_FIELDS, domain, message.toJson());
  }

  /** The typed data of a key registration, ready for {@code eth_signTypedData_v4}. */
  public static ObjectNode keyRegistration(ObjectNode domain, KeyRegistration registration) {
    return document("KeyRegistration", REGISTRATION_FIELDS, domain, registration.toJson());
  }

  private static ObjectNode document(
      String primaryType, String[][] fields, ObjectNode domain, ObjectNode message) {
    ObjectNode types = JSON.createObjectNode();
    types.set("EIP712Domain", fields(DOMAIN_FIELDS));
    types.set(primaryType, fields(fields));
    ObjectNode doc = JSON.createObjectNode();
    doc.set("types", types);
    doc.put("primaryType", primaryType);
    doc.set("domain", domain);
    doc.set("message", message);
    return doc;
  }

  private static ArrayNode fields(String[][] fields) {
    ArrayNode out = JSON.createArrayNode();
    for (String[] f : fields) {
      out.addObject().put("name", f[0]).put("type", f[1]);
    }
    return out;
  }

  /**
   * The 32-byte EIP-712 digest ({@code keccak256(0x1901 ‖ domainSeparator ‖ hashStruct(message))})
   * of a typed-data document, computed from the document as given.
   *
   * @throws IllegalArgumentException if the document is not valid typed data
   */
  public static byte[] digest(JsonNode typedData) {
    try {
      return new StructuredDataEncoder(JSON.writeValueAsString(typedData)).hashStructuredData();
    } catch (Exception e) {
      throw new IllegalArgumentException("not valid EIP-712 typed data: " + e.getMessage(), e);
    }
  }
}
