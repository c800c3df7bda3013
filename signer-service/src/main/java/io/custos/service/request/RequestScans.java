package io.custos.service.request;

import io.custos.service.sending.TxState;
import io.custos.service.support.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The queries over many requests: pages for the API, and what the release worker must act on.
 * Callers own the transaction.
 */
@ApplicationScoped
class RequestScans {

  private final EntityManager em;

  RequestScans(EntityManager em) {
    this.em = em;
  }

  /**
   * One page of request ids, newest first, after the request {@code after} (keyset), optionally
   * only those of one requester or in one state (the transaction's state once sent).
   */
  List<UUID> page(String requester, String state, UUID after, int limit) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT r.id FROM tx_request r LEFT JOIN LATERAL (SELECT e.state FROM eth_transaction e"
                + " WHERE e.request_id = r.id ORDER BY e.attempt DESC LIMIT 1) t ON true WHERE true");
    List<Object> params = new ArrayList<>();
    if (requester != null) {
      sql.append(" AND r.requester_subject = ?");
      params.add(requester);
    }
    if (state != null) {
      sql.append(" AND coalesce(t.state, r.state) = ?");
      params.add(state);
    }
    if (after != null) {
      sql.append(
          " AND (r.created_at, r.id) < (SELECT a.created_at, a.id FROM tx_request a WHERE a.id = ?)");
      params.add(after);
    }
    sql.append(" ORDER BY r.created_at DESC, r.id DESC LIMIT ?");
    params.add(limit);
    return Sql.work(
        em,
        c -> {
          try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
              s.setObject(i + 1, params.get(i));
            }
            List<UUID> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                out.add(rs.getObject(1, UUID.class));
              }
            }
            return out;
          }
        });
  }

  /** The current transaction of a request (the latest attempt), or empty before sending. */
  Optional<TransactionView> transaction(UUID requestId) {
    String sql =
        "SELECT hash, nonce, state, block_number, signed_at, broadcast_at FROM eth_transaction"
            + " WHERE request_id = ?"
            + " ORDER BY attempt DESC LIMIT 1";
    return Sql.work(
        em,
        c -> {
          try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, requestId);
            try (ResultSet rs = s.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              long block = rs.getLong(4);
              Long blockNumber = rs.wasNull() ? null : block;
              return Optional.of(
                  new TransactionView(
                      "0x" + HexFormat.of().formatHex(rs.getBytes(1)),
                      rs.getLong(2),
                      TxState.valueOf(rs.getString(3)),
                      blockNumber,
                      Sql.instant(rs.getObject(5, OffsetDateTime.class)),
                      Sql.instant(rs.getObject(6, OffsetDateTime.class))));
            }
          }
        });
  }

  /**
   * Allowed requests released before {@code releasedBefore} that have no transaction yet ({@code
   * signed_at} is set by the insert of the transaction; the index holds only these requests) and
   * whose back-off after a failed attempt has ended by {@code now}, and whose wallet is not frozen
   * (the signing gate would refuse them; they wait for the freeze to be lifted).
   */
  List<UUID> due(Instant releasedBefore, Instant now, int max) {
    return Sql.uuids(
        em,
        "SELECT r.id FROM tx_request r WHERE r.state = 'APPROVED' AND r.signed_at IS NULL"
            + " AND r.not_before <= ? AND (r.next_attempt_at IS NULL OR r.next_attempt_at <= ?)"
            + " AND NOT EXISTS (SELECT 1 FROM eth_transaction e WHERE e.request_id = r.id)"
            + " AND NOT EXISTS (SELECT 1 FROM signing_freeze f WHERE f.lifted_at IS NULL"
            + " AND (f.wallet_id IS NULL OR f.wallet_id = r.wallet_id))"
            + " ORDER BY r.not_before, r.id LIMIT ?",
        Sql.time(releasedBefore),
        Sql.time(now),
        max);
  }

  /**
   * Records a failed attempt to sign and send an approved request: its reason, and when to try
   * again ({@code first} doubled at each earlier failure, at most {@code max}).
   */
  void failedAttempt(UUID id, String reason, Instant now, Duration first, Duration max) {
    Sql.uuids(
        em,
        "UPDATE tx_request SET send_attempts = send_attempts + 1, send_error = ?,"
            + " last_attempt_at = ?, next_attempt_at = ? + make_interval(secs =>"
            + " least(? * power(2, least(send_attempts, 30)), ?))"
            + " WHERE id = ? AND state = 'APPROVED' AND signed_at IS NULL RETURNING id",
        reason,
        Sql.time(now),
        Sql.time(now),
        first.toMillis() / 1000.0,
        max.toMillis() / 1000.0,
        id);
  }

  /**
   * Expires approved requests not signed although due since before {@code cutoff} (one, when {@code
   * only} is not null); returns their ids. A request being signed holds its row lock: this waits,
   * then sees {@code signed_at} set and leaves it.
   */
  List<UUID> expireApproved(Instant cutoff, Instant now, UUID only) {
    String sql =
        "UPDATE tx_request SET state = 'EXPIRED', allowed_at = NULL, updated_at = ?"
            + " WHERE state = 'APPROVED' AND signed_at IS NULL AND not_before < ?";
    return only == null
        ? Sql.uuids(em, sql + " RETURNING id", Sql.time(now), Sql.time(cutoff))
        : Sql.uuids(em, sql + " AND id = ? RETURNING id", Sql.time(now), Sql.time(cutoff), only);
  }

  /**
   * Marks a request its requester withdraws WITHDRAWN, if it is still in {@code from} and nothing
   * was signed for it; false otherwise. The caller holds the row lock, which the signing
   * transaction also takes: a request is either withdrawn or signed, never both.
   */
  boolean withdraw(UUID id, RequestState from, Instant now) {
    return !Sql.uuids(
            em,
            "UPDATE tx_request r SET state = 'WITHDRAWN', allowed_at = NULL, updated_at = ?"
                + " WHERE r.id = ? AND r.state = ? AND r.signed_at IS NULL"
                + " AND NOT EXISTS (SELECT 1 FROM eth_transaction e WHERE e.request_id = r.id)"
                + " RETURNING r.id",
            Sql.time(now),
            id,
            from.name())
        .isEmpty();
  }

  /** Timelocked requests whose timelock has ended, to be decided again before release. */
  List<UUID> timelockEnded(Instant now, int max) {
    return Sql.uuids(
        em,
        "SELECT id FROM tx_request WHERE state = 'TIMELOCKED' AND not_before <= ?"
            + " ORDER BY not_before, id LIMIT ?",
        Sql.time(now),
        max);
  }

  /**
   * Marks an approved replacement that has no transaction REPLACED; false when it is not one (any
   * more).
   */
  boolean replacedBeforeSigning(UUID id, Instant now) {
    return !Sql.uuids(
            em,
            "UPDATE tx_request r SET state = 'REPLACED', allowed_at = NULL, updated_at = ?"
                + " WHERE r.id = ? AND r.state = 'APPROVED' AND r.replaces IS NOT NULL"
                + " AND NOT EXISTS (SELECT 1 FROM eth_transaction e WHERE e.request_id = r.id)"
                + " RETURNING r.id",
            Sql.time(now),
            id)
        .isEmpty();
  }

  /**
   * The replacement that stands for a request now: the newest speed-up or cancel of it that was not
   * refused, or null.
   */
  UUID replacedBy(UUID id) {
    List<UUID> ids =
        Sql.uuids(
            em,
            "SELECT id FROM tx_request WHERE replaces = ?"
                + " AND state NOT IN ('DENIED', 'REJECTED', 'EXPIRED')"
                + " ORDER BY created_at DESC, id DESC LIMIT 1",
            id);
    return ids.isEmpty() ? null : ids.getFirst();
  }

  /** Expires requests pending since before {@code cutoff}; returns their ids. */
  List<UUID> expire(Instant cutoff, Instant now) {
    return Sql.uuids(
        em,
        "UPDATE tx_request SET state = 'EXPIRED', updated_at = ? WHERE state = 'PENDING_APPROVAL'"
            + " AND created_at < ? RETURNING id",
        Sql.time(now),
        Sql.time(cutoff));
  }
}
