package io.custos.service.chain;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.ClientConnectionException;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * The organization's Ethereum node: the calls Custos makes, with our own types in and out. Every
 * failure is a {@link NodeException}, mapped here once; callers catch it only where they recover.
 */
@ApplicationScoped
public class EthereumNode {

  private final long expectedChainId;
  private final HttpService service;
  private final Web3j web3j;

  @Inject
  EthereumNode(EthereumConfig config) {
    this(config.nodeUrl(), config.chainId(), config.callTimeout());
  }

  EthereumNode(URI nodeUrl, long expectedChainId, Duration callTimeout) {
    this.expectedChainId = expectedChainId;
    long timeoutMillis = callTimeout.toMillis();
    OkHttpClient http =
        new OkHttpClient.Builder()
            .connectTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
            .readTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
            .callTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
            .build();
    this.service = new HttpService(nodeUrl.toString(), http);
    this.web3j = Web3j.build(service);
  }

  /** The chain this deployment is configured for. */
  public long expectedChainId() {
    return expectedChainId;
  }

  /** The chain id the node reports. */
  public long chainId() {
    return call("eth_chainId", web3j.ethChainId()).getChainId().longValueExact();
  }

  /** The latest block number the node knows. */
  public long blockNumber() {
    return call("eth_blockNumber", web3j.ethBlockNumber()).getBlockNumber().longValueExact();
  }

  /** The hash of the canonical block at {@code number}; empty when there is none (yet). */
  public Optional<String> blockHash(long number) {
    var block = call("eth_getBlockByNumber", web3j.ethGetBlockByNumber(at(number), false));
    return Optional.ofNullable(block.getBlock()).map(b -> b.getHash());
  }

  /** The base fee of the latest block, in wei per gas. */
  public BigInteger latestBaseFee() {
    return call(
            "eth_getBlockByNumber",
            web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false))
        .getBlock()
        .getBaseFeePerGas();
  }

  /** The tip the node suggests, in wei per gas. */
  public BigInteger maxPriorityFeePerGas() {
    return call("eth_maxPriorityFeePerGas", web3j.ethMaxPriorityFeePerGas())
        .getMaxPriorityFeePerGas();
  }

  /** The balance of {@code address} at the latest block, in wei. */
  public BigInteger balance(String address) {
    return call("eth_getBalance", web3j.ethGetBalance(address, DefaultBlockParameterName.LATEST))
        .getBalance();
  }

  /** Transactions from {@code address} mined so far: its next nonce by the chain. */
  public long latestNonce(String address) {
    return transactionCount(address, DefaultBlockParameterName.LATEST);
  }

  /** Transactions from {@code address} mined or in the node's pool: its next nonce by the node. */
  public long pendingNonce(String address) {
    return transactionCount(address, DefaultBlockParameterName.PENDING);
  }

  private long transactionCount(String address, DefaultBlockParameterName tag) {
    return call("eth_getTransactionCount", web3j.ethGetTransactionCount(address, tag))
        .getTransactionCount()
        .longValueExact();
  }

  /** The gas {@code call} would use; a revert is a refusal ({@link NodeException#answered}). */
  public BigInteger estimateGas(Call call) {
    return call("eth_estimateGas", web3j.ethEstimateGas(transaction(call))).getAmountUsed();
  }

  /** What {@code call} returns at the latest block, without sending anything. */
  public byte[] call(Call call) {
    var answer =
        call("eth_call", web3j.ethCall(transaction(call), DefaultBlockParameterName.LATEST));
    return Numeric.hexStringToByteArray(answer.getValue());
  }

  /** Sends signed transaction bytes; the node's refusal is an answer, not an exception. */
  public Sent sendRaw(byte[] raw) {
    var answer =
        answer("eth_sendRawTransaction", web3j.ethSendRawTransaction(Numeric.toHexString(raw)));
    if (answer.hasError()) {
      return new Sent.Refused(answer.getError().getCode(), answer.getError().getMessage());
    }
    return new Sent.Accepted(answer.getTransactionHash());
  }

  /** Whether the node knows the transaction, in its pool or mined. */
  public boolean knowsTransaction(String hash) {
    return call("eth_getTransactionByHash", web3j.ethGetTransactionByHash(hash))
        .getTransaction()
        .isPresent();
  }

  /** The transaction's receipt; empty while it is not mined (or the node does not know it). */
  public Optional<Receipt> receipt(String hash) {
    return call("eth_getTransactionReceipt", web3j.ethGetTransactionReceipt(hash))
        .getTransactionReceipt()
        .map(EthereumNode::receipt);
  }

  /**
   * The receipts of every transaction in block {@code number}, in one call. Not every node has
   * {@code eth_getBlockReceipts}: one that lacks it refuses ({@link NodeException#answered}).
   */
  public List<Receipt> blockReceipts(long number) {
    return call("eth_getBlockReceipts", web3j.ethGetBlockReceipts(at(number)))
        .getBlockReceipts()
        .orElse(List.of())
        .stream()
        .map(EthereumNode::receipt)
        .toList();
  }

  private static Receipt receipt(TransactionReceipt r) {
    return new Receipt(
        r.getTransactionHash(),
        r.getBlockNumber().longValueExact(),
        r.getBlockHash(),
        r.isStatusOK(),
        r.getGasUsed());
  }

  private static DefaultBlockParameter at(long number) {
    return DefaultBlockParameter.valueOf(BigInteger.valueOf(number));
  }

  /**
   * Relays a call as the client made it and returns the node's {@code result} (maps, lists, strings
   * and nulls as JSON has them). For the read-only methods a JSON-RPC client of Custos needs; the
   * caller decides which methods may pass.
   */
  public Object relay(String method, List<?> params) {
    return call(method, new Request<>(method, params, service, Relayed.class)).getResult();
  }

  /** The node's answer to a relayed call: any JSON. */
  public static final class Relayed extends Response<Object> {}

  private static Transaction transaction(Call call) {
    return Transaction.createFunctionCallTransaction(
        call.from(), null, null, null, call.to(), call.value(), Numeric.toHexString(call.data()));
  }

  /** The node's answer to {@code method}; its JSON-RPC error becomes a {@link NodeException}. */
  private static <T extends Response<?>> T call(String method, Request<?, T> request) {
    T answer = answer(method, request);
    if (answer.hasError()) {
      throw NodeException.refused(
          method, answer.getError().getCode(), answer.getError().getMessage());
    }
    return answer;
  }

  /**
   * The node's answer to {@code method}, error or not. A web3j client error is an HTTP status other
   * than success (a proxy in front of the node, the node overloaded): no answer either.
   */
  private static <T extends Response<?>> T answer(String method, Request<?, T> request) {
    try {
      return request.send();
    } catch (IOException | ClientConnectionException e) {
      throw NodeException.noAnswer(method, e);
    }
  }

  @PreDestroy
  void close() {
    web3j.shutdown();
  }
}
