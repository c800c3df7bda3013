package io.custos.policy.bench;

import io.custos.policy.Policy;
import io.custos.policy.PolicyParseException;
import io.custos.policy.PolicyParser;
import java.util.Locale;

/**
 * A 1,000-rule policy: each rule is for one team's wallets, pays that team's vendor list in ETH or
 * decoded USDC, and carries velocity limits on amount and count.
 */
final class BenchmarkPolicy {
  static final int RULES = 1_000;
  static final String USDC = "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48";

  private BenchmarkPolicy() {}

  static String vendor(int team) {
    return String.format(Locale.ROOT, "0x%040x", 0x1000 + team);
  }

  /**
   * The policy text; with {@code walletScoped} false the rules have no wallet condition, so every
   * rule up to the match is tested (the wallet index cannot help).
   */
  static String yaml(boolean walletScoped) {
    StringBuilder out = new StringBuilder();
    out.append("version: 1\nname: bench\ngroups:\n  treasury: {}\naddress_book:\n  lists:\n");
    for (int i = 0; i < RULES; i++) {
      out.append("    vendors-").append(i).append(": [").append(vendor(i)).append("]\n");
    }
    out.append("  tokens:\n    USDC: { address: \"").append(USDC).append("\", decimals: 6 }\n");
    out.append("rules:\n");
    for (int i = 0; i < RULES; i++) {
      boolean token = i % 2 == 0;
      out.append("  - name: team-").append(i).append(token ? "-usdc" : "-eth").append('\n');
      out.append("    match:\n      chains: [1]\n      wallets: { tags: [team-")
          .append(i)
          .append("] }\n");
      if (token) {
        out.append("      erc20: { token: USDC, functions: [transfer], recipient: { in: [vendors-")
            .append(i)
            .append("] }, max: 100000 USDC }\n");
        out.append("    limits:\n      - { window: 24h, per: wallet, max: 250000 USDC }\n");
      } else {
        out.append("      to: { in: [vendors-").append(i).append("] }\n");
        out.append("      value: { max: 10 ETH }\n");
        out.append("    limits:\n      - { window: 24h, per: wallet, max: 50 ETH }\n");
      }
      out.append("      - { window: 1h, per: destination, max_count: 20 }\n");
      out.append("    action: require\n    approvals: { quorum: { group: treasury, count: 1 } }\n");
    }
    return out.toString();
  }

  static Policy parse(boolean walletScoped) {
    try {
      return PolicyParser.parse(yaml(walletScoped));
    } catch (PolicyParseException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
