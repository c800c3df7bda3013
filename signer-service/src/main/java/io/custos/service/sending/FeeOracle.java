package io.custos.service.sending;

import io.custos.service.chain.EthereumConfig;
import io.custos.service.chain.EthereumNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.utils.Numeric;

/**
 * Fills EIP-1559 fees and the gas limit from the node: tip from {@code eth_maxPriorityFeePerGas},
 * fee ceiling at twice the latest base fee plus the tip (room for six full blocks of base-fee
 * growth), gas from {@code eth_estimateGas} with a margin for calls. Never above the approved caps.
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
  private final long maxAgeNanos;
  private final AtomicReference<Quote> quote = new AtomicReference<>();

  FeeOracle(EthereumNode node, EthereumConfig config) {
    this.node = node;
    this.maxAgeNanos = config.feeMaxAge().toNanos();
  }

  public Fees fees(String from, Outgoing out) throws IOException {
    Web3j web3 = node.web3j();
    Quote market = market(web3);
    BigInteger tip = market.tip();
    BigInteger baseFee = market.baseFee();
    BigInteger maxFee = baseFee.shiftLeft(1).add(tip);
    FeeCaps caps = out.caps();
    if (caps.maxPriorityFeePerGas() != null) {
      tip = tip.min(caps.maxPriorityFeePerGas());
    }
    if (caps.maxFeePerGas() != null) {
      if (caps.maxFeePerGas().compareTo(baseFee.add(tip)) < 0) {
        throw new FeeAboveCapException(
            "base fee "
                + baseFee
                + " + tip "
                + tip
                + " wei/gas is above the approved cap of "
                + caps.maxFeePerGas());
      }
      maxFee = maxFee.min(caps.maxFeePerGas());
    }
    return new Fees(gas(web3, from, out), maxFee, tip);
  }

  /**
   * A replacement's fees are the ones its request carries; only the gas limit comes from the node.
   */
  public Fees replacement(String from, Outgoing out) throws IOException {
    FeeCaps exact = out.caps();
    return new Fees(
        gas(node.web3j(), from, out), exact.maxFeePerGas(), exact.maxPriorityFeePerGas());
  }

  /** The base fee of the latest block, in wei per gas. */
  public BigInteger baseFee() throws IOException {
    return node.web3j()
        .ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
        .send()
        .getBlock()
        .getBaseFeePerGas();
  }

  /** The latest quote if young enough, else a new one; racing threads may both ask the node. */
  private Quote market(Web3j web3) throws IOException {
    Quote q = quote.get();
    if (q != null && System.nanoTime() - q.fetchedAt() < maxAgeNanos) {
      return q;
    }
    BigInteger tip = web3.ethMaxPriorityFeePerGas().send().getMaxPriorityFeePerGas();
    var latest =
        web3.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock();
    Quote fresh = new Quote(tip, latest.getBaseFeePerGas(), System.nanoTime());
    quote.set(fresh);
    return fresh;
  }

  private static BigInteger gas(Web3j web3, String from, Outgoing out) throws IOException {
    byte[] data = out.data();
    Transaction call =
        Transaction.createFunctionCallTransaction(
            from, null, null, null, out.to(), out.valueWei(), Numeric.toHexString(data));
    var estimate = web3.ethEstimateGas(call).send();
    if (estimate.hasError()) {
      throw new IOException("eth_estimateGas failed: " + estimate.getError().getMessage());
    }
    BigInteger gas = estimate.getAmountUsed();
    // A plain transfer costs exactly 21,000; a call's cost can move between estimate and inclusion.
    return data.length == 0 && gas.equals(TRANSFER_GAS)
        ? gas
        : gas.multiply(BigInteger.valueOf(6)).divide(BigInteger.valueOf(5));
  }
}
