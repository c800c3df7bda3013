package io.custos.service.sending;

import java.math.BigInteger;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * An approved payload, ready to become a transaction.
 *
 * @param requestId the request it carries out; one original transaction per request
 * @param walletId the wallet that signs
 * @param to the destination, or null to deploy a contract
 * @param valueWei the value, in wei
 * @param data the calldata (empty for a plain transfer)
 * @param caps the fee ceilings that were approved with the request
 * @param authorization what allowed it (rule, policy hash, requester, the approvals that counted
 *     with their device signatures), copied into the {@code transaction.signed} audit entry; empty
 *     when the caller sends on its own authority
 */
public record Outgoing(
    UUID requestId,
    UUID walletId,
    String to,
    BigInteger valueWei,
    byte[] data,
    FeeCaps caps,
    Map<String, Object> authorization) {

  /** An outgoing transaction without a recorded authorization. */
  public Outgoing(
      UUID requestId, UUID walletId, String to, BigInteger valueWei, byte[] data, FeeCaps caps) {
    this(requestId, walletId, to, valueWei, data, caps, Map.of());
  }

  public Outgoing {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(walletId, "walletId");
    Objects.requireNonNull(valueWei, "valueWei");
    if (valueWei.signum() < 0) {
      throw new IllegalArgumentException("value must not be negative");
    }
    data = data == null ? new byte[0] : data.clone();
    caps = caps == null ? FeeCaps.NONE : caps;
    authorization = authorization == null ? Map.of() : Map.copyOf(authorization);
  }

  @Override
  public byte[] data() {
    return data.clone();
  }
}
