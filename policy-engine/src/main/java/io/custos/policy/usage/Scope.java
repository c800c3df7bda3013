package io.custos.policy.usage;

/** What a velocity limit is counted per; names are as written in policies. */
public enum Scope {
  /** Per signing wallet; the usage key's subject is the wallet id. */
  WALLET("wallet"),
  /**
   * Per destination; the subject is the ERC-20 recipient/spender for token calls, else the {@code
   * to} address (lower-case hex), or {@code none} for deployments, messages and typed data.
   */
  DESTINATION("destination"),
  /** Per requester; the subject is the requester's subject. */
  REQUESTER("requester"),
  /** Per rule; the subject is the rule's name (usage of intents that rule decided). */
  RULE("rule");

  private final String policyName;

  Scope(String policyName) {
    this.policyName = policyName;
  }

  public String policyName() {
    return policyName;
  }

  /** Looks a scope up by its policy name; null when there is none. */
  public static Scope fromPolicyName(String name) {
    for (Scope scope : values()) {
      if (scope.policyName.equals(name)) {
        return scope;
      }
    }
    return null;
  }
}
