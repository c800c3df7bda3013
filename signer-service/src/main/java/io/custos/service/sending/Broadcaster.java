package io.custos.service.sending;

import io.custos.service.audit.Audit;
import io.custos.service.audit.AuditEntryType;
import io.custos.service.chain.EthereumNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.web3j.utils.Numeric;

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

  private final EntityManager em;
  private final EthereumNode node;
  private final Clock clock;
  private final Audit audit;
  private final SendingMetrics metrics;

  Broadcaster(
      EntityManager em, EthereumNode node, Clock clock, Audit audit, SendingMetrics metrics) {
    this.em = em;
    this.node = node;
    this.clock = clock;
    this.audit = audit;
    this.metrics = metrics;
  }

  /** Sends the transaction if it is still SIGNED; returns whether the node now has it. */
  @Transactional
  public boolean broadcast(UUID txId) {
    List<?> rows =
        em.createNativeQuery(
                "SELECT raw, hash, request_id, nonce FROM eth_transaction"
                    + " WHERE id = ?1 AND state = 'SIGNED' FOR UPDATE SKIP LOCKED")
            .setParameter(1, txId)
            .getResultList();
    if (rows.isEmpty()) {
      return false; // already sent, or another worker is sending it now
    }
    Object[] row = (Object[]) rows.get(0);
    String hash = Numeric.toHexString((byte[]) row[1]);
    try {
      var sent = node.web3j().ethSendRawTransaction(Numeric.toHexString((byte[]) row[0])).send();
      if (!sent.hasError() || nodeHasOurs(hash)) {
        markBroadcast(txId);
        audit.record(
            AuditEntryType.TRANSACTION_BROADCAST,
            Audit.SYSTEM,
            List.of("request:" + row[2], "tx:" + hash),
            Map.of("hash", hash, "nonce", row[3].toString()));
        return true;
      }
      String error = sent.getError().getMessage();
      LOG.warnf("node refused transaction %s: %s", hash, error);
      metrics.broadcastError();
      note(txId, error);
      return false;
    } catch (IOException e) {
      metrics.broadcastError();
      note(txId, "node unreachable: " + e.getMessage());
      return false;
    }
  }

  /**
   * Sends a BROADCAST transaction's stored bytes again when the node no longer knows its hash. The
   * same bytes make the same transaction: at most one of them can ever be mined.
   */
  void resendIfForgotten(UUID txId, String hash) throws IOException {
    if (nodeHasOurs(hash)) {
      return;
    }
    List<?> raw =
        em.createNativeQuery(
                "SELECT raw FROM eth_transaction WHERE id = ?1 AND state = 'BROADCAST'")
            .setParameter(1, txId)
            .getResultList();
    if (raw.isEmpty()) {
      return;
    }
    var sent = node.web3j().ethSendRawTransaction(Numeric.toHexString((byte[]) raw.get(0))).send();
    if (sent.hasError()) {
      LOG.warnf("the node forgot %s and refused it again: %s", hash, sent.getError().getMessage());
      metrics.broadcastError();
    } else {
      LOG.infof("the node forgot %s; sent the same bytes again", hash);
    }
  }

  private boolean nodeHasOurs(String hash) throws IOException {
    return node.web3j().ethGetTransactionByHash(hash).send().getTransaction().isPresent();
  }

  private void markBroadcast(UUID txId) {
    em.createNativeQuery(
            "UPDATE eth_transaction SET state = 'BROADCAST', broadcast_at = ?2, last_error = NULL"
                + " WHERE id = ?1")
        .setParameter(1, txId)
        .setParameter(2, clock.instant())
        .executeUpdate();
  }

  private void note(UUID txId, String error) {
    em.createNativeQuery("UPDATE eth_transaction SET last_error = ?2 WHERE id = ?1")
        .setParameter(1, txId)
        .setParameter(2, error)
        .executeUpdate();
  }
}
