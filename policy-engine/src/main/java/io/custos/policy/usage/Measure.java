package io.custos.policy.usage;

import io.custos.policy.value.Asset;

/** What a usage figure counts. */
public sealed interface Measure {
  /** The number of signed intents. */
  record Count() implements Measure {
    @Override
    public String toString() {
      return "count";
    }
  }

  /**
   * The total amount of one asset moved, in its smallest unit (wei for ether; for a token, the
   * amounts of its decoded transfer, transferFrom and approve calls).
   *
   * @param asset the asset summed
   */
  record AmountOf(Asset asset) implements Measure {
    public AmountOf {
      if (asset == null) {
        throw new IllegalArgumentException("an amount measure needs an asset");
      }
    }

    @Override
    public String toString() {
      return "amount of " + asset.symbol();
    }
  }
}
