package io.custos.service.governance;

import io.custos.policy.intent.Approval;
import io.custos.policy.intent.Requester;
import io.custos.service.identity.Caller;
import io.custos.service.support.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The {@code governance_request} and {@code governance_approval} tables. Callers own the tx. */
@ApplicationScoped
class GovernanceRepository {

  private static final String COLUMNS =
      "SELECT id, kind, proposer_subject, proposer_username, proposer_roles, proposer_groups,"
          + " key_subject, key_username, key_address, proof::text, state, explanation::text,"
          + " created_at, updated_at, candidate_document, candidate_hash, base_hash,"
          + " simulation::text, not_before, wallet_label, wallet_tags, wallet_base_tags, freeze_id"
          + " FROM governance_request";

  private final EntityManager em;

  GovernanceRepository(EntityManager em) {
    this.em = em;
  }

  void insert(
      UUID id,
      GovernanceKind kind,
      Caller proposer,
      GovernanceRequestView.KeyRef key,
      String proofJson,
      GovernanceState state,
      GovernanceDecisionView decision,
      String decisionJson,
      Instant now) {
    Sql.update(
        em,
        "INSERT INTO governance_request (id, kind, proposer_subject, proposer_username,"
            + " proposer_roles, proposer_groups, key_address, key_subject, key_username, proof,"
            + " state, decided_rule, policy_hash, explanation, created_at, updated_at) VALUES"
            + " (?1, ?2, ?3, ?4, CAST(?5 AS text[]), CAST(?6 AS text[]), ?7, ?8, ?9,"
            + " CAST(?10 AS jsonb), ?11, ?12, ?13, CAST(?14 AS jsonb), ?15, ?15)",
        id,
        kind.wire(),
        proposer.subject(),
        proposer.username(),
        arrayLiteral(proposer.roles()),
        arrayLiteral(proposer.groups()),
        key.address(),
        key.subject(),
        key.username(),
        proofJson,
        state.name(),
        decision.rule(),
        decision.policyHash(),
        decisionJson,
        Sql.time(now));
  }

  /** Inserts a proposed policy (or address-book) change with its simulation. */
  void insertChange(
      UUID id,
      GovernanceKind kind,
      Caller proposer,
      GovernanceRequestView.PolicyChange change,
      String simulationJson,
      GovernanceDecisionView decision,
      String decisionJson,
      Instant now) {
    Sql.update(
        em,
        "INSERT INTO governance_request (id, kind, proposer_subject, proposer_username,"
            + " proposer_roles, proposer_groups, candidate_document, candidate_hash, base_hash,"
            + " simulation, state, decided_rule, policy_hash, explanation, created_at,"
            + " updated_at) VALUES (?1, ?2, ?3, ?4, CAST(?5 AS text[]), CAST(?6 AS text[]),"
            + " ?7, ?8, ?9, CAST(?10 AS jsonb), 'PENDING_APPROVAL', ?11, ?12,"
            + " CAST(?13 AS jsonb), ?14, ?14)",
        id,
        kind.wire(),
        proposer.subject(),
        proposer.username(),
        arrayLiteral(proposer.roles()),
        arrayLiteral(proposer.groups()),
        change.document(),
        change.candidateHash(),
        change.baseHash(),
        simulationJson,
        decision.rule(),
        decision.policyHash(),
        decisionJson,
        Sql.time(now));
  }

  /** Inserts a proposed change of a wallet's tags. */
  void insertWalletTags(
      UUID id,
      Caller proposer,
      GovernanceRequestView.WalletTags change,
      GovernanceDecisionView decision,
      String decisionJson,
      Instant now) {
    Sql.update(
        em,
        "INSERT INTO governance_request (id, kind, proposer_subject, proposer_username,"
            + " proposer_roles, proposer_groups, wallet_label, wallet_tags, wallet_base_tags,"
            + " state, decided_rule, policy_hash, explanation, created_at, updated_at) VALUES"
            + " (?1, ?2, ?3, ?4, CAST(?5 AS text[]), CAST(?6 AS text[]), ?7, CAST(?8 AS text[]),"
            + " CAST(?9 AS text[]), 'PENDING_APPROVAL', ?10, ?11, CAST(?12 AS jsonb), ?13, ?13)",
        id,
        GovernanceKind.WALLET_TAGS.wire(),
        proposer.subject(),
        proposer.username(),
        arrayLiteral(proposer.roles()),
        arrayLiteral(proposer.groups()),
        change.label(),
        arrayLiteral(Set.copyOf(change.tags())),
        arrayLiteral(Set.copyOf(change.previousTags())),
        decision.rule(),
        decision.policyHash(),
        decisionJson,
        Sql.time(now));
  }

  /** Inserts a proposal to lift the freeze {@code freezeId}, pending until decided. */
  void insertFreezeLift(
      UUID id,
      Caller proposer,
      UUID freezeId,
      GovernanceDecisionView decision,
      String decisionJson,
      Instant now) {
    Sql.update(
        em,
        "INSERT INTO governance_request (id, kind, proposer_subject, proposer_username,"
            + " proposer_roles, proposer_groups, freeze_id, state, decided_rule, policy_hash,"
            + " explanation, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, CAST(?5 AS text[]),"
            + " CAST(?6 AS text[]), ?7, 'PENDING_APPROVAL', ?8, ?9, CAST(?10 AS jsonb), ?11, ?11)",
        id,
        GovernanceKind.FREEZE_LIFT.wire(),
        proposer.subject(),
        proposer.username(),
        arrayLiteral(proposer.roles()),
        arrayLiteral(proposer.groups()),
        freezeId,
        decision.rule(),
        decision.policyHash(),
        decisionJson,
        Sql.time(now));
  }

  Optional<GovernanceRow> find(UUID id) {
    return rows(COLUMNS + " WHERE id = ?1", id).stream().findFirst();
  }

  /** The request, its row locked until the transaction ends. */
  Optional<GovernanceRow> lock(UUID id) {
    return rows(COLUMNS + " WHERE id = ?1 FOR UPDATE", id).stream().findFirst();
  }

  List<GovernanceRow> list(GovernanceState state) {
    return state == null
        ? rows(COLUMNS + " ORDER BY created_at DESC, id DESC LIMIT 200")
        : rows(
            COLUMNS + " WHERE state = ?1 ORDER BY created_at DESC, id DESC LIMIT 200",
            state.name());
  }

  /** TIMELOCKED requests whose timelock ended by {@code now}, the earliest first. */
  List<UUID> timelockEnded(Instant now, int max) {
    return Sql.uuids(
        em,
        "SELECT id FROM governance_request WHERE state = 'TIMELOCKED' AND not_before <= ?"
            + " ORDER BY not_before, id LIMIT ?",
        Sql.time(now),
        max);
  }

  /** True when a request of this kind for this key is still pending (or timelocked). */
  boolean pending(GovernanceKind kind, String address) {
    return !Sql.uuids(
            em,
            "SELECT id FROM governance_request WHERE kind = ? AND key_address = ?"
                + " AND state IN ('PENDING_APPROVAL', 'TIMELOCKED')",
            kind.wire(),
            address)
        .isEmpty();
  }

  /** Records a decision; a timelocked one with its {@code notBefore}, which stays as history. */
  void decide(
      UUID id,
      GovernanceState state,
      GovernanceDecisionView decision,
      String json,
      Instant notBefore,
      Instant now) {
    String set =
        "UPDATE governance_request SET state = ?2, decided_rule = ?3, policy_hash = ?4,"
            + " explanation = CAST(?5 AS jsonb), updated_at = ?6";
    String rule = decision.rule();
    String hash = decision.policyHash();
    if (notBefore == null) {
      Sql.update(em, set + " WHERE id = ?1", id, state.name(), rule, hash, json, Sql.time(now));
    } else {
      Sql.update(
          em,
          set + ", not_before = ?7 WHERE id = ?1",
          id,
          state.name(),
          rule,
          hash,
          json,
          Sql.time(now),
          Sql.time(notBefore));
    }
  }

  void upsertApproval(UUID id, Caller admin, Approval.Verdict verdict, String comment, Instant at) {
    Sql.update(
        em,
        "INSERT INTO governance_approval (request_id, approver_subject, approver_username,"
            + " approver_groups, verdict, comment, at) VALUES (?1, ?2, ?3, CAST(?4 AS text[]),"
            + " ?5, ?6, ?7) ON CONFLICT (request_id, approver_subject) DO UPDATE SET"
            + " approver_username = EXCLUDED.approver_username,"
            + " approver_groups = EXCLUDED.approver_groups, verdict = EXCLUDED.verdict,"
            + " comment = EXCLUDED.comment, at = EXCLUDED.at",
        id,
        admin.subject(),
        admin.username(),
        arrayLiteral(admin.groups()),
        verdict.name(),
        comment,
        Sql.time(at));
  }

  List<GovernanceApprovalView> approvals(UUID id) {
    return Sql.rows(
            em,
            "SELECT approver_subject, approver_username, approver_groups, verdict, comment, at"
                + " FROM governance_approval WHERE request_id = ?1"
                + " ORDER BY at, approver_subject",
            id)
        .stream()
        .map(
            r ->
                new GovernanceApprovalView(
                    (String) r[0],
                    (String) r[1],
                    List.of(Sql.strings(r[2])),
                    Approval.Verdict.valueOf((String) r[3]),
                    (String) r[4],
                    Sql.instant(r[5])))
        .toList();
  }

  /** The verdicts as the policy engine counts them. */
  static List<Approval> forEngine(List<GovernanceApprovalView> approvals) {
    return approvals.stream()
        .map(a -> new Approval(a.subject(), Set.copyOf(a.groups()), a.verdict(), a.at(), null))
        .toList();
  }

  private List<GovernanceRow> rows(String sql, Object... params) {
    return Sql.rows(em, sql, params).stream().map(GovernanceRepository::row).toList();
  }

  private static GovernanceRow row(Object[] r) {
    Requester proposer =
        GovernanceRow.requester((String) r[2], Sql.strings(r[4]), Sql.strings(r[5]));
    GovernanceRequestView.KeyRef key =
        r[8] == null
            ? null
            : new GovernanceRequestView.KeyRef((String) r[6], (String) r[7], (String) r[8]);
    GovernanceRequestView.PolicyChange change =
        r[14] == null
            ? null
            : new GovernanceRequestView.PolicyChange(
                (String) r[15], (String) r[16], (String) r[14]);
    return new GovernanceRow(
        (UUID) r[0],
        GovernanceKind.fromWire((String) r[1]),
        proposer,
        (String) r[3],
        key,
        (String) r[9],
        change,
        (String) r[17],
        r[19] == null
            ? null
            : new GovernanceRequestView.WalletTags(
                (String) r[19], List.of(Sql.strings(r[20])), List.of(Sql.strings(r[21]))),
        (UUID) r[22],
        GovernanceState.valueOf((String) r[10]),
        (String) r[11],
        Sql.instant(r[12]),
        Sql.instant(r[13]),
        Sql.instant(r[18]));
  }

  /**
   * A PostgreSQL array literal of names (roles, groups and tags never contain quotes or commas).
   */
  private static String arrayLiteral(Set<String> values) {
    return values.stream()
        .sorted()
        .map(v -> "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
        .collect(java.util.stream.Collectors.joining(",", "{", "}"));
  }
}
