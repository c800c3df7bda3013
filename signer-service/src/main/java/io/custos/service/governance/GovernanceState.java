package io.custos.service.governance;

/**
 * Where a governance request stands; the name is what {@code governance_request.state}, the API and
 * the {@code governance.decided} entries show.
 */
public enum GovernanceState {
  /** Waiting for the admins' verdicts. */
  PENDING_APPROVAL,
  /** The quorum is met; the change waits for the governance timelock to end. */
  TIMELOCKED,
  /** Carried out. */
  APPROVED,
  /** Denied, vetoed, or closed as stale: nothing changed. */
  REJECTED;

  /** True while verdicts are still taken (a veto can still stop a timelocked change). */
  boolean open() {
    return this == PENDING_APPROVAL || this == TIMELOCKED;
  }
}
