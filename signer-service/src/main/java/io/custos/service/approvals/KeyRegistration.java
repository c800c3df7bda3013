package io.custos.service.approvals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * The message of an EIP-712 {@code KeyRegistration}: signed by the new key itself, it proves that
 * whoever registers the address controls it, and binds it to one approver.
 *
 * @param subject the approver's Keycloak subject
 * @param username the approver's username (shown on the device)
 * @param key the address being registered, lower-case hex
 * @param expiresAt unix seconds after which the proof is refused
 */
public record KeyRegistration(String subject, String username, String key, long expiresAt) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public KeyRegistration {
    key = key.toLowerCase(Locale.ROOT);
  }

  ObjectNode toJson() {
    ObjectNode m = JSON.createObjectNode();
    m.put("subject", subject);
    m.put("username", username);
    m.put("key", key);
    m.put("expiresAt", expiresAt);
    return m;
  }

  /** Reads a registration message as a client sent it back. */
  public static KeyRegistration parse(JsonNode m) {
    if (m == null || !m.isObject()) {
      throw new IllegalArgumentException("message must be an object");
    }
    return new KeyRegistration(
        ApprovalMessage.text(m, "subject"),
        ApprovalMessage.text(m, "username"),
        ApprovalMessage.text(m, "key"),
        ApprovalMessage.uintField(m, "expiresAt").longValueExact());
  }
}
