package io.custos.service.sending;

import io.custos.service.audit.Audit;
import io.custos.service.audit.AuditEntryType;
import io.custos.service.chain.EthereumConfig;
import io.custos.service.chain.EthereumNode;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Follows every open transaction to its end: sends again what is still SIGNED (after a crash or a
 * node outage), records receipts (MINED, or FAILED when reverted), confirms after the configured
 * number of blocks, and puts a transaction whose receipt disappeared (a reorg) back to BROADCAST.
 * When one transaction of a nonce is mined, the others of that nonce (speed-up, cancel) become
 * REPLACED.
 */
@ApplicationScoped
public class Follower {

  private static final Logger LOG = Logger.getLogger(Follower.class);

  private static final List<String> OPEN_STATES = List.of("SIGNED", "BROADCAST", "MINED");
  private static final List<String> ALL_STATES =
      List.of("SIGNED", "BROADCAST", "MINED", "CONFIRMED", "FAILED", "REPLACED");
  private static final Duration SETTLED_COUNT_EVERY = Duration.ofMinutes(1);
  private static final int SWEEP_EVERY = 10;
  private static final long MAX_BLOCKS_PER_TICK = 32;

  private final EntityManager em;
  private final EthereumNode node;
  private final Broadcaster broadcaster;
  private final NonceReconciler nonces;
  private final int confirmations;
  private final Audit audit;
  private final SendingMetrics metrics;
  private final Duration stuckAfter;
  private final Clock clock;
  private volatile Instant settledCountedAt;
  // The tick's own state: ticks never overlap (SKIP).
  private volatile Long scannedThrough;
  private volatile long ticks;
  private volatile boolean blockReceipts = true;

  Follower(
      EntityManager em,
      EthereumNode node,
      Broadcaster broadcaster,
      NonceReconciler nonces,
      EthereumConfig config,
      Audit audit,
      SendingMetrics metrics,
      Clock clock) {
    this.em = em;
    this.node = node;
    this.broadcaster = broadcaster;
    this.nonces = nonces;
    this.confirmations = config.confirmations();
    this.audit = audit;
    this.metrics = metrics;
    this.stuckAfter = config.stuckAfter();
    this.clock = clock;
  }

  @Scheduled(
      every = "${custos.ethereum.follow-every}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void tick() {
    try {
      resendSigned();
      followOpen();
      nonces.reconcile();
      flagStuck();
      refreshMetrics();
    } catch (IOException | RuntimeException e) {
      LOG.warnf("following transactions paused: %s", e.getMessage());
    }
  }

  private void resendSigned() {
    for (UUID id : ids("SELECT id FROM eth_transaction WHERE state = 'SIGNED' ORDER BY nonce")) {
      broadcaster.broadcast(id);
    }
  }

  /**
   * Moves open transactions on, asking the node only for what may have changed: the receipts of the
   * blocks mined since the last tick (one {@code eth_getBlockReceipts} per block), whether the
   * blocks holding MINED transactions are still canonical (one header per block), and a MINED
   * transaction's receipt when it is deep enough to confirm or its block is gone. Every {@link
   * #SWEEP_EVERY} ticks, on the first tick, after more than {@link #MAX_BLOCKS_PER_TICK} blocks,
   * and at every tick when the node lacks {@code eth_getBlockReceipts}, each BROADCAST
   * transaction's receipt is asked for (the sweep), and one the node no longer knows is sent again.
   * A reorg that puts a sent transaction into a block at a height already read is thus seen at the
   * next sweep at the latest.
   */
  void followOpen() throws IOException {
    BigInteger head = node.blockNumber();
    List<Open> open = openTransactions();
    Long from = scannedThrough;
    boolean sweep =
        from == null
            || ticks++ % SWEEP_EVERY == 0
            || head.longValueExact() - from > MAX_BLOCKS_PER_TICK;
    Map<String, TransactionReceipt> inNewBlocks =
        sweep || open.isEmpty() ? Map.of() : receiptsOfOurs(from + 1, head.longValueExact(), open);
    if (inNewBlocks == null) {
      sweep = true;
      inNewBlocks = Map.of();
    }
    Map<Long, String> canonical = new HashMap<>();
    long readThrough = head.longValueExact();
    for (Open o : open) {
      TransactionReceipt r = inNewBlocks.get(o.hash());
      if (o.state().equals("SIGNED")) {
        // Mined before its broadcast was recorded: read its block again once it is BROADCAST.
        if (r != null) {
          readThrough = Math.min(readThrough, r.getBlockNumber().longValueExact() - 1);
        }
      } else if (r != null) {
        update(o.id(), o.state(), o.requestId(), o.hash(), r, head);
      } else if (o.state().equals("MINED")) {
        if (head.longValueExact() - o.block() >= confirmations
            || !o.blockHash().equals(canonicalHash(o.block(), canonical))) {
          update(o.id(), o.state(), o.requestId(), o.hash(), receipt(o.hash()).orElse(null), head);
        }
      } else if (sweep) {
        var receipt = receipt(o.hash());
        if (receipt.isEmpty()) {
          // A node may drop what it took (a restart, a full pool): the same bytes go out again.
          broadcaster.resendIfForgotten(o.id(), o.hash());
        } else {
          update(o.id(), o.state(), o.requestId(), o.hash(), receipt.get(), head);
        }
      }
    }
    scannedThrough = readThrough;
  }

  /**
   * An open transaction as followed. SIGNED ones are read too: the node may mine one before its
   * broadcast is recorded, and the block holding it must then be read again.
   */
  private record Open(
      UUID id, String hash, String state, UUID requestId, Long block, String blockHash) {}

  private List<Open> openTransactions() {
    List<Open> out = new ArrayList<>();
    for (Object row :
        em.createNativeQuery(
                "SELECT id, hash, state, request_id, block_number, block_hash FROM eth_transaction"
                    + " WHERE state IN ('SIGNED', 'BROADCAST', 'MINED')")
            .getResultList()) {
      Object[] r = (Object[]) row;
      out.add(
          new Open(
              (UUID) r[0],
              Numeric.toHexString((byte[]) r[1]),
              (String) r[2],
              (UUID) r[3],
              r[4] == null ? null : ((Number) r[4]).longValue(),
              r[5] == null ? null : Numeric.toHexString((byte[]) r[5])));
    }
    return out;
  }

  /**
   * The receipts of our open transactions among blocks {@code from..to}, by hash; null when the
   * node cannot give a block's receipts.
   */
  private Map<String, TransactionReceipt> receiptsOfOurs(long from, long to, List<Open> open)
      throws IOException {
    Map<String, TransactionReceipt> ours = new HashMap<>();
    if (!blockReceipts) {
      return null;
    }
    Set<String> hashes = new HashSet<>();
    open.forEach(o -> hashes.add(o.hash()));
    for (long b = from; b <= to; b++) {
      var answer =
          node.web3j()
              .ethGetBlockReceipts(DefaultBlockParameter.valueOf(BigInteger.valueOf(b)))
              .send();
      if (answer.hasError()) {
        LOG.warnf(
            "the node gives no block receipts (%s): following each transaction instead",
            answer.getError().getMessage());
        blockReceipts = false;
        return null;
      }
      for (TransactionReceipt r : answer.getBlockReceipts().orElse(List.of())) {
        if (hashes.contains(r.getTransactionHash())) {
          ours.put(r.getTransactionHash(), r);
        }
      }
    }
    return ours;
  }

  /** The hash of the canonical block at {@code number} (null if there is none), once per tick. */
  private String canonicalHash(long number, Map<Long, String> known) throws IOException {
    if (!known.containsKey(number)) {
      var block =
          node.web3j()
              .ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false)
              .send()
              .getBlock();
      known.put(number, block == null ? null : block.getHash());
    }
    return known.get(number);
  }

  private Optional<TransactionReceipt> receipt(String hash) throws IOException {
    return node.web3j().ethGetTransactionReceipt(hash).send().getTransactionReceipt();
  }

  @Transactional
  void update(
      UUID id,
      String state,
      UUID requestId,
      String hash,
      TransactionReceipt receipt,
      BigInteger head) {
    if (receipt == null) {
      if (state.equals("MINED")) {
        // The block that held it is no longer canonical: it is pending again.
        em.createNativeQuery(
                "UPDATE eth_transaction SET state = 'BROADCAST', block_number = NULL,"
                    + " block_hash = NULL, receipt_status = NULL WHERE id = ?1 AND state = 'MINED'")
            .setParameter(1, id)
            .executeUpdate();
      }
      return;
    }
    BigInteger block = receipt.getBlockNumber();
    boolean reverted = !receipt.isStatusOK();
    boolean deepEnough = head.subtract(block).compareTo(BigInteger.valueOf(confirmations)) >= 0;
    String next = reverted ? "FAILED" : deepEnough ? "CONFIRMED" : "MINED";
    if (next.equals(state)) {
      // Still MINED, perhaps in another block after a reorg: follow that block from now on.
      em.createNativeQuery(
              "UPDATE eth_transaction SET block_number = ?2, block_hash = ?3"
                  + " WHERE id = ?1 AND state = 'MINED' AND block_hash <> ?3")
          .setParameter(1, id)
          .setParameter(2, block.longValueExact())
          .setParameter(3, Numeric.hexStringToByteArray(receipt.getBlockHash()))
          .executeUpdate();
      return;
    }
    boolean moved =
        setState(
            id,
            state,
            next,
            block.longValueExact(),
            Numeric.hexStringToByteArray(receipt.getBlockHash()),
            reverted ? 0 : 1);
    if (moved && state.equals("BROADCAST")) {
      replaceOthersOfNonce(id, hash);
    }
    // Another instance following the same transaction may have moved it first: one entry only.
    if (moved && !next.equals("MINED")) {
      audit.record(
          reverted ? AuditEntryType.TRANSACTION_FAILED : AuditEntryType.TRANSACTION_CONFIRMED,
          Audit.SYSTEM,
          List.of("request:" + requestId, "tx:" + hash),
          Map.of(
              "hash", hash,
              "blockNumber", block.toString(),
              "blockHash", receipt.getBlockHash(),
              "gasUsed", receipt.getGasUsed().toString(),
              "status", reverted ? "reverted" : "success"));
    }
  }

  /**
   * A transaction of this nonce was mined: every other one (the original of a speed-up or cancel,
   * or the replacements that lost) can never be, and becomes REPLACED.
   */
  private void replaceOthersOfNonce(UUID minedId, String minedHash) {
    List<?> others =
        em.createNativeQuery(
                "SELECT s.id, s.request_id, s.hash, s.nonce FROM eth_transaction m"
                    + " JOIN eth_transaction s ON s.chain_id = m.chain_id"
                    + " AND s.from_address = m.from_address AND s.nonce = m.nonce AND s.id <> m.id"
                    + " WHERE m.id = ?1 AND s.state IN ('SIGNED', 'BROADCAST') FOR UPDATE OF s")
            .setParameter(1, minedId)
            .getResultList();
    for (Object row : others) {
      Object[] r = (Object[]) row;
      em.createNativeQuery(
              "UPDATE eth_transaction SET state = 'REPLACED', stuck_since = NULL WHERE id = ?1")
          .setParameter(1, r[0])
          .executeUpdate();
      metrics.settled("REPLACED", 1);
      String hash = Numeric.toHexString((byte[]) r[2]);
      audit.record(
          AuditEntryType.TRANSACTION_REPLACED,
          Audit.SYSTEM,
          List.of("request:" + r[1], "tx:" + hash),
          Map.of("hash", hash, "nonce", r[3].toString(), "minedHash", minedHash));
    }
  }

  /**
   * Moves the transaction from {@code from} to {@code to}, which is never BROADCAST, so it is no
   * longer stuck; false if it was no longer in from.
   */
  private boolean setState(
      UUID id, String from, String to, long block, byte[] blockHash, int status) {
    return em.createNativeQuery(
                "UPDATE eth_transaction SET state = ?2, block_number = ?3, block_hash = ?4,"
                    + " receipt_status = ?5, stuck_since = NULL WHERE id = ?1 AND state = ?6")
            .setParameter(1, id)
            .setParameter(2, to)
            .setParameter(3, block)
            .setParameter(4, blockHash)
            .setParameter(5, status)
            .setParameter(6, from)
            .executeUpdate()
        == 1;
  }

  /**
   * Flags what was sent longer ago than stuck-after and is still not mined. Leaving BROADCAST
   * clears the flag in the same statement (setState, replaceOthersOfNonce).
   */
  @Transactional
  void flagStuck() {
    Instant now = clock.instant();
    em.createNativeQuery(
            "UPDATE eth_transaction SET stuck_since = ?1 WHERE state = 'BROADCAST'"
                + " AND stuck_since IS NULL AND broadcast_at < ?2")
        .setParameter(1, now)
        .setParameter(2, now.minus(stuckAfter))
        .executeUpdate();
  }

  /**
   * The gauges. Open states are counted at every tick through their partial index; the settled
   * states (a count over the whole history) at most once per {@link #SETTLED_COUNT_EVERY}, and in
   * between this instance adds what it settles itself.
   */
  private void refreshMetrics() {
    Instant now = clock.instant();
    boolean all =
        settledCountedAt == null || !now.isBefore(settledCountedAt.plus(SETTLED_COUNT_EVERY));
    Map<String, Long> counts = new HashMap<>();
    for (String state : all ? ALL_STATES : OPEN_STATES) {
      counts.put(state, 0L);
    }
    for (Object row :
        em.createNativeQuery(
                all
                    ? "SELECT state, count(*) FROM eth_transaction GROUP BY state"
                    : "SELECT state, count(*) FROM eth_transaction"
                        + " WHERE state IN ('SIGNED', 'BROADCAST', 'MINED') GROUP BY state")
            .getResultList()) {
      Object[] r = (Object[]) row;
      counts.put((String) r[0], ((Number) r[1]).longValue());
    }
    counts.forEach(metrics::transactions);
    if (all) {
      settledCountedAt = now;
    }
    Number stuck =
        (Number)
            em.createNativeQuery(
                    "SELECT count(*) FROM eth_transaction WHERE stuck_since IS NOT NULL")
                .getSingleResult();
    metrics.stuck(stuck.longValue());
    Number diverged =
        (Number)
            em.createNativeQuery(
                    "SELECT count(*) FROM nonce_cursor WHERE diverged_since IS NOT NULL")
                .getSingleResult();
    metrics.diverged(diverged.longValue());
    for (Object row :
        em.createNativeQuery("SELECT address, next_nonce FROM nonce_cursor").getResultList()) {
      Object[] r = (Object[]) row;
      metrics.nextNonce((String) r[0], ((Number) r[1]).longValue());
    }
  }

  @SuppressWarnings("unchecked")
  private List<UUID> ids(String sql) {
    return (List<UUID>) em.createNativeQuery(sql).getResultList();
  }
}
