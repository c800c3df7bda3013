package io.custos.policy.usage;

import java.math.BigInteger;
import java.util.Map;

/**
 * The usage figures the caller computed for the keys {@code requiredUsage} returned.
 *
 * @param figures the figure for each key (a count, or an amount in smallest units)
 */
public record Usage(Map<UsageKey, BigInteger> figures) {
  /** No usage supplied; only valid for intents whose rules have no velocity limits. */
  public static final Usage NONE = new Usage(Map.of());

  public Usage {
    figures = Map.copyOf(figures);
    for (BigInteger value : figures.values()) {
      if (value.signum() < 0) {
        throw new IllegalArgumentException("usage figures must not be negative");
      }
    }
  }

  /** The figure for {@code key}, or null when the caller did not supply it. */
  public BigInteger get(UsageKey key) {
    return figures.get(key);
  }
}
