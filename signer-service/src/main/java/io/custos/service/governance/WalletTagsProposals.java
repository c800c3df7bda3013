package io.custos.service.governance;

import io.custos.policy.Decision;
import io.custos.service.api.ApiException;
import io.custos.service.api.ProblemType;
import io.custos.service.approvers.ApproverKeys;
import io.custos.service.identity.Caller;
import io.custos.service.policy.ActivePolicy;
import io.custos.service.wallet.WalletService;
import io.custos.service.wallet.WalletView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Proposals to change a wallet's tags. Tags choose which policy rules apply to a wallet, so one
 * admin must not change them alone: the change is a governance request decided by the admins'
 * address-book quorum, and the wallet keeps its tags until the quorum approves.
 */
@ApplicationScoped
class WalletTagsProposals {

  private final GovernanceRepository repository;
  private final ApproverKeys keys;
  private final ActivePolicy policy;
  private final WalletService wallets;
  private final GovernanceAudit audit;
  private final GovernanceDecisions decisions;
  private final Clock clock;

  WalletTagsProposals(
      GovernanceRepository repository,
      ApproverKeys keys,
      ActivePolicy policy,
      WalletService wallets,
      GovernanceAudit audit,
      GovernanceDecisions decisions,
      Clock clock) {
    this.repository = repository;
    this.keys = keys;
    this.policy = policy;
    this.wallets = wallets;
    this.audit = audit;
    this.decisions = decisions;
    this.clock = clock;
  }

  /** Proposes giving the wallet {@code tags}; decided at once with no approvals, and audited. */
  @Transactional
  UUID propose(String label, List<String> tags, Caller who) {
    List<String> proposed = WalletService.validTags(tags == null ? List.of() : tags);
    keys.lockExclusive();
    WalletView wallet = wallets.require(label);
    if (proposed.equals(wallet.tags())) {
      throw new ApiException(
          ProblemType.CONFLICT,
          "the wallet '" + label + "' already has the tags " + proposed + ": nothing to change",
          Map.of("label", label));
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    var change = new GovernanceRequestView.WalletTags(label, proposed, wallet.tags());
    Decision d =
        policy
            .refresh()
            .engine()
            .evaluateWalletTagsChange(GovernanceDecisions.requester(who), List.of(), now);
    GovernanceDecisionView view = GovernanceDecisionView.of(d);
    UUID id = UUID.randomUUID();
    repository.insertWalletTags(id, who, change, view, GovernanceDecisions.json(view), now);
    audit.proposedWalletTags(id, who, change);
    decisions.settle(repository.find(id).orElseThrow(), d, now, who.username());
    return id;
  }
}
