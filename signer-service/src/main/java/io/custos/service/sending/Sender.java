package io.custos.service.sending;

import io.custos.service.chain.NodeException;
import io.custos.service.wallet.SigningKey;
import io.custos.service.wallet.WalletService;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns an approved payload into a transaction on the chain: fees from the node, then nonce, HSM
 * signature and record in one database transaction, then the broadcast after that commit. A crash
 * between any two steps loses nothing: a recorded transaction is sent again by the {@link
 * Follower}.
 */
@ApplicationScoped
public class Sender {

  private final WalletService wallets;
  private final FeeOracle fees;
  private final NonceAndSign signing;
  private final Broadcaster broadcaster;

  Sender(WalletService wallets, FeeOracle fees, NonceAndSign signing, Broadcaster broadcaster) {
    this.wallets = wallets;
    this.fees = fees;
    this.signing = signing;
    this.broadcaster = broadcaster;
  }

  /**
   * Signs and sends {@code out}, once: calling again for the same request returns the transaction
   * already made.
   *
   * @throws NodeException when the node cannot give fees or the nonce (nothing was signed)
   * @throws FeeAboveCapException when the network asks more than the approved cap (nothing signed)
   * @throws NonceSettledException when a replacement's nonce is already mined (nothing signed)
   */
  public TxRecord send(Outgoing out) {
    SigningKey key = wallets.signingKey(out.walletId());
    TxRecord tx =
        out.replaces() == null
            ? signing.signAndRecord(out, key, fees.fees(key.address(), out))
            : signing.signReplacement(out, key, fees.replacement(key.address(), out));
    broadcaster.broadcast(tx.id());
    return tx;
  }
}
