package io.custos.service.sending;

import io.custos.service.audit.Audit;
import io.custos.service.audit.AuditEntryType;
import io.custos.service.chain.EthereumNode;
import io.custos.service.chain.NodeException;
import io.custos.service.chain.Sent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Sends a recorded transaction's raw bytes to the node. Sending the same bytes again is harmless
 * (same hash), so after a crash or a node outage everything still SIGNED is simply sent again. When
 * the node refuses them, it is asked about our own hash: after a crash between the send and its
 * record, or a lost answer, the node already has (or has mined) the transaction and says so in its
 * own words ("already known", "already imported", "nonce too low"), which differ between nodes.
 */
@ApplicationScoped
public class Broadcaster {

  private static final Logger LOG = Logger.getLogger(Broadcaster.class);

  private final TransactionRepository transactions;
  private final EthereumNode node;
  private final Clock clock;
  private final Audit audit;
  private final SendingMetrics metrics;

  Broadcaster(
      TransactionRepository transactions,
      EthereumNode node,
      Clock clock,
      Audit audit,
      SendingMetrics metrics) {
    this.transactions = transactions;
    this.node = node;
    this.clock = clock;
    this.audit = audit;
    this.metrics = metrics;
  }

  /** Sends the transaction if it is still SIGNED; returns whether the node now has it. */
  @Transactional
  public boolean broadcast(UUID txId) {
    Optional<TransactionRepository.Unsent> locked = transactions.lockSigned(txId);
    if (locked.isEmpty()) {
      return false; // already sent, or another worker is sending it now
    }
    TransactionRepository.Unsent tx = locked.get();
    try {
      Sent sent = node.sendRaw(tx.raw());
      if (!(sent instanceof Sent.Refused refused) || node.knowsTransaction(tx.hash())) {
        transactions.markBroadcast(txId, clock.instant());
        audit.record(
            AuditEntryType.TRANSACTION_BROADCAST,
            Audit.SYSTEM,
            List.of("request:" + tx.requestId(), "tx:" + tx.hash()),
            Map.of("hash", tx.hash(), "nonce", Long.toString(tx.nonce())));
        return true;
      }
      LOG.warnf("node refused transaction %s: %s", tx.hash(), refused.message());
      metrics.broadcastError();
      transactions.noteError(txId, refused.message());
      return false;
    } catch (NodeException e) {
      metrics.broadcastError();
      transactions.noteError(txId, "node unreachable: " + e.getMessage());
      return false;
    }
  }

  /**
   * Sends a BROADCAST transaction's stored bytes again when the node no longer knows its hash. The
   * same bytes make the same transaction: at most one of them can ever be mined.
   *
   * @throws NodeException when the node does not answer (the follower pauses until its next tick)
   */
  void resendIfForgotten(UUID txId, String hash) {
    if (!Transitions.resend(TxState.BROADCAST, Optional.empty(), node.knowsTransaction(hash))) {
      return;
    }
    Optional<byte[]> raw = transactions.rawIfBroadcast(txId);
    if (raw.isEmpty()) {
      return;
    }
    if (node.sendRaw(raw.get()) instanceof Sent.Refused refused) {
      LOG.warnf("the node forgot %s and refused it again: %s", hash, refused.message());
      metrics.broadcastError();
    } else {
      LOG.infof("the node forgot %s; sent the same bytes again", hash);
    }
  }
}
