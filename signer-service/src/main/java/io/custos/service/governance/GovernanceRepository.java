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
          + " simulation::text, not_before FROM governance_request";

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
    em.createNativeQuery(
            "INSERT INTO governance_request (id, kind, proposer_subject, proposer_username,"
                + " proposer_roles, proposer_groups, key_address, key_subject, key_username, proof,"
                + " state, decided_rule, policy_hash, explanation, created_at, updated_at) VALUES"
                + " (?1, ?2, ?3, ?4, CAST(?5 AS text[]), CAST(?6 AS text[]), ?7, ?8, ?9,"
                + " CAST(?10 AS jsonb), ?11, ?12, ?13, CAST(?14 AS jsonb), ?15, ?15)")
        .setParameter(1, id)
        .setParameter(2, kind.wire())
        .setParameter(3, proposer.subject())
        .setParameter(4, proposer.username())
        .setParameter(5, arrayLiteral(proposer.roles()))
        .setParameter(6, arrayLiteral(proposer.groups()))
        .setParameter(7, key.address())
        .setParameter(8, key.subject())
        .setParameter(9, key.username())
        .setParameter(10, proofJson)
        .setParameter(11, state.name())
        .setParameter(12, decision.rule())
        .setParameter(13, decision.policyHash())
        .setParameter(14, decisionJson)
        .setParameter(15, Sql.time(now))
        .executeUpdate();
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
    em.createNativeQuery(
            "INSERT INTO governance_request (id, kind, proposer_subject, proposer_username,"
                + " proposer_roles, proposer_groups, candidate_document, candidate_hash, base_hash,"
                + " simulation, state, decided_rule, policy_hash, explanation, created_at,"
                + " updated_at) VALUES (?1, ?2, ?3, ?4, CAST(?5 AS text[]), CAST(?6 AS text[]),"
                + " ?7, ?8, ?9, CAST(?10 AS jsonb), 'PENDING_APPROVAL', ?11, ?12,"
                + " CAST(?13 AS jsonb), ?14, ?14)")
        .setParameter(1, id)
        .setParameter(2, kind.wire())
        .setParameter(3, proposer.subject())
        .setParameter(4, proposer.username())
        .setParameter(5, arrayLiteral(proposer.roles()))
        .setParameter(6, arrayLiteral(proposer.groups()))
        .setParameter(7, change.document())
        .setParameter(8, change.candidateHash())
        .setParameter(9, change.baseHash())
        .setParameter(10, simulationJson)
        .setParameter(11, decision.rule())
        .setParameter(12, decision.policyHash())
        .setParameter(13, decisionJson)
        .setParameter(14, Sql.time(now))
        .executeUpdate();
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
  @SuppressWarnings("unchecked")
  List<UUID> timelockEnded(Instant now, int max) {
    return em.createNativeQuery(
            "SELECT id FROM governance_request WHERE state = 'TIMELOCKED' AND not_before <= ?1"
                + " ORDER BY not_before, id LIMIT ?2",
            UUID.class)
        .setParameter(1, Sql.time(now))
        .setParameter(2, max)
        .getResultList();
  }

  /** True when a request of this kind for this key is still pending (or timelocked). */
  boolean pending(GovernanceKind kind, String address) {
    return !em.createNativeQuery(
            "SELECT 1 FROM governance_request WHERE kind = ?1 AND key_address = ?2"
                + " AND state IN ('PENDING_APPROVAL', 'TIMELOCKED')")
        .setParameter(1, kind.wire())
        .setParameter(2, address)
        .getResultList()
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
    var update =
        em.createNativeQuery(
                "UPDATE governance_request SET state = ?2, decided_rule = ?3, policy_hash = ?4,"
                    + " explanation = CAST(?5 AS jsonb), updated_at = ?6"
                    + (notBefore == null ? "" : ", not_before = ?7")
                    + " WHERE id = ?1")
            .setParameter(1, id)
            .setParameter(2, state.name())
            .setParameter(3, decision.rule())
            .setParameter(4, decision.policyHash())
            .setParameter(5, json)
            .setParameter(6, Sql.time(now));
    if (notBefore != null) {
      update.setParameter(7, Sql.time(notBefore));
    }
    update.executeUpdate();
  }

  void upsertApproval(UUID id, Caller admin, Approval.Verdict verdict, String comment, Instant at) {
    em.createNativeQuery(
            "INSERT INTO governance_approval (request_id, approver_subject, approver_username,"
                + " approver_groups, verdict, comment, at) VALUES (?1, ?2, ?3, CAST(?4 AS text[]),"
                + " ?5, ?6, ?7) ON CONFLICT (request_id, approver_subject) DO UPDATE SET"
                + " approver_username = EXCLUDED.approver_username,"
                + " approver_groups = EXCLUDED.approver_groups, verdict = EXCLUDED.verdict,"
                + " comment = EXCLUDED.comment, at = EXCLUDED.at")
        .setParameter(1, id)
        .setParameter(2, admin.subject())
        .setParameter(3, admin.username())
        .setParameter(4, arrayLiteral(admin.groups()))
        .setParameter(5, verdict.name())
        .setParameter(6, comment)
        .setParameter(7, Sql.time(at))
        .executeUpdate();
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
        GovernanceState.valueOf((String) r[10]),
        (String) r[11],
        Sql.instant(r[12]),
        Sql.instant(r[13]),
        Sql.instant(r[18]));
  }

  /** A PostgreSQL array literal of names (roles and groups never contain quotes or commas). */
  private static String arrayLiteral(Set<String> values) {
    return values.stream()
        .sorted()
        .map(v -> "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
        .collect(java.util.stream.Collectors.joining(",", "{", "}"));
  }
}
