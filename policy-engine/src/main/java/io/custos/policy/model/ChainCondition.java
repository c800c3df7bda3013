package io.custos.policy.model;

import java.util.Arrays;

/**
 * The intent is for one of the chains.
 *
 * @param chainIds allowed chain ids, sorted
 */
public record ChainCondition(long[] chainIds) implements Condition {
  public ChainCondition {
    chainIds = chainIds.clone();
    Arrays.sort(chainIds);
  }

  @Override
  public boolean test(EvaluationContext context) {
    return Arrays.binarySearch(chainIds, context.intent().chainId().value()) >= 0;
  }

  @Override
  public String mismatch(EvaluationContext context) {
    return "chain " + context.intent().chainId() + " is not in " + Arrays.toString(chainIds);
  }

  @Override
  public String describe() {
    return "chain in " + Arrays.toString(chainIds);
  }

  @Override
  public int cost() {
    return 0;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ChainCondition that && Arrays.equals(chainIds, that.chainIds);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(chainIds);
  }

  @Override
  public String toString() {
    return describe();
  }
}
