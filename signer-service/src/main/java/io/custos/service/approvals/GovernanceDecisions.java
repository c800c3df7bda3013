package io.custos.service.approvals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custos.policy.Decision;
import io.custos.policy.Policy;
import io.custos.policy.PolicyParseException;
import io.custos.policy.PolicyParser;
import io.custos.policy.intent.Approval;
import io.custos.policy.intent.Requester;
import io.custos.service.identity.Caller;
import io.custos.service.policy.ActivePolicy;
import io.custos.service.policy.PolicyActivation;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * How a governance request is decided and what the decision does: the active policy's quorum on its
 * verdicts so far, a proposal against a policy no longer active closed as stale, and an approved
 * change applied (a key activated, rotated or revoked; a policy version activated) in the caller's
 * transaction, with its audit entries. Shared by {@link GovernanceProposals} (a proposal the policy
 * allows at once) and {@link GovernanceService} (verdicts and timelocks).
 */
@ApplicationScoped
class GovernanceDecisions {

  static final ObjectMapper JSON = new ObjectMapper();

  private final GovernanceRepository repository;
  private final ApproverKeys keys;
  private final PolicyActivation activation;
  private final GovernanceAudit audit;

  GovernanceDecisions(
      GovernanceRepository repository,
      ApproverKeys keys,
      PolicyActivation activation,
      GovernanceAudit audit) {
    this.repository = repository;
    this.keys = keys;
    this.activation = activation;
    this.audit = audit;
  }

  /** The active policy's governance decision on the request, with its verdicts so far. */
  Decision decide(GovernanceRow r, ActivePolicy.Snapshot active, Instant now) {
    List<Approval> approvals = GovernanceRepository.forEngine(repository.approvals(r.id()));
    return r.aboutPolicy()
        ? active.engine().evaluateChange(candidate(r), r.proposer(), approvals, now)
        : active.engine().evaluateKeyChange(r.proposer(), approvals, now);
  }

  /** The stored candidate: it parsed when it was proposed, so a failure is a bug. */
  private static Policy candidate(GovernanceRow r) {
    try {
      return PolicyParser.parse(r.change().document());
    } catch (PolicyParseException e) {
      throw new IllegalStateException("a stored candidate policy does not parse", e);
    }
  }

  /**
   * A proposal made against a policy that is no longer active would, if approved, silently undo the
   * change activated since: it is closed instead, and must be proposed again.
   */
  boolean stale(GovernanceRow r, ActivePolicy.Snapshot active, Instant now, String actor) {
    String current = active.policy().hash();
    if (!r.aboutPolicy() || r.change().baseHash().equals(current)) {
      return false;
    }
    String reason =
        "proposed against policy "
            + r.change().baseHash()
            + ", but the active policy is now "
            + current
            + "; propose the change again";
    var view =
        new GovernanceDecisionView(
            "DENY", "governance", current, List.of(reason), List.of(), List.of(reason));
    repository.decide(r.id(), "REJECTED", view, json(view), null, now);
    audit.decided(r, "REJECTED", view, null, actor);
    return true;
  }

  /**
   * Records the decision: an allowed change takes effect now, or waits TIMELOCKED until its
   * notBefore when the governance block has a timelock; a denied one is closed. Returns the state.
   */
  String settle(GovernanceRow r, Decision d, Instant now, String actor) {
    GovernanceDecisionView view = GovernanceDecisionView.of(d);
    Instant notBefore =
        d instanceof Decision.Allow a && a.notBefore().isAfter(now) ? a.notBefore() : null;
    String state =
        switch (d) {
          case Decision.NeedsApproval n -> "PENDING_APPROVAL";
          case Decision.Deny x -> "REJECTED";
          case Decision.Allow a -> notBefore != null ? "TIMELOCKED" : "APPROVED";
        };
    repository.decide(r.id(), state, view, json(view), notBefore, now);
    audit.decided(r, state, view, notBefore, actor);
    if (r.aboutPolicy()) {
      if (state.equals("APPROVED")) {
        activation.activate(candidate(r), r.change().document(), r.id(), now);
      }
      return state;
    }
    List<GovernanceApprovalView> approvals = repository.approvals(r.id());
    boolean register = r.kind().equals(GovernanceRow.REGISTER);
    if (state.equals("APPROVED") && register) {
      keys.activate(r.key().address(), r.key().subject(), now)
          .ifPresent(
              old ->
                  audit.revoked(
                      r.id(),
                      new GovernanceRequestView.KeyRef(
                          old.subject(), old.username(), old.address()),
                      "rotated",
                      approvals,
                      view,
                      now));
      audit.registered(r, approvals, view, now);
    } else if (state.equals("APPROVED")) {
      keys.revoke(r.key().address(), now);
      audit.revoked(r.id(), r.key(), "revoked", approvals, view, now);
    } else if (state.equals("REJECTED") && register) {
      keys.dropPending(r.key().address());
    }
    return state;
  }

  static Requester requester(Caller c) {
    return new Requester(c.subject(), c.roles(), c.groups(), c.serviceAccount());
  }

  static String json(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }
}
