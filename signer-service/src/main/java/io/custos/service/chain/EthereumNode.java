package io.custos.service.chain;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/** The one client of the organization's Ethereum node. */
@ApplicationScoped
public class EthereumNode {

  private final long expectedChainId;
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
    this.web3j = Web3j.build(new HttpService(nodeUrl.toString(), http));
  }

  /** The chain this deployment is configured for. */
  public long expectedChainId() {
    return expectedChainId;
  }

  /** The chain id the node reports. */
  public long chainId() throws IOException {
    return web3j.ethChainId().send().getChainId().longValueExact();
  }

  /** The latest block number the node knows. */
  public BigInteger blockNumber() throws IOException {
    return web3j.ethBlockNumber().send().getBlockNumber();
  }

  /** The underlying client, for the transaction workers. */
  public Web3j web3j() {
    return web3j;
  }

  @PreDestroy
  void close() {
    web3j.shutdown();
  }
}
