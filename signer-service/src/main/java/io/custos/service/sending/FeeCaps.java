package io.custos.service.sending;

import java.math.BigInteger;

/**
 * Ceilings on what a transaction may pay, approved with its request; null means no ceiling.
 *
 * @param maxFeePerGas the most per gas, base fee and tip together, in wei
 * @param maxPriorityFeePerGas the most tip per gas, in wei
 */
public record FeeCaps(BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas) {

  public static final FeeCaps NONE = new FeeCaps(null, null);
}
