package io.custos.service.request;

import io.custos.policy.intent.Payload;
import io.custos.policy.value.Address;
import io.custos.policy.value.Asset;
import io.custos.policy.value.HexData;
import io.custos.policy.value.Wei;
import java.math.BigInteger;
import java.util.Objects;

/**
 * A submitted request, validated: what would be signed, in typed values.
 *
 * @param walletLabel the signing wallet's label
 * @param kind what it asks to sign
 * @param to the body's destination (the recipient of an ERC-20 transfer)
 * @param value the ether sent
 * @param token the token of an ERC-20 transfer, else null
 * @param tokenUnits the token amount in smallest units, else null
 * @param data the calldata to sign (the encoded transfer for ERC-20)
 * @param maxFeePerGas optional cap in wei, else null
 * @param maxPriorityFeePerGas optional cap in wei, else null
 * @param memo optional note, else null
 */
record Draft(
    String walletLabel,
    RequestKind kind,
    Address to,
    Wei value,
    Asset.Token token,
    BigInteger tokenUnits,
    HexData data,
    BigInteger maxFeePerGas,
    BigInteger maxPriorityFeePerGas,
    String memo) {

  Draft {
    Objects.requireNonNull(walletLabel, "walletLabel");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(data, "data");
    if ((kind == RequestKind.ERC20_TRANSFER) != (token != null && tokenUnits != null)) {
      throw new IllegalArgumentException("a token and its amount go with an ERC-20 transfer only");
    }
  }

  /** The address the transaction is sent to: the token contract for an ERC-20 transfer. */
  Address txTo() {
    return token != null ? token.address() : to;
  }

  /** The payload as the policy sees it. */
  Payload payload() {
    return kind == RequestKind.NATIVE_TRANSFER
        ? new Payload.NativeTransfer(to, value)
        : new Payload.ContractCall(txTo(), value, data);
  }
}
