package io.custos.service.chain;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.time.Duration;

/** The organization's own Ethereum node, and how Custos follows transactions on it. */
@ConfigMapping(prefix = "custos.ethereum")
public interface EthereumConfig {

  /** JSON-RPC endpoint of the node (env CUSTOS_ETHEREUM_NODE_URL). */
  URI nodeUrl();

  /**
   * The chain the node must be on; Custos refuses to be ready on any other (env
   * CUSTOS_ETHEREUM_CHAIN_ID).
   */
  @Positive
  long chainId();

  /** Blocks on top of a transaction's block before it counts as confirmed. */
  @WithDefault("2")
  @Min(0)
  int confirmations();

  /** A sent transaction not mined after this long is flagged stuck. */
  @WithDefault("PT5M")
  Duration stuckAfter();

  /** How often open transactions are followed (receipts, confirmations, re-sends). */
  @WithDefault("1s")
  Duration followEvery();

  /**
   * How long the node's tip and base fee are reused before asked again. One block at most: the fee
   * ceiling leaves room for six blocks of base-fee growth.
   */
  @WithDefault("PT1S")
  Duration feeMaxAge();

  /** How long one JSON-RPC call may take. */
  @WithDefault("PT10S")
  Duration callTimeout();
}
