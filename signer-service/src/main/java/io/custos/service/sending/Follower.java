package io.custos.service.sending;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Follows every open transaction to its end, one step after the other at each tick: sends again
 * what is still SIGNED (after a crash or a node outage), moves sent transactions on by their
 * receipts ({@link ReceiptFollower}), checks the nonce cursors against the node ({@link
 * NonceReconciler}), flags what is stuck ({@link StuckFlags}) and refreshes the gauges ({@link
 * TransactionGauges}). A failing step (the node down) pauses the rest until the next tick.
 */
@ApplicationScoped
public class Follower {

  private static final Logger LOG = Logger.getLogger(Follower.class);

  private final TransactionRepository transactions;
  private final Broadcaster broadcaster;
  private final ReceiptFollower receipts;
  private final NonceReconciler nonces;
  private final StuckFlags stuck;
  private final TransactionGauges gauges;

  Follower(
      TransactionRepository transactions,
      Broadcaster broadcaster,
      ReceiptFollower receipts,
      NonceReconciler nonces,
      StuckFlags stuck,
      TransactionGauges gauges) {
    this.transactions = transactions;
    this.broadcaster = broadcaster;
    this.receipts = receipts;
    this.nonces = nonces;
    this.stuck = stuck;
    this.gauges = gauges;
  }

  @Scheduled(
      every = "${custos.ethereum.follow-every}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void tick() {
    try {
      for (UUID id : transactions.signed()) {
        broadcaster.broadcast(id);
      }
      receipts.follow();
      nonces.reconcile();
      stuck.flag();
      gauges.refresh();
    } catch (RuntimeException e) {
      LOG.warnf("following transactions paused: %s", e.getMessage());
    }
  }
}
