package io.custos.policy.model;

import io.custos.policy.value.Wei;
import java.math.BigInteger;

/**
 * The ether value is within {@code [min, max]} and a multiple of {@code multipleOf}.
 *
 * @param min the least value
 * @param max the greatest value
 * @param multipleOf the step (one wei when unconstrained)
 */
public record ValueCondition(Wei min, Wei max, Wei multipleOf) implements Condition {
  public ValueCondition {
    if (min == null || max == null || multipleOf == null || multipleOf.value().signum() == 0) {
      throw new IllegalArgumentException("value bounds are required and the step must be positive");
    }
  }

  @Override
  public boolean test(EvaluationContext context) {
    BigInteger value = context.intent().value().value();
    return value.compareTo(min.value()) >= 0
        && value.compareTo(max.value()) <= 0
        && (multipleOf.value().equals(BigInteger.ONE)
            || value.mod(multipleOf.value()).signum() == 0);
  }

  @Override
  public String mismatch(EvaluationContext context) {
    return "value " + context.intent().value() + " is not " + describeRange();
  }

  @Override
  public String describe() {
    return "value " + describeRange();
  }

  private String describeRange() {
    String range = "in [" + min + ", " + (max.value().equals(Wei.MAX_UINT256) ? "∞" : max) + "]";
    return multipleOf.value().equals(BigInteger.ONE)
        ? range
        : range + " and a multiple of " + multipleOf;
  }

  @Override
  public int cost() {
    return 1;
  }
}
