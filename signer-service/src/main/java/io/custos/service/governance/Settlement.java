package io.custos.service.governance;

import io.custos.policy.Decision;
import java.time.Instant;

/**
 * What a governance decision means for its request, apart from the database: the state it leaves
 * the request in, until when a timelocked change waits, and what carrying it out changes.
 *
 * @param state the request's state after the decision
 * @param notBefore for a TIMELOCKED request: when the change may take effect; else null
 * @param effect what the decision changes now
 */
record Settlement(GovernanceState state, Instant notBefore, Effect effect) {

  /** What a decision changes for the request's kind. */
  enum Effect {
    /** Nothing yet (still pending or timelocked), or nothing at all (a change closed unapplied). */
    NONE,
    /** The candidate policy (or address book) becomes the active version. */
    ACTIVATE_POLICY,
    /** The pending key becomes active, rotating out the approver's previous key. */
    ACTIVATE_KEY,
    /** The active key is revoked. */
    REVOKE_KEY,
    /** A rejected registration's pending key is removed. */
    DROP_PENDING_KEY,
    /** The wallet takes the proposed tags. */
    RETAG_WALLET,
    /** The freeze is lifted: signing resumes for what it held. */
    LIFT_FREEZE
  }

  /**
   * The settlement of a {@code kind} request decided {@code decision} at {@code now}: allowed, it
   * takes effect now, or waits TIMELOCKED when the quorum's timelock ends later; denied (a veto
   * included, whether pending or timelocked), it is closed; short of its quorum, it stays pending.
   */
  static Settlement of(GovernanceKind kind, Decision decision, Instant now) {
    Instant notBefore =
        decision instanceof Decision.Allow a && a.notBefore().isAfter(now) ? a.notBefore() : null;
    GovernanceState state =
        switch (decision) {
          case Decision.NeedsApproval n -> GovernanceState.PENDING_APPROVAL;
          case Decision.Deny d -> GovernanceState.REJECTED;
          case Decision.Allow a ->
              notBefore != null ? GovernanceState.TIMELOCKED : GovernanceState.APPROVED;
        };
    return new Settlement(state, notBefore, effect(kind, state));
  }

  /** What reaching {@code state} changes for a request of {@code kind}. */
  static Effect effect(GovernanceKind kind, GovernanceState state) {
    return switch (state) {
      case APPROVED ->
          switch (kind) {
            case POLICY, ADDRESS_BOOK -> Effect.ACTIVATE_POLICY;
            case REGISTER_KEY -> Effect.ACTIVATE_KEY;
            case REVOKE_KEY -> Effect.REVOKE_KEY;
            case WALLET_TAGS -> Effect.RETAG_WALLET;
            case FREEZE_LIFT -> Effect.LIFT_FREEZE;
          };
      case REJECTED -> kind == GovernanceKind.REGISTER_KEY ? Effect.DROP_PENDING_KEY : Effect.NONE;
      case PENDING_APPROVAL, TIMELOCKED -> Effect.NONE;
    };
  }
}
