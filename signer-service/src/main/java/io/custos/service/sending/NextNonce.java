package io.custos.service.sending;

import io.custos.service.chain.EthereumNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * The nonce Custos would sign a wallet's next transaction with, for clients that want to know it (a
 * JSON-RPC tool fills {@code nonce} from {@code eth_getTransactionCount}): the wallet's cursor, or
 * before its first transaction, the node's pending count. A hint, not a reservation: the nonce is
 * allocated when the transaction is signed.
 */
@ApplicationScoped
public class NextNonce {

  private final NonceCursors cursors;
  private final EthereumNode node;

  NextNonce(NonceCursors cursors, EthereumNode node) {
    this.cursors = cursors;
    this.node = node;
  }

  @Transactional
  public long of(long chainId, String address) {
    return cursors.next(chainId, address).orElseGet(() -> node.pendingNonce(address));
  }
}
