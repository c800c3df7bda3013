package io.custos.service.approvals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custos.policy.Decision;
import io.custos.policy.Policy;
import io.custos.policy.PolicyParseException;
import io.custos.policy.PolicyParser;
import io.custos.policy.intent.Approval;
import io.custos.policy.intent.Requester;
import io.custos.service.api.ApiException;
import io.custos.service.api.ProblemType;
import io.custos.service.audit.Audit;
import io.custos.service.identity.Caller;
import io.custos.service.policy.ActivePolicy;
import io.custos.service.policy.PolicyActivation;
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
 * Changes to approvers' device keys and to the policy itself. Each is a governance request decided
 * by the active policy's governance quorum ({@link
 * io.custos.policy.PolicyEngine#evaluateKeyChange}, {@link
 * io.custos.policy.PolicyEngine#evaluateChange}); it takes effect in the transaction that records
 * the deciding verdict, with its audit entries, or, when the governance block has a timelock, waits
 * TIMELOCKED until {@link GovernanceReleaseWorker} decides it again after the timelock.
 */
@ApplicationScoped
public class GovernanceService {

  private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
  private static final int MAX_COMMENT = 1024;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> OPEN = List.of("PENDING_APPROVAL", "TIMELOCKED");
  private static final List<String> STATES =
      List.of("PENDING_APPROVAL", "TIMELOCKED", "APPROVED", "REJECTED");

  private final GovernanceRepository repository;
  private final ApproverKeys keys;
  private final DeviceSignatures signatures;
  private final ActivePolicy policy;
  private final PolicyActivation activation;
  private final RecentRequests recent;
  private final GovernanceAudit audit;
  private final Clock clock;

  GovernanceService(
      GovernanceRepository repository,
      ApproverKeys keys,
      DeviceSignatures signatures,
      ActivePolicy policy,
      PolicyActivation activation,
      RecentRequests recent,
      GovernanceAudit audit,
      Clock clock) {
    this.repository = repository;
    this.keys = keys;
    this.signatures = signatures;
    this.policy = policy;
    this.activation = activation;
    this.recent = recent;
    this.audit = audit;
    this.clock = clock;
  }

  /** The KeyRegistration the caller's new key must sign. */
  @Transactional
  public Map<String, Object> registrationTypedData(String address, Caller caller) {
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
  public UUID proposeRegistration(
      String address, JsonNode typedData, String signature, Caller who) {
    String key = address(address);
    Instant now = now();
    VerifiedSignature proof = signatures.verifyRegistration(key, typedData, signature, who, now);
    repository.lockKeys();
    keys.find(key)
        .ifPresent(
            k -> {
              throw new ApiException(
                  ProblemType.CONFLICT,
                  "the address " + key + " is already registered (" + k.state() + ")",
                  Map.of("address", key, "state", k.state()));
            });
    var ref = new GovernanceRequestView.KeyRef(who.subject(), who.username(), key);
    UUID id = UUID.randomUUID();
    String proofJson =
        json(
            Map.of(
                "typedData",
                proof.typedData(),
                "signature",
                proof.signature(),
                "digest",
                proof.digest()));
    Decision d = policy.refresh().engine().evaluateKeyChange(requester(who), List.of(), now);
    GovernanceDecisionView view = GovernanceDecisionView.of(d);
    repository.insert(
        id, GovernanceRow.REGISTER, who, ref, proofJson, "PENDING_APPROVAL", view, json(view), now);
    keys.insertPending(key, who.subject(), who.username(), id);
    audit.proposed(id, GovernanceRow.REGISTER, who, ref, proofJson);
    settle(repository.find(id).orElseThrow(), d, now, who.username());
    return id;
  }

  /** Proposes revoking a key: its owner may, and so may an admin. */
  @Transactional
  public UUID proposeRevocation(String address, Caller who) {
    String key = address(address);
    Instant now = now();
    repository.lockKeys();
    ApproverKeyView k =
        keys.find(key)
            .orElseThrow(() -> new ApiException(ProblemType.NOT_FOUND, "no approver key " + key));
    if (!k.subject().equals(who.subject()) && !who.hasRole("admin")) {
      throw new ApiException(
          ProblemType.FORBIDDEN, "only the key's owner or an admin may propose its revocation");
    }
    if (!k.state().equals("ACTIVE") || repository.pending(GovernanceRow.REVOKE, key)) {
      throw new ApiException(
          ProblemType.CONFLICT,
          "the key " + key + " is " + k.state() + " or already has a pending revocation",
          Map.of("state", k.state()));
    }
    var ref = new GovernanceRequestView.KeyRef(k.subject(), k.username(), key);
    UUID id = UUID.randomUUID();
    Decision d = policy.refresh().engine().evaluateKeyChange(requester(who), List.of(), now);
    GovernanceDecisionView view = GovernanceDecisionView.of(d);
    repository.insert(
        id, GovernanceRow.REVOKE, who, ref, null, "PENDING_APPROVAL", view, json(view), now);
    audit.proposed(id, GovernanceRow.REVOKE, who, ref, null);
    settle(repository.find(id).orElseThrow(), d, now, who.username());
    return id;
  }

  /** Records an admin's verdict and decides the request again. */
  @Transactional
  public UUID judge(UUID id, String verdict, String comment, Caller admin) {
    String v = verdict(verdict);
    if (comment != null && comment.length() > MAX_COMMENT) {
      throw new ApiException(
          ProblemType.VALIDATION, "comment must be at most " + MAX_COMMENT + " characters");
    }
    repository.lockKeys();
    GovernanceRow r = repository.lock(id).orElseThrow(() -> notFound(id));
    if (r.proposer().subject().equals(admin.subject())) {
      throw new ApiException(
          ProblemType.SELF_APPROVAL,
          "you proposed this change; other admins must give the verdict",
          Map.of("governanceRequestId", id.toString()));
    }
    if (!OPEN.contains(r.state())) {
      throw new ApiException(
          ProblemType.CONFLICT,
          "the governance request is "
              + r.state()
              + "; verdicts are taken only while it is PENDING_APPROVAL or TIMELOCKED",
          Map.of("state", r.state()));
    }
    Instant now = now();
    ActivePolicy.Snapshot active = policy.refresh();
    if (stale(r, active, now, admin.username())) {
      return id;
    }
    repository.upsertApproval(id, admin, v, comment, now);
    audit.verdict(r, admin, v, comment);
    settle(r, decide(r, active, now), now, admin.username());
    return id;
  }

  /** TIMELOCKED governance requests whose timelock has ended by the service clock. */
  @Transactional
  public List<UUID> timelockEnded(int max) {
    return repository.timelockEnded(now(), max);
  }

  /**
   * Decides a TIMELOCKED request again, with its current verdicts and the active policy, once its
   * timelock has ended: still allowed, the change takes effect now. Under the governance lock and
   * the row's lock, so one instance does it once; returns the state it is left in.
   */
  @Transactional
  public String releaseTimelocked(UUID id) {
    repository.lockKeys();
    GovernanceRow r = repository.lock(id).orElseThrow(() -> notFound(id));
    Instant now = now();
    if (!r.state().equals("TIMELOCKED") || r.notBefore().isAfter(now)) {
      return r.state();
    }
    ActivePolicy.Snapshot active = policy.refresh();
    if (stale(r, active, now, Audit.SYSTEM)) {
      return "REJECTED";
    }
    return settle(r, decide(r, active, now), now, Audit.SYSTEM);
  }

  /** The active policy's governance decision on the request, with its verdicts so far. */
  private Decision decide(GovernanceRow r, ActivePolicy.Snapshot active, Instant now) {
    List<Approval> approvals = GovernanceRepository.forEngine(repository.approvals(r.id()));
    return r.aboutPolicy()
        ? active.engine().evaluateChange(candidate(r), r.proposer(), approvals, now)
        : active.engine().evaluateKeyChange(r.proposer(), approvals, now);
  }

  /**
   * Proposes a new policy document: a policy change, or an address-book change when only the
   * address book differs (decided by {@code governance.address_book_changes}). Its simulation
   * against the recent requests is stored with it.
   */
  @Transactional
  public UUID proposePolicyChange(String document, Caller who) {
    Policy candidate = parse(document);
    repository.lockKeys();
    ActivePolicy.Snapshot active = policy.refresh();
    Policy current = active.policy();
    if (candidate.hash().equals(current.hash())) {
      throw new ApiException(
          ProblemType.CONFLICT,
          "the proposed policy equals the active one (" + current.hash() + "): nothing to change",
          Map.of("hash", current.hash()));
    }
    String kind =
        candidate.hashWithoutAddressBook().equals(current.hashWithoutAddressBook())
            ? GovernanceRow.ADDRESS_BOOK
            : GovernanceRow.POLICY;
    Instant now = now();
    var change = new GovernanceRequestView.PolicyChange(candidate.hash(), current.hash(), document);
    SimulationView sim = SimulationView.of(recent.simulate(current, candidate));
    Decision d = active.engine().evaluateChange(candidate, requester(who), List.of(), now);
    GovernanceDecisionView view = GovernanceDecisionView.of(d);
    UUID id = UUID.randomUUID();
    repository.insertChange(id, kind, who, change, json(sim), view, json(view), now);
    audit.proposedChange(id, kind, who, change, sim);
    settle(repository.find(id).orElseThrow(), d, now, who.username());
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
  private boolean stale(GovernanceRow r, ActivePolicy.Snapshot active, Instant now, String actor) {
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
  private String settle(GovernanceRow r, Decision d, Instant now, String actor) {
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

  @Transactional
  public GovernanceRequestView show(UUID id) {
    return view(repository.find(id).orElseThrow(() -> notFound(id)));
  }

  @Transactional
  public List<GovernanceRequestView> list(String state) {
    if (state != null && !STATES.contains(state)) {
      throw new ApiException(
          ProblemType.VALIDATION,
          "state must be PENDING_APPROVAL, TIMELOCKED, APPROVED or REJECTED");
    }
    return repository.list(state).stream().map(this::view).toList();
  }

  private GovernanceRequestView view(GovernanceRow r) {
    GovernanceDecisionView decision;
    try {
      decision = JSON.readValue(r.explanationJson(), GovernanceDecisionView.class);
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
        decision,
        repository.approvals(r.id()),
        r.notBefore(),
        r.createdAt(),
        r.updatedAt());
  }

  private static JsonNode simulation(String json) {
    try {
      return json == null ? null : JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored simulation does not parse", e);
    }
  }

  private static String verdict(String v) {
    if ("approve".equals(v)) {
      return "APPROVE";
    }
    if ("reject".equals(v)) {
      return "REJECT";
    }
    throw new ApiException(ProblemType.VALIDATION, "verdict must be \"approve\" or \"reject\"");
  }

  static String address(String address) {
    if (address == null || !ADDRESS.matcher(address).matches()) {
      throw new ApiException(
          ProblemType.VALIDATION, "address must be 0x followed by 40 hex digits");
    }
    return address.toLowerCase(Locale.ROOT);
  }

  private static Requester requester(Caller c) {
    return new Requester(c.subject(), c.roles(), c.groups(), c.serviceAccount());
  }

  private static String json(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
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
