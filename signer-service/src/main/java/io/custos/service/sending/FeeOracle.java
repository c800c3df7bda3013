package io.custos.service.sending;

import io.custos.policy.intent.FeeCaps;
import io.custos.service.chain.Call;
import io.custos.service.chain.EthereumConfig;
import io.custos.service.chain.EthereumNode;
import io.custos.service.chain.NodeException;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fills EIP-1559 fees and the gas limit from the node: tip from {@code eth_maxPriorityFeePerGas},
 * fee ceiling at twice the latest base fee plus the tip (room for six full blocks of base-fee
 * growth), gas from {@code eth_estimateGas} with a margin for calls. Never above the approved caps,
 * nor above the service's {@link FeeCeiling}: when the market asks more than either allows, the
 * transaction waits for cheaper blocks ({@link FeeAboveCapException}) rather than pay it.
 *
 * <p>The tip and base fee change at most once a block, so one quote serves every transaction signed
 * within {@code custos.ethereum.fee-max-age}: two node calls fewer per transaction.
 */
@ApplicationScoped
public class FeeOracle {

  static final BigInteger TRANSFER_GAS = BigInteger.valueOf(21_000);

  /** The node's fee market at {@code fetchedAt} ({@link System#nanoTime}). */
  private record Quote(BigInteger tip, BigInteger baseFee, long fetchedAt) {}

  private final EthereumNode node;
  private final FeeCeiling ceiling;
  private final long maxAgeNanos;
  private final AtomicReference<Quote> quote = new AtomicReference<>();

  FeeOracle(EthereumNode node, EthereumConfig config, FeeCeiling ceiling) {
    this.node = node;
    this.ceiling = ceiling;
    this.maxAgeNanos = config.feeMaxAge().toNanos();
  }

  /**
   * The fees of a new transaction: the market's, within the approved caps.
   *
   * @throws FeeAboveCapException when the base fee and tip are above the approved fee cap or the
   *     service's ceiling for this gas
   * @throws NodeException when the node does not give the market or the gas
   */
  public Fees fees(String from, Outgoing out) {
    Quote market = market();
    BigInteger baseFee = market.baseFee();
    // Unbounded caps (none approved) are 2^256 - 1: only the service's ceiling bounds them then.
    BigInteger capFee = out.caps().maxFeePerGas().value();
    BigInteger tip = market.tip().min(out.caps().maxPriorityFeePerGas().value());
    atMost(baseFee, tip, capFee, "the approved cap");
    atMost(baseFee, tip, ceiling.perGas(), "the service's ceiling (custos.fees.max-fee-per-gas)");
    BigInteger gas = gas(from, out);
    BigInteger allowed = capFee.min(ceiling.perGasFor(gas));
    atMost(baseFee, tip, allowed, "the service's ceiling over " + gas + " gas");
    return new Fees(gas, baseFee.shiftLeft(1).add(tip).min(allowed), tip);
  }

  private static void atMost(BigInteger baseFee, BigInteger tip, BigInteger cap, String what) {
    if (cap.compareTo(baseFee.add(tip)) < 0) {
      throw new FeeAboveCapException(
          "base fee " + baseFee + " + tip " + tip + " wei/gas is above " + what + " of " + cap);
    }
  }

  /**
   * A replacement's fees are the ones its request carries; only the gas limit comes from the node.
   *
   * @throws FeeAboveCapException when they are above the service's ceiling for this gas
   */
  public Fees replacement(String from, Outgoing out) {
    FeeCaps exact = out.caps();
    BigInteger gas = gas(from, out);
    BigInteger maxFee = exact.maxFeePerGas().value();
    if (maxFee.compareTo(ceiling.perGasFor(gas)) > 0) {
      throw new FeeAboveCapException(
          "the replacement's "
              + maxFee
              + " wei/gas over "
              + gas
              + " gas is above the service's ceiling (custos.fees.*)");
    }
    return new Fees(gas, maxFee, exact.maxPriorityFeePerGas().value());
  }

  /** The base fee of the latest block, in wei per gas. */
  public BigInteger baseFee() {
    return node.latestBaseFee();
  }

  /** The latest quote if young enough, else a new one; racing threads may both ask the node. */
  private Quote market() {
    Quote q = quote.get();
    if (q != null && System.nanoTime() - q.fetchedAt() < maxAgeNanos) {
      return q;
    }
    BigInteger tip = node.maxPriorityFeePerGas();
    Quote fresh = new Quote(tip, node.latestBaseFee(), System.nanoTime());
    quote.set(fresh);
    return fresh;
  }

  private BigInteger gas(String from, Outgoing out) {
    byte[] data = out.data();
    BigInteger gas = node.estimateGas(new Call(from, out.to(), out.valueWei(), data));
    // A plain transfer costs exactly 21,000; a call's cost can move between estimate and inclusion.
    return data.length == 0 && gas.equals(TRANSFER_GAS)
        ? gas
        : gas.multiply(BigInteger.valueOf(6)).divide(BigInteger.valueOf(5));
  }
}
