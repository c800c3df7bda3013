package io.custos.service.chain;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.math.BigInteger;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/** The one client of the organization's Ethereum node. */
@ApplicationScoped
public class EthereumNode {

  private final EthereumConfig config;
  private final Web3j web3j;

  EthereumNode(EthereumConfig config) {
    this.config = config;
    long timeoutMillis = config.callTimeout().toMillis();
    OkHttpClient http =
        new OkHttpClient.Builder()
            .connectTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
            .readTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
            .callTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
            .build();
    this.web3j = Web3j.build(new HttpService(config.nodeUrl().toString(), http));
  }

  /** The chain this deployment is configured for. */
  public long expectedChainId() {
    return config.chainId();
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
