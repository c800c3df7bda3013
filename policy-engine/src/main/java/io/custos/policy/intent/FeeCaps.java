package io.custos.policy.intent;

import io.custos.policy.value.Wei;

/**
 * EIP-1559 fee caps of a transaction; zero for messages and typed data.
 *
 * @param maxFeePerGas the most paid per gas
 * @param maxPriorityFeePerGas the most tip per gas
 * @param gasLimit the gas limit
 */
public record FeeCaps(Wei maxFeePerGas, Wei maxPriorityFeePerGas, long gasLimit) {
  /** No fees (messages, typed data). */
  public static final FeeCaps NONE = new FeeCaps(Wei.ZERO, Wei.ZERO, 0);

  /**
   * No ceiling: a transaction whose request approved no caps. A fee condition fails closed on it,
   * and whoever fills the fees from the market takes them as they are. The gas limit is not known
   * yet (it is estimated when the transaction is built), so it is 0.
   */
  public static final FeeCaps UNBOUNDED =
      new FeeCaps(new Wei(Wei.MAX_UINT256), new Wei(Wei.MAX_UINT256), 0);

  public FeeCaps {
    if (maxFeePerGas == null || maxPriorityFeePerGas == null || gasLimit < 0) {
      throw new IllegalArgumentException("fee caps need both caps and a non-negative gas limit");
    }
  }
}
