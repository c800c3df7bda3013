package io.custos.policy.intent;

/**
 * Opaque proof attached to an approval (e.g. an EIP-712 signature by the approver's device key).
 * The engine carries it but never verifies it: the service verifies evidence before it passes
 * approvals in.
 *
 * @param scheme how to read the payload, e.g. {@code eip712-device-signature}; empty for none
 * @param payload the proof, encoded as the scheme says
 */
public record Evidence(String scheme, String payload) {
  /** No evidence. */
  public static final Evidence NONE = new Evidence("", "");

  public Evidence {
    scheme = scheme == null ? "" : scheme;
    payload = payload == null ? "" : payload;
  }
}
