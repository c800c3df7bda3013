package io.custos.service.sending;

import io.custos.service.chain.EthereumConfig;
import io.custos.service.chain.EthereumNode;
import io.custos.service.chain.NodeException;
import io.custos.service.chain.Receipt;
import io.custos.service.sending.TransactionRepository.Open;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Moves sent transactions on by what the node reports, asking it only for what may have changed:
 * the receipts of the blocks mined since the last tick (one {@code eth_getBlockReceipts} per
 * block), whether the blocks holding MINED transactions are still canonical (one header per block),
 * and a MINED transaction's receipt when it is deep enough to confirm or its block is gone. Every
 * {@link #SWEEP_EVERY} ticks, on the first tick, after more than {@link #MAX_BLOCKS_PER_TICK}
 * blocks, and at every tick when the node lacks {@code eth_getBlockReceipts}, each BROADCAST
 * transaction's receipt is asked for (the sweep), and one the node no longer knows is sent again. A
 * reorg that puts a sent transaction into a block at a height already read is thus seen at the next
 * sweep at the latest.
 */
@ApplicationScoped
class ReceiptFollower {

  private static final Logger LOG = Logger.getLogger(ReceiptFollower.class);

  private static final int SWEEP_EVERY = 10;
  private static final long MAX_BLOCKS_PER_TICK = 32;

  private final TransactionRepository transactions;
  private final EthereumNode node;
  private final Broadcaster broadcaster;
  private final ReceiptRecorder recorder;
  private final Transitions rules;
  // The tick's own state: ticks never overlap (SKIP).
  private volatile Long scannedThrough;
  private volatile long ticks;
  private volatile boolean blockReceipts = true;

  ReceiptFollower(
      TransactionRepository transactions,
      EthereumNode node,
      Broadcaster broadcaster,
      ReceiptRecorder recorder,
      EthereumConfig config) {
    this.transactions = transactions;
    this.node = node;
    this.broadcaster = broadcaster;
    this.recorder = recorder;
    this.rules = new Transitions(config.confirmations());
  }

  /** One tick: every open transaction, against the node's chain as it is now. */
  void follow() {
    long head = node.blockNumber();
    List<Open> open = transactions.open();
    Long from = scannedThrough;
    boolean sweep = from == null || ticks++ % SWEEP_EVERY == 0 || head - from > MAX_BLOCKS_PER_TICK;
    Map<String, Receipt> inNewBlocks =
        sweep || open.isEmpty() ? Map.of() : receiptsOfOurs(from + 1, head, open);
    if (inNewBlocks == null) {
      sweep = true;
      inNewBlocks = Map.of();
    }
    Map<Long, Optional<String>> canonical = new HashMap<>();
    long readThrough = head;
    for (Open o : open) {
      Receipt r = inNewBlocks.get(o.hash());
      if (o.state() == TxState.SIGNED) {
        // Mined before its broadcast was recorded: read its block again once it is BROADCAST.
        if (r != null) {
          readThrough = Math.min(readThrough, r.blockNumber() - 1);
        }
      } else if (r != null) {
        recorder.record(o, Optional.of(r), head);
      } else if (o.state() == TxState.MINED) {
        if (rules.recheck(head, o.block(), o.blockHash(), canonicalHash(o.block(), canonical))) {
          recorder.record(o, node.receipt(o.hash()), head);
        }
      } else if (sweep) {
        Optional<Receipt> receipt = node.receipt(o.hash());
        if (receipt.isEmpty()) {
          // A node may drop what it took (a restart, a full pool): the same bytes go out again.
          broadcaster.resendIfForgotten(o.id(), o.hash());
        } else {
          recorder.record(o, receipt, head);
        }
      }
    }
    scannedThrough = readThrough;
  }

  /**
   * The receipts of our open transactions among blocks {@code from..to}, by hash; null when the
   * node cannot give a block's receipts.
   */
  private Map<String, Receipt> receiptsOfOurs(long from, long to, List<Open> open) {
    if (!blockReceipts) {
      return null;
    }
    Set<String> hashes = open.stream().map(Open::hash).collect(Collectors.toSet());
    Map<String, Receipt> ours = new HashMap<>();
    for (long b = from; b <= to; b++) {
      List<Receipt> inBlock;
      try {
        inBlock = node.blockReceipts(b);
      } catch (NodeException e) {
        if (!e.answered()) {
          throw e;
        }
        LOG.warnf(
            "the node gives no block receipts (%s): following each transaction instead",
            e.getMessage());
        blockReceipts = false;
        return null;
      }
      for (Receipt r : inBlock) {
        if (hashes.contains(r.transactionHash())) {
          ours.put(r.transactionHash(), r);
        }
      }
    }
    return ours;
  }

  /** The hash of the canonical block at {@code number} (empty if there is none), once per tick. */
  private Optional<String> canonicalHash(long number, Map<Long, Optional<String>> known) {
    return known.computeIfAbsent(number, node::blockHash);
  }
}
