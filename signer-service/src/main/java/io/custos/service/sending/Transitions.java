package io.custos.service.sending;

import io.custos.service.chain.Receipt;
import java.util.Optional;

/**
 * The follower's rules, apart from the node and the database: given where a transaction is and what
 * the node reports, where it goes next. Pure, so every case is tested without either.
 */
final class Transitions {

  private final int confirmations;

  /** {@code confirmations}: blocks on top of a transaction's block before it is confirmed. */
  Transitions(int confirmations) {
    this.confirmations = confirmations;
  }

  /**
   * The state after the node reported {@code receipt} (empty: it has none) with its chain at {@code
   * head}. A reverted transaction fails at once; a succeeded one is MINED until deep enough. A
   * MINED transaction without a receipt was in a block that is no longer canonical: it is pending
   * again. A BROADCAST one without a receipt stays (the sweep may send it again, {@link #resend}).
   */
  TxState next(TxState state, Optional<Receipt> receipt, long head) {
    if (!TxState.OPEN.contains(state)) {
      return state;
    }
    if (receipt.isEmpty()) {
      return state == TxState.MINED ? TxState.BROADCAST : state;
    }
    Receipt r = receipt.get();
    if (!r.succeeded()) {
      return TxState.FAILED;
    }
    return head - r.blockNumber() >= confirmations ? TxState.CONFIRMED : TxState.MINED;
  }

  /**
   * Whether a MINED transaction's receipt is worth asking for again: it is deep enough to confirm,
   * or its block is no longer the canonical one at its height ({@code canonicalHash} empty when
   * there is none).
   */
  boolean recheck(long head, long block, String blockHash, Optional<String> canonicalHash) {
    return head - block >= confirmations || !canonicalHash.equals(Optional.of(blockHash));
  }

  /**
   * What becomes of another transaction of the same nonce when one of them moves {@code from → to}:
   * once the nonce is mined, the others (the original of a speed-up or cancel, or the replacements
   * that lost) can never be, and become REPLACED.
   */
  static TxState sibling(TxState from, TxState to, TxState other) {
    boolean nonceMined = from == TxState.BROADCAST && to.tookTheNonce();
    return nonceMined && other.replaceable() ? TxState.REPLACED : other;
  }

  /**
   * Whether a transaction's stored bytes go to the node again: it was sent, no receipt came, and
   * the node no longer knows it (a restart, a full pool). The same bytes are the same transaction.
   */
  static boolean resend(TxState state, Optional<Receipt> receipt, boolean nodeKnowsIt) {
    return state == TxState.BROADCAST && receipt.isEmpty() && !nodeKnowsIt;
  }

  /** Whether moving {@code from → to} is written to the audit log (reaching a final state). */
  static boolean audited(TxState from, TxState to) {
    return from != to && (to == TxState.CONFIRMED || to == TxState.FAILED);
  }
}
