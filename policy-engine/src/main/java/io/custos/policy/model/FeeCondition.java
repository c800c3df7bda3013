package io.custos.policy.model;

import io.custos.policy.intent.FeeCaps;
import io.custos.policy.value.Wei;
import java.math.BigInteger;

/**
 * The transaction's fee caps are within bounds, so a requester cannot burn ether on fees. The total
 * is the most the transaction can pay: {@code maxFeePerGas × gasLimit}. Messages and typed data
 * have no fees and always pass.
 *
 * @param maxFeePerGas the highest accepted max fee per gas
 * @param maxPriorityFeePerGas the highest accepted priority fee per gas
 * @param maxTotal the highest accepted {@code maxFeePerGas × gasLimit}
 */
public record FeeCondition(Wei maxFeePerGas, Wei maxPriorityFeePerGas, Wei maxTotal)
    implements Condition {
  public FeeCondition {
    if (maxFeePerGas == null || maxPriorityFeePerGas == null || maxTotal == null) {
      throw new IllegalArgumentException(
          "fee bounds are required (use the uint256 maximum for none)");
    }
  }

  @Override
  public boolean test(EvaluationContext context) {
    return problem(context.intent().fees()) == null;
  }

  @Override
  public String mismatch(EvaluationContext context) {
    return problem(context.intent().fees());
  }

  private String problem(FeeCaps fees) {
    if (fees.maxFeePerGas().compareTo(maxFeePerGas) > 0) {
      return "max fee per gas " + gwei(fees.maxFeePerGas()) + " is above " + gwei(maxFeePerGas);
    }
    if (fees.maxPriorityFeePerGas().compareTo(maxPriorityFeePerGas) > 0) {
      return "priority fee per gas "
          + gwei(fees.maxPriorityFeePerGas())
          + " is above "
          + gwei(maxPriorityFeePerGas);
    }
    BigInteger total = fees.maxFeePerGas().value().multiply(BigInteger.valueOf(fees.gasLimit()));
    if (total.compareTo(maxTotal.value()) > 0) {
      return "the fee can reach " + new Wei(total.min(Wei.MAX_UINT256)) + ", above " + maxTotal;
    }
    return null;
  }

  private static String gwei(Wei wei) {
    return new java.math.BigDecimal(wei.value())
            .movePointLeft(9)
            .stripTrailingZeros()
            .toPlainString()
        + " gwei";
  }

  @Override
  public String describe() {
    return "fees at most "
        + gwei(maxFeePerGas)
        + " per gas, priority "
        + gwei(maxPriorityFeePerGas)
        + ", total "
        + maxTotal;
  }

  @Override
  public int cost() {
    return 1;
  }
}
