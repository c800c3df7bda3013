package io.custos.service.freeze;

import io.custos.service.identity.Caller;
import io.custos.service.support.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code signing_freeze} table. Callers own the transaction. */
@ApplicationScoped
class FreezeRepository {

  private static final String COLUMNS =
      "SELECT f.id, w.label, f.reason, f.frozen_by_username, f.frozen_at, f.lifted_at,"
          + " f.lifted_by_governance FROM signing_freeze f LEFT JOIN wallet w ON w.id = f.wallet_id";

  /**
   * Taken shared by every signature ({@link Freezes#holding}) and exclusively by a new freeze, so
   * that once a freeze is committed no signature that did not see it is still on its way.
   */
  private static final String LOCK = "hashtextextended('custos:signing-freeze', 0)";

  private final EntityManager em;

  FreezeRepository(EntityManager em) {
    this.em = em;
  }

  void lockShared() {
    Sql.value(em, "SELECT pg_advisory_xact_lock_shared(" + LOCK + ")");
  }

  void lockExclusive() {
    Sql.value(em, "SELECT pg_advisory_xact_lock(" + LOCK + ")");
  }

  /** Inserts a freeze; false when one is already in force for the same scope. */
  boolean insert(UUID id, UUID walletId, String reason, Caller guardian, Instant now) {
    // Plain JDBC: a null wallet (a global freeze) binds without a type there.
    return !Sql.uuids(
            em,
            "INSERT INTO signing_freeze (id, wallet_id, reason, frozen_by_subject,"
                + " frozen_by_username, frozen_at) VALUES (?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT DO NOTHING RETURNING id",
            id,
            walletId,
            reason,
            guardian.subject(),
            guardian.username(),
            Sql.time(now))
        .isEmpty();
  }

  /** The freezes in force that hold signing for the wallet: its own and the global one. */
  List<FreezeView> holding(UUID walletId) {
    return query(
        COLUMNS + " WHERE f.lifted_at IS NULL AND (f.wallet_id IS NULL OR f.wallet_id = ?1)",
        walletId);
  }

  /** The freezes in force, oldest first. */
  List<FreezeView> inForce() {
    return query(COLUMNS + " WHERE f.lifted_at IS NULL ORDER BY f.frozen_at, f.id");
  }

  Optional<FreezeView> find(UUID id) {
    return query(COLUMNS + " WHERE f.id = ?1", id).stream().findFirst();
  }

  /** Lifts a freeze in force; false when it is not (any more). */
  boolean lift(UUID id, UUID governanceRequestId, Instant now) {
    return Sql.update(
            em,
            "UPDATE signing_freeze SET lifted_at = ?1, lifted_by_governance = ?2"
                + " WHERE id = ?3 AND lifted_at IS NULL",
            Sql.time(now),
            governanceRequestId,
            id)
        == 1;
  }

  private List<FreezeView> query(String sql, Object... params) {
    return Sql.rows(em, sql, params).stream()
        .map(
            r ->
                new FreezeView(
                    (UUID) r[0],
                    (String) r[1],
                    (String) r[2],
                    (String) r[3],
                    Sql.instant(r[4]),
                    Sql.instant(r[5]),
                    (UUID) r[6]))
        .toList();
  }
}
