package io.custos.service.sending;

import io.custos.policy.intent.FeeCaps;
import io.custos.policy.value.Wei;
import java.math.BigInteger;
import java.util.Objects;
import java.util.UUID;

/**
 * An approved payload, ready to become a transaction.
 *
 * <p>What allowed it is not carried here: the {@link SigningGate} decides its request again when it
 * is signed and gives the authorization that the {@code transaction.signed} entry records, and it
 * refuses a payload that is not exactly what its request asked for.
 *
 * @param requestId the request it carries out; one original transaction per request
 * @param walletId the wallet that signs
 * @param to the destination, or null to deploy a contract
 * @param valueWei the value, in wei
 * @param data the calldata (empty for a plain transfer)
 * @param caps the fee ceilings that were approved with the request, as the policy judged them
 *     ({@link #caps(BigInteger, BigInteger)}); for a replacement, the exact fees
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

  /** A payload that takes the account's next nonce (not a replacement). */
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
    caps = caps == null ? FeeCaps.UNBOUNDED : caps;
    if (replaces != null
        && (caps.maxFeePerGas().value().equals(Wei.MAX_UINT256)
            || caps.maxPriorityFeePerGas().value().equals(Wei.MAX_UINT256))) {
      throw new IllegalArgumentException("a replacement carries its exact fees");
    }
  }

  /**
   * The caps a request approved, from its two optional fields: an absent one is no ceiling
   * (unbounded), so the policy's fee conditions fail closed on it and the sender takes the market's
   * fee. The gas limit is only known when the transaction is built, after the decision: 0.
   */
  public static FeeCaps caps(BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas) {
    return new FeeCaps(
        new Wei(maxFeePerGas == null ? Wei.MAX_UINT256 : maxFeePerGas),
        new Wei(maxPriorityFeePerGas == null ? Wei.MAX_UINT256 : maxPriorityFeePerGas),
        0);
  }

  @Override
  public byte[] data() {
    return data.clone();
  }
}
