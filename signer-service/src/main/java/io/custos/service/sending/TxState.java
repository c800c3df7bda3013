package io.custos.service.sending;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a transaction is in its life. The database keeps the name as text (its check constraint
 * lists the same six); the API and the metrics' {@code state} label show the name too.
 */
public enum TxState {
  /** Signed and recorded; not yet taken by the node (it is sent again until it is). */
  SIGNED,
  /** The node took it; not mined yet. */
  BROADCAST,
  /** In a block, not yet deep enough to count as confirmed. */
  MINED,
  /** Mined, succeeded, and the configured number of blocks on top. */
  CONFIRMED,
  /** Mined, and reverted. */
  FAILED,
  /** Another transaction of its nonce (a speed-up, a cancel, or the original) was mined. */
  REPLACED;

  /** The states the follower moves on; the others are final. */
  public static final Set<TxState> OPEN = EnumSet.of(SIGNED, BROADCAST, MINED);

  /** True once the transaction used its nonce up: nothing else of that nonce can be mined. */
  public boolean tookTheNonce() {
    return this == MINED || this == CONFIRMED || this == FAILED;
  }

  /** True while a transaction of the same nonce being mined would make it REPLACED. */
  public boolean replaceable() {
    return this == SIGNED || this == BROADCAST;
  }
}
