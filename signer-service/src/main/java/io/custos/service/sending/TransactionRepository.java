package io.custos.service.sending;

import io.custos.hsm.eth.SignedTransaction;
import io.custos.service.support.Sql;
import io.custos.service.wallet.SigningKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The queries on {@code eth_transaction}, the record of every signed transaction. Callers own the
 * database transaction and the order of the statements in it; the row locks taken here ({@code FOR
 * UPDATE}) and the request's advisory lock last until that transaction ends.
 */
@ApplicationScoped
class TransactionRepository {

  private final EntityManager em;

  TransactionRepository(EntityManager em) {
    this.em = em;
  }

  /**
   * An open transaction as followed.
   *
   * @param block the block it was mined in, null unless MINED
   * @param blockHash that block's hash, null unless MINED
   */
  record Open(UUID id, String hash, TxState state, UUID requestId, Long block, String blockHash) {}

  /** A SIGNED transaction, locked for its broadcast. */
  record Unsent(byte[] raw, String hash, UUID requestId, long nonce) {}

  /** One transaction of a nonce: the original is attempt 0, each replacement the next. */
  record Attempt(int attempt, TxState state) {}

  /** Another transaction of a nonce that was just mined, locked. */
  record Sibling(UUID id, UUID requestId, String hash, long nonce) {}

  /** Waits for, then holds until commit, the right to make the request's transaction. */
  void lockRequest(UUID requestId) {
    em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended(?1, 0))")
        .setParameter(1, "send:" + requestId)
        .getSingleResult();
  }

  /** The transaction of a request (each request has at most one original), if any. */
  Optional<TxRecord> ofRequest(UUID requestId) {
    return Sql.rows(
            em,
            "SELECT id, nonce, hash, state FROM eth_transaction WHERE request_id = ?1",
            requestId)
        .stream()
        .findFirst()
        .map(
            r ->
                new TxRecord(
                    (UUID) r[0],
                    requestId,
                    ((Number) r[1]).longValue(),
                    hex((byte[]) r[2]),
                    TxState.valueOf((String) r[3])));
  }

  /** The attempts of a nonce, in order, locked until commit. */
  List<Attempt> lockNonce(long chainId, String address, long nonce) {
    return Sql.rows(
            em,
            "SELECT attempt, state FROM eth_transaction WHERE chain_id = ?1"
                + " AND from_address = ?2 AND nonce = ?3 ORDER BY attempt FOR UPDATE",
            chainId,
            address,
            nonce)
        .stream()
        .map(r -> new Attempt(((Number) r[0]).intValue(), TxState.valueOf((String) r[1])))
        .toList();
  }

  /** Records a transaction just signed, as SIGNED. */
  void insertSigned(
      UUID id,
      Outgoing out,
      SigningKey key,
      Fees fees,
      long nonce,
      int attempt,
      SignedTransaction signed,
      Instant signedAt) {
    update(
        "INSERT INTO eth_transaction (id, request_id, wallet_id, chain_id, from_address, nonce,"
            + " attempt, to_address, value_wei, data, gas_limit, max_fee_per_gas,"
            + " max_priority_fee_per_gas, raw, hash, state, signed_at) VALUES (?1, ?2, ?3, ?4,"
            + " ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, 'SIGNED', ?16)",
        id,
        out.requestId(),
        key.walletId(),
        key.chainId(),
        key.address(),
        nonce,
        attempt,
        out.to(),
        new BigDecimal(out.valueWei()),
        out.data(),
        fees.gasLimit().longValueExact(),
        new BigDecimal(fees.maxFeePerGas()),
        new BigDecimal(fees.maxPriorityFeePerGas()),
        signed.raw(),
        signed.hash().bytes(),
        signedAt);
  }

  /** The SIGNED transactions, to send (again), lowest nonce first. */
  List<UUID> signed() {
    @SuppressWarnings("unchecked")
    List<UUID> ids =
        em.createNativeQuery("SELECT id FROM eth_transaction WHERE state = 'SIGNED' ORDER BY nonce")
            .getResultList();
    return ids;
  }

  /** The transaction if still SIGNED, locked; empty if sent, or another worker is sending it. */
  Optional<Unsent> lockSigned(UUID id) {
    return Sql.rows(
            em,
            "SELECT raw, hash, request_id, nonce FROM eth_transaction"
                + " WHERE id = ?1 AND state = 'SIGNED' FOR UPDATE SKIP LOCKED",
            id)
        .stream()
        .findFirst()
        .map(
            r ->
                new Unsent(
                    (byte[]) r[0], hex((byte[]) r[1]), (UUID) r[2], ((Number) r[3]).longValue()));
  }

  /** The stored bytes of a BROADCAST transaction; empty once it moved on. */
  Optional<byte[]> rawIfBroadcast(UUID id) {
    List<?> raw =
        em.createNativeQuery(
                "SELECT raw FROM eth_transaction WHERE id = ?1 AND state = 'BROADCAST'")
            .setParameter(1, id)
            .getResultList();
    return raw.stream().findFirst().map(r -> (byte[]) r);
  }

  void markBroadcast(UUID id, Instant at) {
    update(
        "UPDATE eth_transaction SET state = 'BROADCAST', broadcast_at = ?2, last_error = NULL"
            + " WHERE id = ?1",
        id,
        at);
  }

  /** Keeps why the node did not take it, for operators. */
  void noteError(UUID id, String error) {
    update("UPDATE eth_transaction SET last_error = ?2 WHERE id = ?1", id, error);
  }

  /** Every open transaction; SIGNED ones too, which the node may mine before they are recorded. */
  List<Open> open() {
    return Sql.rows(
            em,
            "SELECT id, hash, state, request_id, block_number, block_hash FROM eth_transaction"
                + " WHERE state IN ('SIGNED', 'BROADCAST', 'MINED')")
        .stream()
        .map(
            r ->
                new Open(
                    (UUID) r[0],
                    hex((byte[]) r[1]),
                    TxState.valueOf((String) r[2]),
                    (UUID) r[3],
                    r[4] == null ? null : ((Number) r[4]).longValue(),
                    r[5] == null ? null : hex((byte[]) r[5])))
        .toList();
  }

  /** A MINED transaction whose block is no longer canonical is pending again. */
  void backToBroadcast(UUID id) {
    update(
        "UPDATE eth_transaction SET state = 'BROADCAST', block_number = NULL,"
            + " block_hash = NULL, receipt_status = NULL WHERE id = ?1 AND state = 'MINED'",
        id);
  }

  /** Still MINED, perhaps in another block after a reorg: follow that block from now on. */
  void followBlock(UUID id, long block, byte[] blockHash) {
    update(
        "UPDATE eth_transaction SET block_number = ?2, block_hash = ?3"
            + " WHERE id = ?1 AND state = 'MINED' AND block_hash <> ?3",
        id,
        block,
        blockHash);
  }

  /**
   * Moves the transaction from {@code from} to {@code to}, which is never BROADCAST, so it is no
   * longer stuck; false if it was no longer in from (another instance moved it first).
   */
  boolean move(UUID id, TxState from, TxState to, long block, byte[] blockHash, int status) {
    return update(
            "UPDATE eth_transaction SET state = ?2, block_number = ?3, block_hash = ?4,"
                + " receipt_status = ?5, stuck_since = NULL WHERE id = ?1 AND state = ?6",
            id,
            to.name(),
            block,
            blockHash,
            status,
            from.name())
        == 1;
  }

  /** The other transactions of the mined one's nonce that are still SIGNED or BROADCAST, locked. */
  List<Sibling> lockReplaceableSiblings(UUID minedId) {
    return Sql.rows(
            em,
            "SELECT s.id, s.request_id, s.hash, s.nonce FROM eth_transaction m"
                + " JOIN eth_transaction s ON s.chain_id = m.chain_id"
                + " AND s.from_address = m.from_address AND s.nonce = m.nonce AND s.id <> m.id"
                + " WHERE m.id = ?1 AND s.state IN ('SIGNED', 'BROADCAST') FOR UPDATE OF s",
            minedId)
        .stream()
        .map(
            r ->
                new Sibling(
                    (UUID) r[0], (UUID) r[1], hex((byte[]) r[2]), ((Number) r[3]).longValue()))
        .toList();
  }

  void markReplaced(UUID id) {
    update("UPDATE eth_transaction SET state = 'REPLACED', stuck_since = NULL WHERE id = ?1", id);
  }

  /** Flags what was sent before {@code sentBefore} and is still not mined, as of {@code now}. */
  void flagStuck(Instant now, Instant sentBefore) {
    update(
        "UPDATE eth_transaction SET stuck_since = ?1 WHERE state = 'BROADCAST'"
            + " AND stuck_since IS NULL AND broadcast_at < ?2",
        now,
        sentBefore);
  }

  /**
   * Transactions by state: every state (a count over the whole history), or only the open ones,
   * counted through their partial index. States without transactions count 0.
   */
  Map<TxState, Long> countByState(boolean all) {
    Map<TxState, Long> counts = new EnumMap<>(TxState.class);
    for (TxState s : all ? List.of(TxState.values()) : List.copyOf(TxState.OPEN)) {
      counts.put(s, 0L);
    }
    String sql =
        all
            ? "SELECT state, count(*) FROM eth_transaction GROUP BY state"
            : "SELECT state, count(*) FROM eth_transaction"
                + " WHERE state IN ('SIGNED', 'BROADCAST', 'MINED') GROUP BY state";
    for (Object[] r : Sql.rows(em, sql)) {
      counts.put(TxState.valueOf((String) r[0]), ((Number) r[1]).longValue());
    }
    return counts;
  }

  long stuckCount() {
    return count("SELECT count(*) FROM eth_transaction WHERE stuck_since IS NOT NULL");
  }

  private long count(String sql) {
    return ((Number) em.createNativeQuery(sql).getSingleResult()).longValue();
  }

  private int update(String sql, Object... params) {
    var q = em.createNativeQuery(sql);
    for (int i = 0; i < params.length; i++) {
      q.setParameter(i + 1, params[i]);
    }
    return q.executeUpdate();
  }

  static String hex(byte[] bytes) {
    return "0x" + HexFormat.of().formatHex(bytes);
  }
}
