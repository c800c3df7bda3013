package io.custos.service.request;

import io.custos.policy.model.Erc20Call;
import io.custos.policy.usage.UsageKey;
import io.custos.service.identity.Caller;
import io.custos.service.support.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The queries on requests and approvals. Writes go through plain JDBC on the transaction's
 * connection: the insert must survive a duplicate idempotency key (ON CONFLICT DO NOTHING, then
 * re-read) without marking the transaction for rollback, and updates are guarded by the state they
 * expect. Callers own the transaction.
 */
@ApplicationScoped
class RequestRepository {

  private final EntityManager em;

  RequestRepository(EntityManager em) {
    this.em = em;
  }

  /** Takes transaction-scoped advisory locks, in the given order. */
  void lock(List<String> keys) {
    for (String key : keys) {
      em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended(?1, 0))")
          .setParameter(1, key)
          .getSingleResult();
    }
  }

  Optional<RequestEntity> byKey(String subject, String idempotencyKey) {
    return em.createQuery(
            "FROM RequestEntity WHERE requesterSubject = :s AND idempotencyKey = :k",
            RequestEntity.class)
        .setParameter("s", subject)
        .setParameter("k", idempotencyKey)
        .getResultStream()
        .findFirst();
  }

  Optional<RequestEntity> find(UUID id) {
    return Optional.ofNullable(em.find(RequestEntity.class, id));
  }

  /** Inserts the request unless one with its key exists; true when inserted. */
  boolean insertIfAbsent(NewRequest r) {
    String sql =
        "INSERT INTO tx_request (id, idempotency_key, requester_subject, body_sha256,"
            + " requester_username, requester_roles, requester_groups, requester_service_account,"
            + " wallet_id, kind, to_address, value_wei, token_symbol, token_address, token_units,"
            + " destination, data, max_fee_per_gas, max_priority_fee_per_gas, memo, state,"
            + " decided_rule, policy_hash, explanation, not_before, allowed_at, created_at,"
            + " updated_at, replaces, initiated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (requester_subject, idempotency_key) DO NOTHING";
    return Sql.work(
        em,
        c -> {
          try (PreparedStatement s = c.prepareStatement(sql)) {
            bindNew(c, s, r);
            return s.executeUpdate() == 1;
          }
        });
  }

  private static void bindNew(Connection c, PreparedStatement s, NewRequest r) throws SQLException {
    Caller who = r.requester();
    Draft d = r.draft();
    Evaluation e = r.evaluation();
    s.setObject(1, r.id());
    s.setString(2, r.idempotencyKey());
    s.setString(3, who.subject());
    s.setBytes(4, r.bodySha256());
    s.setString(5, who.username());
    s.setArray(6, c.createArrayOf("text", who.roles().stream().sorted().toArray()));
    s.setArray(7, c.createArrayOf("text", who.groups().stream().sorted().toArray()));
    s.setBoolean(8, who.serviceAccount());
    s.setObject(9, r.walletId());
    s.setString(10, d.kind().storedName());
    s.setString(11, d.to().lowerHex());
    s.setBigDecimal(12, new BigDecimal(d.value().value()));
    s.setString(13, d.token() == null ? null : d.token().symbol());
    Erc20Call erc20 = r.erc20();
    s.setString(14, erc20 == null ? null : erc20.token().lowerHex());
    s.setBigDecimal(15, erc20 == null ? null : new BigDecimal(erc20.amount()));
    s.setString(16, r.destination());
    s.setBytes(17, d.data().toByteArray());
    s.setBigDecimal(18, Sql.decimal(d.maxFeePerGas()));
    s.setBigDecimal(19, Sql.decimal(d.maxPriorityFeePerGas()));
    s.setString(20, d.memo());
    s.setString(21, e.state().name());
    s.setString(22, e.decision().rule());
    s.setString(23, e.decision().policyHash());
    s.setString(24, e.explanationJson());
    s.setObject(25, Sql.time(e.notBefore()));
    s.setObject(26, Sql.time(e.allowedAt()));
    s.setObject(27, Sql.time(r.now()));
    s.setObject(28, Sql.time(r.now()));
    s.setObject(29, r.replaces());
    s.setString(30, r.initiatedBy());
  }

  /** The state of the request, with its row locked until the transaction ends. */
  Optional<RequestState> lockState(UUID id) {
    return em.createNativeQuery(
            "SELECT state FROM tx_request WHERE id = ?1 FOR UPDATE", String.class)
        .setParameter(1, id)
        .getResultStream()
        .findFirst()
        .map(s -> RequestState.valueOf((String) s));
  }

  /** Records a new decision on a request that is still in state {@code from}. */
  boolean decide(UUID id, RequestState from, Evaluation e, Instant now) {
    String sql =
        "UPDATE tx_request SET state = ?, decided_rule = ?, policy_hash = ?,"
            + " explanation = CAST(? AS jsonb), not_before = ?, allowed_at = ?, updated_at = ?"
            + " WHERE id = ? AND state = ?";
    return Sql.work(
        em,
        c -> {
          try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, e.state().name());
            s.setString(2, e.decision().rule());
            s.setString(3, e.decision().policyHash());
            s.setString(4, e.explanationJson());
            s.setObject(5, Sql.time(e.notBefore()));
            s.setObject(6, Sql.time(e.allowedAt()));
            s.setObject(7, Sql.time(now));
            s.setObject(8, id);
            s.setString(9, from.name());
            return s.executeUpdate() == 1;
          }
        });
  }

  /**
   * Records an approver's verdict with its proof, replacing their earlier one on the same request.
   */
  void upsertApproval(
      UUID requestId,
      Caller approver,
      String verdict,
      String comment,
      String evidenceScheme,
      String evidencePayload,
      Instant at) {
    String sql =
        "INSERT INTO approval (request_id, approver_subject, approver_username, approver_groups,"
            + " verdict, comment, evidence_scheme, evidence_payload, at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (request_id, approver_subject) DO UPDATE SET"
            + " approver_username = EXCLUDED.approver_username,"
            + " approver_groups = EXCLUDED.approver_groups, verdict = EXCLUDED.verdict,"
            + " comment = EXCLUDED.comment, evidence_scheme = EXCLUDED.evidence_scheme,"
            + " evidence_payload = EXCLUDED.evidence_payload, at = EXCLUDED.at";
    Sql.work(
        em,
        c -> {
          try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, requestId);
            s.setString(2, approver.subject());
            s.setString(3, approver.username());
            s.setArray(4, c.createArrayOf("text", approver.groups().stream().sorted().toArray()));
            s.setString(5, verdict);
            s.setString(6, comment);
            s.setString(7, evidenceScheme);
            s.setString(8, evidencePayload);
            s.setObject(9, Sql.time(at));
            return s.executeUpdate();
          }
        });
  }

  /**
   * Copies the verdicts given on one request to another (a speed-up that carries them), except
   * those of {@code initiator}, who never counts on the replacement they asked for.
   */
  void copyApprovals(UUID from, UUID to, String initiator) {
    em.createNativeQuery(
            "INSERT INTO approval (request_id, approver_subject, approver_username,"
                + " approver_groups, verdict, comment, evidence_scheme, evidence_payload, at)"
                + " SELECT ?1, approver_subject, approver_username, approver_groups, verdict,"
                + " comment, evidence_scheme, evidence_payload, at FROM approval"
                + " WHERE request_id = ?2 AND approver_subject <> ?3")
        .setParameter(1, to)
        .setParameter(2, from)
        .setParameter(3, initiator)
        .executeUpdate();
  }

  List<ApprovalEntity> approvals(UUID requestId) {
    return em.createQuery(
            "FROM ApprovalEntity WHERE requestId = :r ORDER BY at, approverSubject",
            ApprovalEntity.class)
        .setParameter("r", requestId)
        .getResultList();
  }

  /** The usage figures of {@code keys} at {@code now}: see {@link UsageQuery}. */
  Map<UsageKey, BigInteger> usage(List<UsageKey> keys, Instant now, UUID exclude, UUID original) {
    return Sql.work(em, c -> UsageQuery.read(c, keys, now, exclude, original));
  }
}
