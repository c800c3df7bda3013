package io.custos.policy;

/** Small inline policies for table-driven tests. */
final class Policies {
  static final String HEADER =
      """
      version: 1
      name: test
      groups:
        treasury: {}
        compliance: {}
        ops: { members: [olga, oscar] }
      address_book:
        lists:
          vendors: [0x1111111111111111111111111111111111111111]
          spenders: [0x2222222222222222222222222222222222222222]
        tokens:
          USDC: { address: "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48", decimals: 6 }
      """;

  private Policies() {}

  /** One rule with the given match block (flow style) and action lines. */
  static Policy oneRule(String match, String actionYaml) {
    return parse(
        HEADER + "rules:\n  - name: rule\n    match: " + match + "\n" + indent(actionYaml));
  }

  static Policy parse(String yaml) {
    try {
      return PolicyParser.parse(yaml);
    } catch (PolicyParseException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  static String indent(String lines) {
    return lines.lines().map(l -> "    " + l + "\n").reduce("", String::concat);
  }
}
