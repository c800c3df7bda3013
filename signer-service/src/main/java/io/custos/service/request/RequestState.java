package io.custos.service.request;

import io.custos.policy.Decision;
import java.time.Instant;

/**
 * Where a request is before it is sent. After sending, its progress is the state of its transaction
 * (SIGNED, BROADCAST, MINED, CONFIRMED, FAILED), which the API shows instead.
 */
public enum RequestState {
  /** The policy refused it. */
  DENIED,
  /** The policy needs more approvals. */
  PENDING_APPROVAL,
  /** Allowed and due: the release worker sends it. */
  APPROVED,
  /** Allowed, but not before a timelock ends. */
  TIMELOCKED,
  /** An approver's rejection vetoed it. */
  REJECTED,
  /** Its approvals were not met in time. */
  EXPIRED,
  /** A speed-up or cancel never signed: a transaction of its nonce was mined first. */
  REPLACED,
  /** Its requester withdrew it before it was signed. */
  WITHDRAWN;

  /** True for the states from which a requester may still withdraw the request. */
  boolean withdrawable() {
    return this == PENDING_APPROVAL || this == APPROVED || this == TIMELOCKED;
  }

  /** True for the states in which the request counts towards velocity limits. */
  boolean allowed() {
    return this == APPROVED || this == TIMELOCKED;
  }

  static RequestState of(Decision decision, boolean vetoed, Instant now) {
    return switch (decision) {
      case Decision.Deny d -> vetoed ? REJECTED : DENIED;
      case Decision.NeedsApproval n -> PENDING_APPROVAL;
      case Decision.Allow a -> a.notBefore().isAfter(now) ? TIMELOCKED : APPROVED;
    };
  }
}
