package io.custos.policy.value;

/**
 * An EIP-155 chain id.
 *
 * @param value a positive chain id (1 for mainnet, 17000 for Holesky, 31337 for anvil)
 */
public record ChainId(long value) {
  public ChainId {
    if (value <= 0) {
      throw new IllegalArgumentException("chain id must be positive");
    }
  }

  public static ChainId of(long value) {
    return new ChainId(value);
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
