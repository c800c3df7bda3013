package io.custos.policy.value;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A non-negative amount of ether in wei, bounded by uint256.
 *
 * @param value the amount in wei
 */
public record Wei(BigInteger value) implements Comparable<Wei> {
  /** The largest uint256. */
  public static final BigInteger MAX_UINT256 =
      BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

  /** Zero wei. */
  public static final Wei ZERO = new Wei(BigInteger.ZERO);

  private static final BigDecimal WEI_PER_ETHER = BigDecimal.TEN.pow(18);

  public Wei {
    if (value == null || value.signum() < 0 || value.compareTo(MAX_UINT256) > 0) {
      throw new IllegalArgumentException("wei must be an integer in [0, 2^256)");
    }
  }

  public static Wei of(long wei) {
    return new Wei(BigInteger.valueOf(wei));
  }

  /**
   * Whole or fractional ether, e.g. {@code ofEther("1.5")}; a remainder below one wei is an error.
   */
  public static Wei ofEther(String ether) {
    return new Wei(new BigDecimal(ether).multiply(WEI_PER_ETHER).toBigIntegerExact());
  }

  @Override
  public int compareTo(Wei other) {
    return value.compareTo(other.value);
  }

  /** The amount in ether, without trailing zeros. */
  public String toEtherString() {
    return new BigDecimal(value).divide(WEI_PER_ETHER).stripTrailingZeros().toPlainString();
  }

  @Override
  public String toString() {
    return toEtherString() + " ETH";
  }
}
