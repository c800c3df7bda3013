package io.custos.service.approvers;

import io.custos.service.support.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The registry of approvers' device keys, the {@code approver_key} table: read by the verdict
 * checks, changed only by governance once the admins' quorum approved. Callers own the transaction.
 */
@ApplicationScoped
public class ApproverKeys {

  private static final String COLUMNS =
      "SELECT subject, username, address, state, registered_at, revoked_at FROM approver_key";

  /** Taken shared by verdict checks and exclusively by governance decisions. */
  private static final String LOCK = "hashtextextended('custos:approver-keys', 0)";

  private final EntityManager em;

  ApproverKeys(EntityManager em) {
    this.em = em;
  }

  /**
   * Holds off key changes (which take this lock exclusively, {@link #lockExclusive}) until the
   * transaction ends: a verdict is checked and counted against one state of the keys.
   */
  public void lockShared() {
    Sql.value(em, "SELECT pg_advisory_xact_lock_shared(" + LOCK + ")");
  }

  /**
   * Serializes governance decisions until the transaction ends: one at a time sees the keys (and
   * the active policy), and no verdict is checked against a key being changed.
   */
  public void lockExclusive() {
    Sql.value(em, "SELECT pg_advisory_xact_lock(" + LOCK + ")");
  }

  /** The key at this address, whoever's and whatever its state. */
  public Optional<ApproverKeyView> find(String address) {
    return query(COLUMNS + " WHERE address = ?1", address).stream().findFirst();
  }

  /** Every key, newest registration first. */
  public List<ApproverKeyView> list() {
    return query(COLUMNS + " ORDER BY coalesce(registered_at, 'infinity') DESC, address");
  }

  /** The subject's active key, if any. */
  public Optional<ApproverKeyView> active(String subject) {
    return query(COLUMNS + " WHERE subject = ?1 AND state = 'ACTIVE'", subject).stream()
        .findFirst();
  }

  /** True when the address is, right now, the active key of that subject. */
  public boolean isActive(String address, String subject) {
    return active(subject).map(k -> k.address().equals(address)).orElse(false);
  }

  /** A registration proposed by governance request {@code requestId}, waiting for its quorum. */
  public void insertPending(String address, String subject, String username, UUID requestId) {
    Sql.update(
        em,
        "INSERT INTO approver_key (address, subject, username, state, registration_request_id)"
            + " VALUES (?1, ?2, ?3, 'PENDING', ?4)",
        address,
        subject,
        username,
        requestId);
  }

  /** Revokes the subject's active key, if any, and activates the pending one; the revoked one. */
  public Optional<ApproverKeyView> activate(String address, String subject, Instant now) {
    Optional<ApproverKeyView> previous = active(subject);
    previous.ifPresent(p -> revoke(p.address(), now));
    Sql.update(
        em,
        "UPDATE approver_key SET state = 'ACTIVE', registered_at = ?2"
            + " WHERE address = ?1 AND state = 'PENDING'",
        address,
        Sql.time(now));
    return previous;
  }

  public void revoke(String address, Instant now) {
    Sql.update(
        em,
        "UPDATE approver_key SET state = 'REVOKED', revoked_at = ?2"
            + " WHERE address = ?1 AND state = 'ACTIVE'",
        address,
        Sql.time(now));
  }

  /** A registration the admins rejected leaves no trace in the table (the audit log keeps it). */
  public void dropPending(String address) {
    Sql.update(em, "DELETE FROM approver_key WHERE address = ?1 AND state = 'PENDING'", address);
  }

  private List<ApproverKeyView> query(String sql, Object... params) {
    return Sql.rows(em, sql, params).stream()
        .map(
            r ->
                new ApproverKeyView(
                    (String) r[0],
                    (String) r[1],
                    (String) r[2],
                    ApproverKeyState.valueOf((String) r[3]),
                    Sql.instant(r[4]),
                    Sql.instant(r[5])))
        .toList();
  }
}
