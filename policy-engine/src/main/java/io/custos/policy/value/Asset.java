package io.custos.policy.value;

/**
 * What an amount is counted in: ether, or one ERC-20 token defined in the policy's address book.
 */
public sealed interface Asset {
  /** The chain's native currency; amounts are in wei. */
  Asset NATIVE = new Native();

  /** The unit's symbol as written in policies. */
  String symbol();

  /** Ether, counted in wei. */
  record Native() implements Asset {
    @Override
    public String symbol() {
      return "ETH";
    }
  }

  /**
   * An ERC-20 token; amounts are in its smallest unit.
   *
   * @param symbol the symbol used in the policy, e.g. {@code USDC}
   * @param address the token contract
   * @param decimals how many decimals one whole token has (0 to 77)
   */
  record Token(String symbol, Address address, int decimals) implements Asset {
    public Token {
      if (symbol == null || !symbol.matches("[A-Za-z][A-Za-z0-9._-]{0,31}")) {
        throw new IllegalArgumentException("token symbol must be 1-32 letters, digits, . _ -");
      }
      if (address == null) {
        throw new IllegalArgumentException("token address is required");
      }
      if (decimals < 0 || decimals > 77) {
        throw new IllegalArgumentException("token decimals must be in [0, 77]");
      }
    }
  }
}
