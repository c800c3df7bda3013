package io.custos.service.sending;

import io.custos.service.api.ApiException;
import io.custos.service.api.ProblemType;
import io.custos.service.audit.Audit;
import io.custos.service.audit.AuditEntryType;
import io.custos.service.chain.EthereumNode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * Checks each account's nonce cursor against the node, at start and then with every follow tick.
 * The cursor ahead of the node is normal (signed transactions not yet sent are re-sent by the
 * {@link Follower}). The node ahead of the cursor means transactions from the account that Custos
 * did not sign: the cursor is flagged and {@link NonceAndSign} holds the account, because skipping
 * to the node's count would hide a key used elsewhere. An admin lifts the hold ({@link #resume}).
 *
 * <p>The node is asked before the cursor is read: a transaction of ours can reach the node only
 * after its nonce was committed to the cursor, so a count above the cursor read afterwards cannot
 * be one of ours in flight.
 */
@ApplicationScoped
public class NonceReconciler {

  private static final Logger LOG = Logger.getLogger(NonceReconciler.class);

  private final EntityManager em;
  private final EthereumNode node;
  private final Clock clock;
  private final Audit audit;

  NonceReconciler(EntityManager em, EthereumNode node, Clock clock, Audit audit) {
    this.em = em;
    this.node = node;
    this.clock = clock;
    this.audit = audit;
  }

  void onStart(@Observes StartupEvent start) {
    try {
      reconcile();
    } catch (IOException | RuntimeException e) {
      LOG.warnf("nonces not reconciled at start (the follower retries): %s", e.getMessage());
    }
  }

  /** Compares every unflagged cursor with the node's pending count; flags those behind. */
  public void reconcile() throws IOException {
    for (Object row : unflagged()) {
      Object[] r = (Object[]) row;
      long chainId = ((Number) r[0]).longValue();
      String address = (String) r[1];
      if (chainId == node.expectedChainId()) {
        flagIfBehind(chainId, address, pendingCount(address));
      }
    }
  }

  /**
   * Lifts the hold on an account whose cursor was flagged, once an operator has accounted for the
   * transactions Custos did not sign: the cursor continues from the node's pending count. Returns
   * the next nonce.
   *
   * @throws ApiException conflict when the account is not held
   */
  @Transactional
  public long resume(long chainId, String address, String operator) {
    long onNode;
    try {
      onNode = pendingCount(address);
    } catch (IOException e) {
      throw new ApiException(
          ProblemType.UNAVAILABLE, "the Ethereum node did not answer: " + e.getMessage());
    }
    List<?> resumed =
        em.createNativeQuery(
                "UPDATE nonce_cursor SET next_nonce = greatest(next_nonce, ?3),"
                    + " diverged_since = NULL, node_nonce = NULL"
                    + " WHERE chain_id = ?1 AND address = ?2 AND diverged_since IS NOT NULL"
                    + " RETURNING next_nonce")
            .setParameter(1, chainId)
            .setParameter(2, address)
            .setParameter(3, onNode)
            .getResultList();
    if (resumed.isEmpty()) {
      throw new ApiException(
          ProblemType.CONFLICT,
          "signing for " + address + " is not held",
          Map.of("address", address));
    }
    long next = ((Number) resumed.get(0)).longValue();
    LOG.warnf("%s lifted the hold on %s; its next nonce is %d", operator, address, next);
    audit.record(
        AuditEntryType.NONCE_RESUMED,
        operator,
        List.of("address:" + address),
        Map.of(
            "chainId", Long.toString(chainId),
            "address", address,
            "nextNonce", Long.toString(next)));
    return next;
  }

  private long pendingCount(String address) throws IOException {
    return node.web3j()
        .ethGetTransactionCount(address, DefaultBlockParameterName.PENDING)
        .send()
        .getTransactionCount()
        .longValueExact();
  }

  @Transactional
  @SuppressWarnings("unchecked")
  List<Object> unflagged() {
    return em.createNativeQuery(
            "SELECT chain_id, address FROM nonce_cursor WHERE diverged_since IS NULL")
        .getResultList();
  }

  @Transactional
  void flagIfBehind(long chainId, String address, long onNode) {
    List<?> flagged =
        em.createNativeQuery(
                "UPDATE nonce_cursor SET diverged_since = ?3, node_nonce = ?4"
                    + " WHERE chain_id = ?1 AND address = ?2 AND diverged_since IS NULL"
                    + " AND next_nonce < ?4 RETURNING next_nonce")
            .setParameter(1, chainId)
            .setParameter(2, address)
            .setParameter(3, clock.instant())
            .setParameter(4, onNode)
            .getResultList();
    if (flagged.isEmpty()) {
      return;
    }
    long cursor = ((Number) flagged.get(0)).longValue();
    LOG.errorf(
        "nonce of %s diverged: Custos signed up to nonce %d but the node counts %d transactions;"
            + " signing for this account is held",
        address, cursor, onNode);
    audit.record(
        AuditEntryType.NONCE_DIVERGED,
        Audit.SYSTEM,
        List.of("address:" + address),
        Map.of(
            "chainId", Long.toString(chainId),
            "address", address,
            "cursor", Long.toString(cursor),
            "nodeNonce", Long.toString(onNode)));
  }
}
