package io.custos.service.sending;

import io.custos.service.api.ApiException;
import io.custos.service.api.ProblemType;
import io.custos.service.audit.Audit;
import io.custos.service.audit.AuditEntryType;
import io.custos.service.chain.EthereumNode;
import io.custos.service.chain.NodeException;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

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

  private final NonceCursors cursors;
  private final EthereumNode node;
  private final Clock clock;
  private final Audit audit;

  NonceReconciler(NonceCursors cursors, EthereumNode node, Clock clock, Audit audit) {
    this.cursors = cursors;
    this.node = node;
    this.clock = clock;
    this.audit = audit;
  }

  void onStart(@Observes StartupEvent start) {
    try {
      reconcile();
    } catch (RuntimeException e) {
      LOG.warnf("nonces not reconciled at start (the follower retries): %s", e.getMessage());
    }
  }

  /**
   * Compares every unflagged cursor with the node's pending count; flags those behind.
   *
   * @throws NodeException when the node does not answer
   */
  public void reconcile() {
    for (NonceCursors.Account a : unflagged()) {
      if (a.chainId() == node.expectedChainId()) {
        flagIfBehind(a.chainId(), a.address(), node.pendingNonce(a.address()));
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
      onNode = node.pendingNonce(address);
    } catch (NodeException e) {
      throw new ApiException(
          ProblemType.UNAVAILABLE, "the Ethereum node did not answer: " + e.getMessage());
    }
    long next =
        cursors
            .release(chainId, address, onNode)
            .orElseThrow(
                () ->
                    new ApiException(
                        ProblemType.CONFLICT,
                        "signing for " + address + " is not held",
                        Map.of("address", address)));
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

  @Transactional
  List<NonceCursors.Account> unflagged() {
    return cursors.unheld();
  }

  @Transactional
  void flagIfBehind(long chainId, String address, long onNode) {
    Optional<Long> held = cursors.holdIfBehind(chainId, address, onNode, clock.instant());
    if (held.isEmpty()) {
      return;
    }
    long cursor = held.get();
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
