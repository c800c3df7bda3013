package io.custos.policy.value;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A non-negative amount of one asset, in the asset's smallest unit (wei for ether).
 *
 * @param asset what is counted
 * @param units the amount in smallest units
 */
public record Amount(Asset asset, BigInteger units) implements Comparable<Amount> {
  public Amount {
    if (asset == null) {
      throw new IllegalArgumentException("amount needs an asset");
    }
    if (units == null || units.signum() < 0 || units.compareTo(Wei.MAX_UINT256) > 0) {
      throw new IllegalArgumentException("amount must be an integer in [0, 2^256)");
    }
  }

  /** Compares amounts of the same asset. */
  @Override
  public int compareTo(Amount other) {
    if (!asset.equals(other.asset)) {
      throw new IllegalArgumentException("cannot compare amounts of different assets");
    }
    return units.compareTo(other.units);
  }

  /** Human form, e.g. {@code 1.5 ETH} or {@code 250000 USDC}. */
  @Override
  public String toString() {
    int decimals = asset instanceof Asset.Token token ? token.decimals() : 18;
    BigDecimal whole = new BigDecimal(units).movePointLeft(decimals).stripTrailingZeros();
    return whole.toPlainString() + " " + asset.symbol();
  }
}
