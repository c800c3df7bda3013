package io.custos.service.sending;

import io.custos.service.support.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The queries on {@code nonce_cursor}: per account, the next nonce Custos signs with, and whether
 * signing is held because the node counts more transactions than Custos signed. Callers own the
 * database transaction; {@link #lock} holds the account's row until it ends.
 */
@ApplicationScoped
class NonceCursors {

  private final EntityManager em;

  NonceCursors(EntityManager em) {
    this.em = em;
  }

  /**
   * An account's cursor.
   *
   * @param next the next nonce to sign with
   * @param held whether signing is held (the nonce diverged)
   * @param nodeNonce the node's count when it was held
   */
  record Cursor(long next, boolean held, long nodeNonce) {}

  /** An account whose cursor is not held. */
  record Account(long chainId, String address) {}

  /** The next nonce of the account's cursor, unlocked; empty before its first transaction. */
  Optional<Long> next(long chainId, String address) {
    return Sql.rows(
            em,
            "SELECT next_nonce, 0 FROM nonce_cursor WHERE chain_id = ?1 AND address = ?2",
            chainId,
            address)
        .stream()
        .findFirst()
        .map(r -> ((Number) r[0]).longValue());
  }

  /** The account's cursor, locked until commit; empty before its first transaction. */
  Optional<Cursor> lock(long chainId, String address) {
    return Sql.rows(
            em,
            "SELECT next_nonce, diverged_since, node_nonce FROM nonce_cursor"
                + " WHERE chain_id = ?1 AND address = ?2 FOR UPDATE",
            chainId,
            address)
        .stream()
        .findFirst()
        .map(
            r ->
                new Cursor(
                    ((Number) r[0]).longValue(),
                    r[1] != null,
                    r[2] == null ? 0 : ((Number) r[2]).longValue()));
  }

  /** Starts the account's cursor at {@code next}, unless another transaction just did. */
  void create(long chainId, String address, long next) {
    em.createNativeQuery(
            "INSERT INTO nonce_cursor (chain_id, address, next_nonce) VALUES (?1, ?2, ?3)"
                + " ON CONFLICT DO NOTHING")
        .setParameter(1, chainId)
        .setParameter(2, address)
        .setParameter(3, next)
        .executeUpdate();
  }

  void advance(long chainId, String address, long next) {
    em.createNativeQuery(
            "UPDATE nonce_cursor SET next_nonce = ?3 WHERE chain_id = ?1 AND address = ?2")
        .setParameter(1, chainId)
        .setParameter(2, address)
        .setParameter(3, next)
        .executeUpdate();
  }

  /** The accounts whose cursor is not held. */
  List<Account> unheld() {
    return Sql.rows(em, "SELECT chain_id, address FROM nonce_cursor WHERE diverged_since IS NULL")
        .stream()
        .map(r -> new Account(((Number) r[0]).longValue(), (String) r[1]))
        .toList();
  }

  /**
   * Holds the account if its cursor is behind the node's count {@code onNode}; returns the cursor
   * when it was held now, empty when it was not behind (or already held).
   */
  Optional<Long> holdIfBehind(long chainId, String address, long onNode, Instant now) {
    List<?> held =
        em.createNativeQuery(
                "UPDATE nonce_cursor SET diverged_since = ?3, node_nonce = ?4"
                    + " WHERE chain_id = ?1 AND address = ?2 AND diverged_since IS NULL"
                    + " AND next_nonce < ?4 RETURNING next_nonce")
            .setParameter(1, chainId)
            .setParameter(2, address)
            .setParameter(3, now)
            .setParameter(4, onNode)
            .getResultList();
    return held.stream().findFirst().map(n -> ((Number) n).longValue());
  }

  /**
   * Lifts the hold; the cursor continues from the node's count {@code onNode} if that is ahead.
   * Returns the next nonce, empty when the account was not held.
   */
  Optional<Long> release(long chainId, String address, long onNode) {
    List<?> released =
        em.createNativeQuery(
                "UPDATE nonce_cursor SET next_nonce = greatest(next_nonce, ?3),"
                    + " diverged_since = NULL, node_nonce = NULL"
                    + " WHERE chain_id = ?1 AND address = ?2 AND diverged_since IS NOT NULL"
                    + " RETURNING next_nonce")
            .setParameter(1, chainId)
            .setParameter(2, address)
            .setParameter(3, onNode)
            .getResultList();
    return released.stream().findFirst().map(n -> ((Number) n).longValue());
  }

  long heldCount() {
    return ((Number)
            em.createNativeQuery(
                    "SELECT count(*) FROM nonce_cursor WHERE diverged_since IS NOT NULL")
                .getSingleResult())
        .longValue();
  }

  /** The next nonce of every account, by address. */
  Map<String, Long> nextNonces() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Object[] r : Sql.rows(em, "SELECT address, next_nonce FROM nonce_cursor")) {
      out.put((String) r[0], ((Number) r[1]).longValue());
    }
    return out;
  }
}
