package io.custos.service.governance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custos.policy.intent.Approval;
import io.custos.service.audit.Audit;
import io.custos.service.audit.AuditEntryType;
import io.custos.service.identity.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The audit entries of governance (approver keys, policy and address-book changes). {@code
 * approver.registered} and {@code approver.revoked} carry everything an offline checker needs to
 * know which key belonged to whom and when: the address, the subject, the possession proof and the
 * admins' approvals.
 */
@ApplicationScoped
class GovernanceAudit {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Audit audit;

  GovernanceAudit(Audit audit) {
    this.audit = audit;
  }

  void proposed(
      UUID id,
      GovernanceKind kind,
      Caller proposer,
      GovernanceRequestView.KeyRef key,
      String proof) {
    Map<String, Object> p = base(id, key);
    p.put("kind", kind.wire());
    p.put("proposer", Audit.person(proposer));
    if (proof != null) {
      p.put("proof", parse(proof));
    }
    audit.record(AuditEntryType.GOVERNANCE_PROPOSED, proposer.username(), subjects(id, key), p);
  }

  /**
   * A proposed policy: the document itself goes on the log, so the change can be reviewed (and its
   * hash recomputed) from the log alone.
   */
  void proposedChange(
      UUID id,
      GovernanceKind kind,
      Caller proposer,
      GovernanceRequestView.PolicyChange change,
      SimulationView simulation) {
    Map<String, Object> p = base(id, change);
    p.put("kind", kind.wire());
    p.put("proposer", Audit.person(proposer));
    p.put("document", change.document());
    p.put("simulation", Map.of("replayed", simulation.replayed(), "summary", simulation.summary()));
    audit.record(AuditEntryType.GOVERNANCE_PROPOSED, proposer.username(), subjects(id, change), p);
  }

  /** A proposed wallet tag change: the wallet, the tags it would take and the tags it has. */
  void proposedWalletTags(UUID id, Caller proposer, GovernanceRequestView.WalletTags change) {
    Map<String, Object> p = base(id, change);
    p.put("kind", GovernanceKind.WALLET_TAGS.wire());
    p.put("proposer", Audit.person(proposer));
    audit.record(AuditEntryType.GOVERNANCE_PROPOSED, proposer.username(), subjects(id, change), p);
  }

  /** A proposal to lift a freeze. */
  void proposedFreezeLift(UUID id, Caller proposer, UUID freezeId) {
    Map<String, Object> p = base(id, freezeId);
    p.put("kind", GovernanceKind.FREEZE_LIFT.wire());
    p.put("proposer", Audit.person(proposer));
    audit.record(
        AuditEntryType.GOVERNANCE_PROPOSED, proposer.username(), subjects(id, freezeId), p);
  }

  void verdict(GovernanceRow r, Caller admin, Approval.Verdict verdict, String comment) {
    Map<String, Object> p = base(r);
    p.put("approver", Audit.person(admin));
    p.put("verdict", verdict.name());
    if (comment != null) {
      p.put("comment", comment);
    }
    audit.record(AuditEntryType.GOVERNANCE_VERDICT, admin.username(), subjects(r), p);
  }

  /** The decision; {@code notBefore} (else null) when the change waits for its timelock. */
  void decided(
      GovernanceRow r,
      GovernanceState state,
      GovernanceDecisionView d,
      Instant notBefore,
      String actor) {
    Map<String, Object> p = base(r);
    p.put("state", state.name());
    if (notBefore != null) {
      p.put("notBefore", notBefore.toString());
    }
    p.put("rule", d.rule());
    p.put("policyHash", d.policyHash());
    p.put("explanation", d.explanation());
    audit.record(AuditEntryType.GOVERNANCE_DECIDED, actor, subjects(r), p);
  }

  void registered(
      GovernanceRow r,
      List<GovernanceApprovalView> approvals,
      GovernanceDecisionView d,
      Instant at) {
    Map<String, Object> p = base(r.id(), r.key());
    p.put("subject", r.key().subject());
    p.put("username", r.key().username());
    p.put("registeredAt", at.toString());
    p.put("proof", parse(r.proofJson()));
    p.put("approvals", approvals(approvals));
    p.put("policyHash", d.policyHash());
    audit.record(AuditEntryType.APPROVER_REGISTERED, Audit.SYSTEM, subjects(r.id(), r.key()), p);
  }

  void revoked(
      UUID id,
      GovernanceRequestView.KeyRef key,
      String reason,
      List<GovernanceApprovalView> approvals,
      GovernanceDecisionView d,
      Instant at) {
    Map<String, Object> p = base(id, key);
    p.put("subject", key.subject());
    p.put("username", key.username());
    p.put("revokedAt", at.toString());
    p.put("reason", reason);
    p.put("approvals", approvals(approvals));
    p.put("policyHash", d.policyHash());
    audit.record(AuditEntryType.APPROVER_REVOKED, Audit.SYSTEM, subjects(id, key), p);
  }

  private static Map<String, Object> base(GovernanceRow r) {
    if (r.freeze() != null) {
      return base(r.id(), r.freeze());
    }
    if (r.wallet() != null) {
      return base(r.id(), r.wallet());
    }
    return r.aboutPolicy() ? base(r.id(), r.change()) : base(r.id(), r.key());
  }

  private static List<String> subjects(GovernanceRow r) {
    if (r.freeze() != null) {
      return subjects(r.id(), r.freeze());
    }
    if (r.wallet() != null) {
      return subjects(r.id(), r.wallet());
    }
    return r.aboutPolicy() ? subjects(r.id(), r.change()) : subjects(r.id(), r.key());
  }

  private static Map<String, Object> base(UUID id, UUID freezeId) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("governanceRequestId", id.toString());
    p.put("freezeId", freezeId.toString());
    return p;
  }

  private static List<String> subjects(UUID id, UUID freezeId) {
    return List.of("governance:" + id, "freeze:" + freezeId);
  }

  private static Map<String, Object> base(UUID id, GovernanceRequestView.WalletTags change) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("governanceRequestId", id.toString());
    p.put("wallet", change.label());
    p.put("tags", change.tags());
    p.put("previousTags", change.previousTags());
    return p;
  }

  private static List<String> subjects(UUID id, GovernanceRequestView.WalletTags change) {
    return List.of("governance:" + id, "wallet-label:" + change.label());
  }

  private static Map<String, Object> base(UUID id, GovernanceRequestView.PolicyChange change) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("governanceRequestId", id.toString());
    p.put("candidateHash", change.candidateHash());
    p.put("baseHash", change.baseHash());
    return p;
  }

  private static List<String> subjects(UUID id, GovernanceRequestView.PolicyChange change) {
    return List.of("governance:" + id, "policy:" + change.candidateHash());
  }

  private static Map<String, Object> base(UUID id, GovernanceRequestView.KeyRef key) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("governanceRequestId", id.toString());
    p.put("address", key.address());
    return p;
  }

  private static List<Map<String, Object>> approvals(List<GovernanceApprovalView> approvals) {
    return approvals.stream()
        .map(
            a ->
                Map.<String, Object>of(
                    "subject", a.subject(),
                    "username", a.approver(),
                    "groups", a.groups(),
                    "verdict", a.verdict().name(),
                    "at", a.at().toString()))
        .toList();
  }

  private static List<String> subjects(UUID id, GovernanceRequestView.KeyRef key) {
    return List.of(
        "governance:" + id, "approver:" + key.subject(), "approver-key:" + key.address());
  }

  private static Object parse(String json) {
    try {
      return JSON.readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored proof is not JSON", e);
    }
  }
}
