package io.custos.service.freeze;

import java.time.Instant;
import java.util.UUID;

/**
 * An emergency freeze as the API shows it.
 *
 * @param id the freeze id
 * @param wallet the frozen wallet's label, or null when every wallet is frozen
 * @param reason the guardian's reason
 * @param frozenBy the guardian's username
 * @param frozenAt when it took effect
 * @param liftedAt when the admins' quorum lifted it, or null while it is in force
 * @param liftedBy the governance request that lifted it, or null
 */
public record FreezeView(
    UUID id,
    String wallet,
    String reason,
    String frozenBy,
    Instant frozenAt,
    Instant liftedAt,
    UUID liftedBy) {

  /** True while nothing is signed under it. */
  public boolean inForce() {
    return liftedAt == null;
  }
}
