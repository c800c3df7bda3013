package io.custos.policy.intent;

/** The kinds of signing request a policy can tell apart; names are as written in policies. */
public enum Kind {
  NATIVE_TRANSFER("native_transfer"),
  CONTRACT_CALL("contract_call"),
  CONTRACT_DEPLOYMENT("contract_deployment"),
  MESSAGE("message"),
  TYPED_DATA("typed_data");

  private final String policyName;

  Kind(String policyName) {
    this.policyName = policyName;
  }

  /** The name used in policy documents. */
  public String policyName() {
    return policyName;
  }

  /** Looks a kind up by its policy name; null when there is none. */
  public static Kind fromPolicyName(String name) {
    for (Kind kind : values()) {
      if (kind.policyName.equals(name)) {
        return kind;
      }
    }
    return null;
  }
}
