package io.custos.service.sending;

import java.math.BigInteger;
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
 * @param caps the fee ceilings that were approved with the request; for a replacement, the exact
 *     fees
 * @param replaces for a speed-up or cancel, the original request whose nonce it takes, else null
 */
public record Outgoing(
    UUID requestId,
    UUID walletId,
    String to,
    BigInteger valueWei,
    byte[] data,
    FeeCaps caps,
    UUID replaces) {

  /** A payload that takes the account's next nonce. */
  public Outgoing(
      UUID requestId, UUID walletId, String to, BigInteger valueWei, byte[] data, FeeCaps caps) {
    this(requestId, walletId, to, valueWei, data, caps, null);
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
    if (replaces != null && (caps.maxFeePerGas() == null || caps.maxPriorityFeePerGas() == null)) {
      throw new IllegalArgumentException("a replacement carries its exact fees");
    }
  }

  @Override
  public byte[] data() {
    return data.clone();
  }
}
