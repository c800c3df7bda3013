package io.custos.service.governance;

import com.fasterxml.jackson.databind.JsonNode;
import io.custos.policy.Decision;
import io.custos.policy.Policy;
import io.custos.policy.PolicyParseException;
import io.custos.policy.PolicyParser;
import io.custos.service.api.ApiException;
import io.custos.service.api.ProblemType;
import io.custos.service.approvals.DeviceSignatures;
import io.custos.service.approvals.Eip712;
import io.custos.service.approvals.KeyRegistration;
import io.custos.service.approvals.VerifiedSignature;
import io.custos.service.approvers.ApproverKeyState;
import io.custos.service.approvers.ApproverKeyView;
import io.custos.service.approvers.ApproverKeys;
import io.custos.service.identity.Caller;
import io.custos.service.policy.ActivePolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Proposals of governance changes: registering or revoking an approver's device key, changing the
 * policy or its address book. Each is stored as a governance request and decided at once by the
 * active policy's governance quorum (usually: pending until other admins give their verdicts in
 * {@link GovernanceService}).
 */
@ApplicationScoped
class GovernanceProposals {

  private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

  private final GovernanceRepository repository;
  private final ApproverKeys keys;
  private final DeviceSignatures signatures;
  private final ActivePolicy policy;
  private final RecentRequests recent;
  private final GovernanceAudit audit;
  private final GovernanceDecisions decisions;
  private final Clock clock;

  GovernanceProposals(
      GovernanceRepository repository,
      ApproverKeys keys,
      DeviceSignatures signatures,
      ActivePolicy policy,
      RecentRequests recent,
      GovernanceAudit audit,
      GovernanceDecisions decisions,
      Clock clock) {
    this.repository = repository;
    this.keys = keys;
    this.signatures = signatures;
    this.policy = policy;
    this.recent = recent;
    this.audit = audit;
    this.decisions = decisions;
    this.clock = clock;
  }

  /** The KeyRegistration the caller's new key must sign. */
  @Transactional
  Map<String, Object> registrationTypedData(String address, Caller caller) {
    String key = address(address);
    var typed =
        Eip712.keyRegistration(
            signatures.domain(),
            new KeyRegistration(
                caller.subject(), caller.username(), key, signatures.expiryFrom(now())));
    return Map.of("typedData", typed, "digest", DeviceSignatures.hex(Eip712.digest(typed)));
  }

  /** Proposes registering the caller's device key, proven by its signature. */
  @Transactional
  UUID proposeRegistration(String address, JsonNode typedData, String signature, Caller who) {
    String key = address(address);
    Instant now = now();
    VerifiedSignature proof = signatures.verifyRegistration(key, typedData, signature, who, now);
    keys.lockExclusive();
    keys.find(key)
        .ifPresent(
            k -> {
              throw new ApiException(
                  ProblemType.CONFLICT,
                  "the address " + key + " is already registered (" + k.state() + ")",
                  Map.of("address", key, "state", k.state().name()));
            });
    var ref = new GovernanceRequestView.KeyRef(who.subject(), who.username(), key);
    String proofJson =
        GovernanceDecisions.json(
            Map.of(
                "typedData",
                proof.typedData(),
                "signature",
                proof.signature(),
                "digest",
                proof.digest()));
    return proposeKeyChange(GovernanceKind.REGISTER_KEY, who, ref, proofJson, now);
  }

  /** Proposes revoking a key: its owner may, and so may an admin. */
  @Transactional
  UUID proposeRevocation(String address, Caller who) {
    String key = address(address);
    Instant now = now();
    keys.lockExclusive();
    ApproverKeyView k =
        keys.find(key)
            .orElseThrow(() -> new ApiException(ProblemType.NOT_FOUND, "no approver key " + key));
    if (!k.subject().equals(who.subject()) && !who.hasRole("admin")) {
      throw new ApiException(
          ProblemType.FORBIDDEN, "only the key's owner or an admin may propose its revocation");
    }
    if (k.state() != ApproverKeyState.ACTIVE
        || repository.pending(GovernanceKind.REVOKE_KEY, key)) {
      throw new ApiException(
          ProblemType.CONFLICT,
          "the key " + key + " is " + k.state() + " or already has a pending revocation",
          Map.of("state", k.state().name()));
    }
    var ref = new GovernanceRequestView.KeyRef(k.subject(), k.username(), key);
    return proposeKeyChange(GovernanceKind.REVOKE_KEY, who, ref, null, now);
  }

  /**
   * Stores a key registration or revocation, decided at once by the policy's key-change quorum
   * (usually: pending until other admins give their verdicts), and audits it.
   */
  private UUID proposeKeyChange(
      GovernanceKind kind,
      Caller who,
      GovernanceRequestView.KeyRef ref,
      String proofJson,
      Instant now) {
    UUID id = UUID.randomUUID();
    Decision d =
        policy
            .refresh()
            .engine()
            .evaluateKeyChange(GovernanceDecisions.requester(who), List.of(), now);
    GovernanceDecisionView view = GovernanceDecisionView.of(d);
    repository.insert(
        id,
        kind,
        who,
        ref,
        proofJson,
        GovernanceState.PENDING_APPROVAL,
        view,
        GovernanceDecisions.json(view),
        now);
    if (kind == GovernanceKind.REGISTER_KEY) {
      keys.insertPending(ref.address(), who.subject(), who.username(), id);
    }
    audit.proposed(id, kind, who, ref, proofJson);
    decisions.settle(repository.find(id).orElseThrow(), d, now, who.username());
    return id;
  }

  /**
   * Proposes a new policy document: a policy change, or an address-book change when only the
   * address book differs (decided by {@code governance.address_book_changes}). Its simulation
   * against the recent requests is stored with it.
   */
  @Transactional
  UUID proposePolicyChange(String document, Caller who) {
    Policy candidate = parse(document);
    keys.lockExclusive();
    ActivePolicy.Snapshot active = policy.refresh();
    Policy current = active.policy();
    if (candidate.hash().equals(current.hash())) {
      throw new ApiException(
          ProblemType.CONFLICT,
          "the proposed policy equals the active one (" + current.hash() + "): nothing to change",
          Map.of("hash", current.hash()));
    }
    GovernanceKind kind =
        candidate.hashWithoutAddressBook().equals(current.hashWithoutAddressBook())
            ? GovernanceKind.ADDRESS_BOOK
            : GovernanceKind.POLICY;
    Instant now = now();
    var change = new GovernanceRequestView.PolicyChange(candidate.hash(), current.hash(), document);
    SimulationView sim = SimulationView.of(recent.simulate(current, candidate));
    Decision d =
        active
            .engine()
            .evaluateChange(candidate, GovernanceDecisions.requester(who), List.of(), now);
    GovernanceDecisionView view = GovernanceDecisionView.of(d);
    UUID id = UUID.randomUUID();
    repository.insertChange(
        id,
        kind,
        who,
        change,
        GovernanceDecisions.json(sim),
        view,
        GovernanceDecisions.json(view),
        now);
    audit.proposedChange(id, kind, who, change, sim);
    decisions.settle(repository.find(id).orElseThrow(), d, now, who.username());
    return id;
  }

  private static Policy parse(String document) {
    if (document == null || document.isBlank()) {
      throw new ApiException(ProblemType.VALIDATION, "policy must be the policy document's text");
    }
    try {
      return PolicyParser.parse(document);
    } catch (PolicyParseException e) {
      throw new ApiException(
          ProblemType.POLICY_INVALID,
          e.getMessage(),
          Map.of(
              "path", e.path(),
              "line", e.line(),
              "column", e.column(),
              "problem", e.problem()));
    }
  }

  private static String address(String address) {
    if (address == null || !ADDRESS.matcher(address).matches()) {
      throw new ApiException(
          ProblemType.VALIDATION, "address must be 0x followed by 40 hex digits");
    }
    return address.toLowerCase(Locale.ROOT);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
