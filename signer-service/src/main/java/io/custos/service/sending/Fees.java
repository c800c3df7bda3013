package io.custos.service.sending;

import java.math.BigInteger;

/**
 * The EIP-1559 fee fields and gas limit of one transaction.
 *
 * @param gasLimit gas the transaction may use
 * @param maxFeePerGas the most per gas, base fee and tip together, in wei
 * @param maxPriorityFeePerGas the tip per gas, in wei
 */
public record Fees(BigInteger gasLimit, BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas) {}
