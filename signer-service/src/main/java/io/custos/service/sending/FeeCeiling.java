package io.custos.service.sending;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigInteger;
import java.util.Optional;

/**
 * The service-wide fee ceiling ({@code custos.fees.*}): what a request or a speed-up may ask for,
 * checked when it is made, and what the {@link FeeOracle} never fills above, checked when signing.
 */
@ApplicationScoped
public class FeeCeiling {

  private final BigInteger perGas;
  private final BigInteger perTransaction;

  FeeCeiling(FeesConfig config) {
    this.perGas = config.maxFeePerGas();
    this.perTransaction = config.maxFeePerTransaction();
    if (perGas.signum() <= 0 || perTransaction.signum() <= 0) {
      throw new IllegalArgumentException("custos.fees.* ceilings must be positive");
    }
  }

  /** The most any transaction may pay per gas, in wei. */
  public BigInteger perGas() {
    return perGas;
  }

  /** The most any transaction may pay in all, in wei. */
  public BigInteger perTransaction() {
    return perTransaction;
  }

  /** Why a fee per gas asked for is refused, or empty when it is within the ceiling. */
  public Optional<String> refusal(BigInteger maxFeePerGas) {
    if (maxFeePerGas == null || maxFeePerGas.compareTo(perGas) <= 0) {
      return Optional.empty();
    }
    return Optional.of(
        "maxFeePerGas "
            + maxFeePerGas
            + " wei is above the service's ceiling of "
            + perGas
            + " wei (custos.fees.max-fee-per-gas)");
  }

  /**
   * The highest fee per gas a transaction of {@code gasLimit} may carry: the per-gas ceiling, or
   * less when the per-transaction ceiling spread over the gas is lower.
   */
  BigInteger perGasFor(BigInteger gasLimit) {
    return perGas.min(perTransaction.divide(gasLimit.max(BigInteger.ONE)));
  }
}
