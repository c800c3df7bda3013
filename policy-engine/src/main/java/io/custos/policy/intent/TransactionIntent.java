package io.custos.policy.intent;

import io.custos.policy.value.Address;
import io.custos.policy.value.ChainId;
import io.custos.policy.value.HexData;
import io.custos.policy.value.Wei;

/**
 * A request to sign, as the policy sees it.
 *
 * @param chainId the chain the signature is for
 * @param wallet the wallet that would sign
 * @param payload what would be signed
 * @param fees the fee caps (transactions only)
 */
public record TransactionIntent(ChainId chainId, Wallet wallet, Payload payload, FeeCaps fees) {
  public TransactionIntent {
    if (chainId == null || wallet == null || payload == null) {
      throw new IllegalArgumentException("an intent needs a chain, a wallet and a payload");
    }
    fees = fees == null ? FeeCaps.NONE : fees;
  }

  public Kind kind() {
    return payload.kind();
  }

  /** The destination account, or null for deployments, messages and typed data. */
  public Address to() {
    return switch (payload) {
      case Payload.NativeTransfer t -> t.to();
      case Payload.ContractCall c -> c.to();
      default -> null;
    };
  }

  /** The ether sent; zero for messages and typed data. */
  public Wei value() {
    return switch (payload) {
      case Payload.NativeTransfer t -> t.value();
      case Payload.ContractCall c -> c.value();
      case Payload.Deployment d -> d.value();
      default -> Wei.ZERO;
    };
  }

  /** The calldata of a contract call; empty otherwise. */
  public HexData data() {
    return payload instanceof Payload.ContractCall c ? c.data() : HexData.EMPTY;
  }
}
