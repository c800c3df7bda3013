package io.custos.service.governance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.custos.policy.intent.Approval;
import io.custos.service.api.ApiException;
import io.custos.service.api.ProblemType;
import io.custos.service.approvers.ApproverKeys;
import io.custos.service.audit.Audit;
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
 * Verdicts on governance requests (changes to approvers' device keys and to the policy, proposed
 * through {@link GovernanceProposals}), their timelocks and their views. Each request is decided by
 * the active policy's governance quorum ({@link io.custos.policy.PolicyEngine#evaluateKeyChange},
 * {@link io.custos.policy.PolicyEngine#evaluateChange}); it takes effect in the transaction that
 * records the deciding verdict, with its audit entries, or, when the governance block has a
 * timelock, waits TIMELOCKED until {@link GovernanceReleaseWorker} decides it again after the
 * timelock.
 */
@ApplicationScoped
class GovernanceService {

  private static final int MAX_COMMENT = 1024;

  private final GovernanceRepository repository;
  private final ApproverKeys keys;
  private final ActivePolicy policy;
  private final GovernanceAudit audit;
  private final GovernanceDecisions decisions;
  private final Clock clock;

  GovernanceService(
      GovernanceRepository repository,
      ApproverKeys keys,
      ActivePolicy policy,
      GovernanceAudit audit,
      GovernanceDecisions decisions,
      Clock clock) {
    this.repository = repository;
    this.keys = keys;
    this.policy = policy;
    this.audit = audit;
    this.decisions = decisions;
    this.clock = clock;
  }

  /** Records an admin's verdict and decides the request again. */
  @Transactional
  UUID judge(UUID id, String verdict, String comment, Caller admin) {
    Approval.Verdict v = verdict(verdict);
    if (comment != null && comment.length() > MAX_COMMENT) {
      throw new ApiException(
          ProblemType.VALIDATION, "comment must be at most " + MAX_COMMENT + " characters");
    }
    keys.lockExclusive();
    GovernanceRow r = repository.lock(id).orElseThrow(() -> notFound(id));
    if (r.proposer().subject().equals(admin.subject())) {
      throw new ApiException(
          ProblemType.SELF_APPROVAL,
          "you proposed this change; other admins must give the verdict",
          Map.of("governanceRequestId", id.toString()));
    }
    if (!r.state().open()) {
      throw new ApiException(
          ProblemType.CONFLICT,
          "the governance request is "
              + r.state()
              + "; verdicts are taken only while it is PENDING_APPROVAL or TIMELOCKED",
          Map.of("state", r.state().name()));
    }
    Instant now = now();
    ActivePolicy.Snapshot active = policy.refresh();
    if (decisions.stale(r, active, now, admin.username())) {
      return id;
    }
    repository.upsertApproval(id, admin, v, comment, now);
    audit.verdict(r, admin, v, comment);
    decisions.settle(r, decisions.decide(r, active, now), now, admin.username());
    return id;
  }

  /** TIMELOCKED governance requests whose timelock has ended by the service clock. */
  @Transactional
  List<UUID> timelockEnded(int max) {
    return repository.timelockEnded(now(), max);
  }

  /**
   * Decides a TIMELOCKED request again, with its current verdicts and the active policy, once its
   * timelock has ended: still allowed, the change takes effect now. Under the governance lock and
   * the row's lock, so one instance does it once; returns the state it is left in.
   */
  @Transactional
  GovernanceState releaseTimelocked(UUID id) {
    keys.lockExclusive();
    GovernanceRow r = repository.lock(id).orElseThrow(() -> notFound(id));
    Instant now = now();
    if (r.state() != GovernanceState.TIMELOCKED || r.notBefore().isAfter(now)) {
      return r.state();
    }
    ActivePolicy.Snapshot active = policy.refresh();
    if (decisions.stale(r, active, now, Audit.SYSTEM)) {
      return GovernanceState.REJECTED;
    }
    return decisions.settle(r, decisions.decide(r, active, now), now, Audit.SYSTEM);
  }

  @Transactional
  GovernanceRequestView show(UUID id) {
    return view(repository.find(id).orElseThrow(() -> notFound(id)));
  }

  @Transactional
  List<GovernanceRequestView> list(String state) {
    return repository.list(state == null ? null : state(state)).stream().map(this::view).toList();
  }

  private static GovernanceState state(String name) {
    try {
      return GovernanceState.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new ApiException(
          ProblemType.VALIDATION,
          "state must be PENDING_APPROVAL, TIMELOCKED, APPROVED or REJECTED");
    }
  }

  private GovernanceRequestView view(GovernanceRow r) {
    GovernanceDecisionView decision;
    try {
      decision =
          GovernanceDecisions.JSON.readValue(r.explanationJson(), GovernanceDecisionView.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored governance decision does not parse", e);
    }
    return new GovernanceRequestView(
        r.id(),
        r.kind(),
        r.state(),
        r.proposerUsername(),
        r.key(),
        r.change(),
        simulation(r.simulationJson()),
        r.wallet(),
        r.freeze(),
        decision,
        repository.approvals(r.id()),
        r.notBefore(),
        r.createdAt(),
        r.updatedAt());
  }

  private static JsonNode simulation(String json) {
    try {
      return json == null ? null : GovernanceDecisions.JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored simulation does not parse", e);
    }
  }

  private static Approval.Verdict verdict(String v) {
    if ("approve".equals(v)) {
      return Approval.Verdict.APPROVE;
    }
    if ("reject".equals(v)) {
      return Approval.Verdict.REJECT;
    }
    throw new ApiException(ProblemType.VALIDATION, "verdict must be \"approve\" or \"reject\"");
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private static ApiException notFound(UUID id) {
    return new ApiException(
        ProblemType.NOT_FOUND,
        "no governance request " + id,
        Map.of("governanceRequestId", id.toString()));
  }
}
