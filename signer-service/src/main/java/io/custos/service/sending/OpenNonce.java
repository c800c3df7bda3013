package io.custos.service.sending;

import java.math.BigInteger;

/**
 * A nonce whose transaction is signed or sent but not mined yet: what a speed-up or cancel
 * replaces.
 *
 * @param nonce the nonce
 * @param maxFeePerGas the highest fee ceiling among its transactions, in wei
 * @param maxPriorityFeePerGas the highest tip among its transactions, in wei
 */
public record OpenNonce(long nonce, BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas) {

  /** Nodes take a replacement only when both fees are raised by at least 10 % (geth's default). */
  private static final BigInteger BUMP_PERCENT = BigInteger.valueOf(110);

  private static final BigInteger HUNDRED = BigInteger.valueOf(100);

  /** The least fee ceiling a replacement may carry. */
  public BigInteger minimumMaxFee() {
    return bumped(maxFeePerGas);
  }

  /** The least tip a replacement may carry. */
  public BigInteger minimumTip() {
    return bumped(maxPriorityFeePerGas);
  }

  /** {@code ceil(value × 1.1)}, at least one wei more. */
  private static BigInteger bumped(BigInteger value) {
    BigInteger[] qr = value.multiply(BUMP_PERCENT).divideAndRemainder(HUNDRED);
    BigInteger up = qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    return up.max(value.add(BigInteger.ONE));
  }
}
