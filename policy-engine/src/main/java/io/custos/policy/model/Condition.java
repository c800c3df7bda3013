package io.custos.policy.model;

/**
 * One test in a rule's {@code match} block. A rule matches when all its conditions hold; the first
 * that fails is what the explanation reports.
 */
public sealed interface Condition
    permits WalletCondition,
        ChainCondition,
        KindCondition,
        DestinationCondition,
        ValueCondition,
        FeeCondition,
        Erc20Condition,
        CallCondition,
        TypedDataCondition,
        TimeCondition,
        RequesterCondition,
        TokenCallCondition {

  /** True when the intent in {@code context} satisfies this condition. */
  boolean test(EvaluationContext context);

  /**
   * Why the condition fails for {@code context}; only called after {@link #test} returned false.
   */
  String mismatch(EvaluationContext context);

  /** The condition as a short phrase, e.g. {@code "destination in [vendors]"}. */
  String describe();

  /** Relative cost, so cheap conditions run first; lower runs earlier. */
  default int cost() {
    return 5;
  }

  /** True when the outcome depends only on the intent and requester, not on the time. */
  default boolean timeIndependent() {
    return true;
  }
}
