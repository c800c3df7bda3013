package io.custos.service.governance;

import io.custos.policy.Decision;
import io.custos.service.api.ApiException;
import io.custos.service.api.ProblemType;
import io.custos.service.approvers.ApproverKeys;
import io.custos.service.freeze.FreezeView;
import io.custos.service.freeze.Freezes;
import io.custos.service.identity.Caller;
import io.custos.service.policy.ActivePolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Proposals to lift an emergency freeze. The guardian who froze cannot lift it, and neither can one
 * admin: lifting is a governance request decided by the admins' quorum of {@code
 * governance.policy_changes}, and the freeze holds until the quorum approves.
 */
@ApplicationScoped
class FreezeLiftProposals {

  private final GovernanceRepository repository;
  private final ApproverKeys keys;
  private final ActivePolicy policy;
  private final Freezes freezes;
  private final GovernanceAudit audit;
  private final GovernanceDecisions decisions;
  private final Clock clock;

  FreezeLiftProposals(
      GovernanceRepository repository,
      ApproverKeys keys,
      ActivePolicy policy,
      Freezes freezes,
      GovernanceAudit audit,
      GovernanceDecisions decisions,
      Clock clock) {
    this.repository = repository;
    this.keys = keys;
    this.policy = policy;
    this.freezes = freezes;
    this.audit = audit;
    this.decisions = decisions;
    this.clock = clock;
  }

  /** Proposes lifting the freeze {@code freezeId}; decided at once with no approvals, audited. */
  @Transactional
  UUID propose(UUID freezeId, Caller who) {
    keys.lockExclusive();
    FreezeView freeze = freezes.require(freezeId);
    if (!freeze.inForce()) {
      throw new ApiException(
          ProblemType.CONFLICT,
          "the freeze " + freezeId + " is lifted already",
          Map.of("freezeId", freezeId.toString()));
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    Decision d =
        policy
            .refresh()
            .engine()
            .evaluateFreezeLift(GovernanceDecisions.requester(who), List.of(), now);
    GovernanceDecisionView view = GovernanceDecisionView.of(d);
    UUID id = UUID.randomUUID();
    repository.insertFreezeLift(id, who, freezeId, view, GovernanceDecisions.json(view), now);
    audit.proposedFreezeLift(id, who, freezeId);
    decisions.settle(repository.find(id).orElseThrow(), d, now, who.username());
    return id;
  }
}
