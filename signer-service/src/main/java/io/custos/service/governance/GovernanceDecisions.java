package io.custos.service.governance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custos.policy.Decision;
import io.custos.policy.Policy;
import io.custos.policy.PolicyParseException;
import io.custos.policy.PolicyParser;
import io.custos.policy.intent.Approval;
import io.custos.policy.intent.Requester;
import io.custos.service.approvers.ApproverKeys;
import io.custos.service.freeze.Freezes;
import io.custos.service.identity.Caller;
import io.custos.service.policy.ActivePolicy;
import io.custos.service.policy.PolicyActivation;
import io.custos.service.wallet.WalletService;
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
  private final WalletService wallets;
  private final Freezes freezes;

  GovernanceDecisions(
      GovernanceRepository repository,
      ApproverKeys keys,
      PolicyActivation activation,
      GovernanceAudit audit,
      WalletService wallets,
      Freezes freezes) {
    this.repository = repository;
    this.keys = keys;
    this.activation = activation;
    this.audit = audit;
    this.wallets = wallets;
    this.freezes = freezes;
  }

  /** The active policy's governance decision on the request, with its verdicts so far. */
  Decision decide(GovernanceRow r, ActivePolicy.Snapshot active, Instant now) {
    List<Approval> approvals = GovernanceRepository.forEngine(repository.approvals(r.id()));
    if (r.aboutPolicy()) {
      return active.engine().evaluateChange(candidate(r), r.proposer(), approvals, now);
    }
    return switch (r.kind()) {
      case WALLET_TAGS -> active.engine().evaluateWalletTagsChange(r.proposer(), approvals, now);
      case FREEZE_LIFT -> active.engine().evaluateFreezeLift(r.proposer(), approvals, now);
      case REGISTER_KEY, REVOKE_KEY, POLICY, ADDRESS_BOOK ->
          active.engine().evaluateKeyChange(r.proposer(), approvals, now);
    };
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
   * change activated since: it is closed instead, and must be proposed again. So is a wallet tag
   * change whose wallet's tags changed since it was proposed, and a proposal to lift a freeze that
   * another one lifted first.
   */
  boolean stale(GovernanceRow r, ActivePolicy.Snapshot active, Instant now, String actor) {
    String current = active.policy().hash();
    String reason;
    if (r.freeze() != null) {
      reason = freezes.require(r.freeze()).inForce() ? null : "the freeze is lifted already";
    } else if (r.wallet() != null) {
      reason = walletStaleness(r.wallet());
    } else {
      reason = staleness(r, current);
    }
    if (reason == null) {
      return false;
    }
    var view =
        new GovernanceDecisionView(
            "DENY", "governance", current, List.of(reason), List.of(), List.of(reason));
    repository.decide(r.id(), GovernanceState.REJECTED, view, json(view), null, now);
    audit.decided(r, GovernanceState.REJECTED, view, null, actor);
    return true;
  }

  /** Why a policy proposal is stale under the active policy {@code currentHash}, or null. */
  static String staleness(GovernanceRow r, String currentHash) {
    if (!r.aboutPolicy() || r.change().baseHash().equals(currentHash)) {
      return null;
    }
    return "proposed against policy "
        + r.change().baseHash()
        + ", but the active policy is now "
        + currentHash
        + "; propose the change again";
  }

  /** Why a wallet tag change is stale (the wallet's tags are no longer its base), or null. */
  private String walletStaleness(GovernanceRequestView.WalletTags change) {
    List<String> now = wallets.require(change.label()).tags();
    if (now.equals(change.previousTags())) {
      return null;
    }
    return "proposed for the wallet's tags "
        + change.previousTags()
        + ", but its tags are now "
        + now
        + "; propose the change again";
  }

  /**
   * Records the decision and carries it out ({@link Settlement}): an allowed change takes effect
   * now, or waits TIMELOCKED until its notBefore when the governance block has a timelock; a denied
   * one is closed. Returns the state.
   */
  GovernanceState settle(GovernanceRow r, Decision d, Instant now, String actor) {
    GovernanceDecisionView view = GovernanceDecisionView.of(d);
    Settlement s = Settlement.of(r.kind(), d, now);
    repository.decide(r.id(), s.state(), view, json(view), s.notBefore(), now);
    audit.decided(r, s.state(), view, s.notBefore(), actor);
    switch (s.effect()) {
      case NONE -> {
        // nothing changes (yet)
      }
      case ACTIVATE_POLICY -> activation.activate(candidate(r), r.change().document(), r.id(), now);
      case ACTIVATE_KEY -> activateKey(r, view, now);
      case REVOKE_KEY -> {
        keys.revoke(r.key().address(), now);
        audit.revoked(r.id(), r.key(), "revoked", repository.approvals(r.id()), view, now);
      }
      case DROP_PENDING_KEY -> keys.dropPending(r.key().address());
      case RETAG_WALLET -> wallets.applyTags(r.wallet().label(), r.wallet().tags(), r.id());
      case LIFT_FREEZE -> freezes.lift(r.freeze(), r.id(), now);
    }
    return s.state();
  }

  /** Activates a registered key; the approver's previous key, if any, is rotated out. */
  private void activateKey(GovernanceRow r, GovernanceDecisionView view, Instant now) {
    List<GovernanceApprovalView> approvals = repository.approvals(r.id());
    keys.activate(r.key().address(), r.key().subject(), now)
        .ifPresent(
            old ->
                audit.revoked(
                    r.id(),
                    new GovernanceRequestView.KeyRef(old.subject(), old.username(), old.address()),
                    "rotated",
                    approvals,
                    view,
                    now));
    audit.registered(r, approvals, view, now);
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
