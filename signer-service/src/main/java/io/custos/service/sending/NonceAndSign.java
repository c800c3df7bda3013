package io.custos.service.sending;

import io.custos.hsm.HsmException;
import io.custos.hsm.eth.EthereumSigner;
import io.custos.hsm.eth.SignedTransaction;
import io.custos.service.audit.Audit;
import io.custos.service.audit.AuditEntryType;
import io.custos.service.chain.EthereumNode;
import io.custos.service.wallet.SigningKey;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.web3j.crypto.RawTransaction;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.utils.Numeric;

/**
 * Allocates the nonce, signs in the HSM and records the signed transaction, all in one database
 * transaction. The cursor row of the account is locked for the duration, so two workers or two
 * service instances cannot take the same nonce; the unique constraints of {@code eth_transaction}
 * are the backstop. Fees are filled by the caller before, so the lock is held only for the HSM
 * signature and the inserts.
 */
@ApplicationScoped
public class NonceAndSign {

  private static final Logger LOG = Logger.getLogger(NonceAndSign.class);

  /** States of a transaction that used its nonce up: nothing else of that nonce can be mined. */
  static final Set<String> SETTLED = Set.of("MINED", "CONFIRMED", "FAILED");

  private final EntityManager em;
  private final EthereumSigner signer;
  private final EthereumNode node;
  private final Clock clock;
  private final Audit audit;
  private final SendingMetrics metrics;

  NonceAndSign(
      EntityManager em,
      EthereumSigner signer,
      EthereumNode node,
      Clock clock,
      Audit audit,
      SendingMetrics metrics) {
    this.em = em;
    this.signer = signer;
    this.node = node;
    this.clock = clock;
    this.audit = audit;
    this.metrics = metrics;
  }

  /**
   * Signs {@code out}; if its request already has a transaction, returns that one instead.
   *
   * @throws NonceDivergedException when the account's cursor is flagged (nothing signed)
   */
  @Transactional
  public TxRecord signAndRecord(Outgoing out, SigningKey key, Fees fees) {
    // Two workers (or instances) releasing the same request queue here; the second then finds the
    // first one's transaction instead of signing a second one and losing to the unique index.
    lockRequest(out.requestId());
    TxRecord existing = transactionOf(out.requestId());
    if (existing != null) {
      return existing;
    }
    long nonce = lockCursor(key);
    TxRecord tx = signAndInsert(out, key, fees, nonce, 0);
    em.createNativeQuery(
            "UPDATE nonce_cursor SET next_nonce = ?3 WHERE chain_id = ?1 AND address = ?2")
        .setParameter(1, key.chainId())
        .setParameter(2, key.address())
        .setParameter(3, nonce + 1)
        .executeUpdate();
    return tx;
  }

  /**
   * Signs a speed-up or cancel with the nonce of its original's transaction, as the next attempt of
   * that nonce; if its request already has a transaction, returns that one instead. The rows of the
   * nonce stay locked until commit, so a replacement sees whether the nonce got mined meanwhile;
   * two racing replacements may pick the same attempt, and then the unique constraint rejects the
   * second, which the release worker signs again at its next tick.
   *
   * @throws NonceSettledException when a transaction of the nonce is already mined (nothing signed)
   */
  @Transactional
  public TxRecord signReplacement(Outgoing out, SigningKey key, Fees fees) {
    lockRequest(out.requestId());
    TxRecord existing = transactionOf(out.requestId());
    if (existing != null) {
      return existing;
    }
    TxRecord original = transactionOf(out.replaces());
    if (original == null) {
      throw new IllegalStateException("request " + out.replaces() + " has no transaction");
    }
    int attempt = 0;
    for (Object row :
        em.createNativeQuery(
                "SELECT attempt, state FROM eth_transaction WHERE chain_id = ?1"
                    + " AND from_address = ?2 AND nonce = ?3 ORDER BY attempt FOR UPDATE")
            .setParameter(1, key.chainId())
            .setParameter(2, key.address())
            .setParameter(3, original.nonce())
            .getResultList()) {
      Object[] r = (Object[]) row;
      if (SETTLED.contains((String) r[1])) {
        throw new NonceSettledException(
            "nonce " + original.nonce() + " of " + key.address() + " is already mined");
      }
      attempt = ((Number) r[0]).intValue() + 1;
    }
    return signAndInsert(out, key, fees, original.nonce(), attempt);
  }

  private TxRecord signAndInsert(Outgoing out, SigningKey key, Fees fees, long nonce, int attempt) {
    RawTransaction raw =
        RawTransaction.createTransaction(
            key.chainId(),
            BigInteger.valueOf(nonce),
            fees.gasLimit(),
            out.to(),
            out.valueWei(),
            Numeric.toHexString(out.data()),
            fees.maxPriorityFeePerGas(),
            fees.maxFeePerGas());
    SignedTransaction signed = sign(key, raw);
    UUID id = UUID.randomUUID();
    em.createNativeQuery(
            "INSERT INTO eth_transaction (id, request_id, wallet_id, chain_id, from_address, nonce,"
                + " attempt, to_address, value_wei, data, gas_limit, max_fee_per_gas,"
                + " max_priority_fee_per_gas, raw, hash, state, signed_at) VALUES (?1, ?2, ?3, ?4,"
                + " ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, 'SIGNED', ?16)")
        .setParameter(1, id)
        .setParameter(2, out.requestId())
        .setParameter(3, key.walletId())
        .setParameter(4, key.chainId())
        .setParameter(5, key.address())
        .setParameter(6, nonce)
        .setParameter(7, attempt)
        .setParameter(8, out.to())
        .setParameter(9, new BigDecimal(out.valueWei()))
        .setParameter(10, out.data())
        .setParameter(11, fees.gasLimit().longValueExact())
        .setParameter(12, new BigDecimal(fees.maxFeePerGas()))
        .setParameter(13, new BigDecimal(fees.maxPriorityFeePerGas()))
        .setParameter(14, signed.raw())
        .setParameter(15, signed.hash().bytes())
        .setParameter(16, clock.instant())
        .executeUpdate();
    String hash = hex(signed.hash().bytes());
    audit.record(
        AuditEntryType.TRANSACTION_SIGNED,
        Audit.SYSTEM,
        List.of("request:" + out.requestId(), "wallet:" + key.walletId(), "tx:" + hash),
        signedPayload(out, key, fees, nonce, attempt, signed));
    LOG.infof("request %s signed as %s (nonce %d)", out.requestId(), hash, nonce);
    return new TxRecord(id, out.requestId(), nonce, hash, "SIGNED");
  }

  private static Map<String, Object> signedPayload(
      Outgoing out, SigningKey key, Fees fees, long nonce, int attempt, SignedTransaction signed) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("requestId", out.requestId().toString());
    p.put("chainId", Long.toString(key.chainId()));
    p.put("from", key.address());
    p.put("to", out.to() == null ? "" : out.to());
    p.put("valueWei", out.valueWei().toString());
    p.put("nonce", Long.toString(nonce));
    p.put("gasLimit", fees.gasLimit().toString());
    p.put("maxFeePerGas", fees.maxFeePerGas().toString());
    p.put("maxPriorityFeePerGas", fees.maxPriorityFeePerGas().toString());
    p.put("hash", hex(signed.hash().bytes()));
    p.put("raw", hex(signed.raw()));
    if (out.replaces() != null) {
      p.put("attempt", Integer.toString(attempt));
      p.put("replaces", out.replaces().toString());
    }
    if (!out.authorization().isEmpty()) {
      // The approvals that counted, with their device signatures: an offline checker re-verifies
      // the quorum from this entry and the key registrations before it in the log.
      p.put("authorization", out.authorization());
    }
    return p;
  }

  private SignedTransaction sign(SigningKey key, RawTransaction raw) {
    Timer.Sample sample = Timer.start();
    try {
      return signer.signTransaction(key.keyId(), raw, key.chainId());
    } catch (HsmException e) {
      metrics.hsmError();
      throw e;
    } finally {
      sample.stop(metrics.signLatency());
    }
  }

  /**
   * Locks the account's cursor and returns the nonce to use. A new cursor starts at the node's
   * pending count, so transactions sent from the address before Custos held it are respected; a
   * cursor the {@link NonceReconciler} flagged gives none.
   */
  private long lockCursor(SigningKey key) {
    List<?> rows = selectCursor(key);
    if (rows.isEmpty()) {
      em.createNativeQuery(
              "INSERT INTO nonce_cursor (chain_id, address, next_nonce) VALUES (?1, ?2, ?3)"
                  + " ON CONFLICT DO NOTHING")
          .setParameter(1, key.chainId())
          .setParameter(2, key.address())
          .setParameter(3, pendingCount(key.address()))
          .executeUpdate();
      rows = selectCursor(key);
    }
    Object[] cursor = (Object[]) rows.get(0);
    long next = ((Number) cursor[0]).longValue();
    if (cursor[1] != null) {
      throw new NonceDivergedException(key.address(), next, ((Number) cursor[2]).longValue());
    }
    return next;
  }

  private List<?> selectCursor(SigningKey key) {
    return em.createNativeQuery(
            "SELECT next_nonce, diverged_since, node_nonce FROM nonce_cursor"
                + " WHERE chain_id = ?1 AND address = ?2 FOR UPDATE")
        .setParameter(1, key.chainId())
        .setParameter(2, key.address())
        .getResultList();
  }

  private long pendingCount(String address) {
    try {
      return node.web3j()
          .ethGetTransactionCount(address, DefaultBlockParameterName.PENDING)
          .send()
          .getTransactionCount()
          .longValueExact();
    } catch (IOException e) {
      throw new UncheckedIOException("the node did not give the nonce of " + address, e);
    }
  }

  private void lockRequest(UUID requestId) {
    em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended(?1, 0))")
        .setParameter(1, "send:" + requestId)
        .getSingleResult();
  }

  /** The transaction of a request (each request has at most one), or null. */
  private TxRecord transactionOf(UUID requestId) {
    List<?> rows =
        em.createNativeQuery(
                "SELECT id, nonce, hash, state FROM eth_transaction WHERE request_id = ?1")
            .setParameter(1, requestId)
            .getResultList();
    if (rows.isEmpty()) {
      return null;
    }
    Object[] r = (Object[]) rows.get(0);
    return new TxRecord(
        (UUID) r[0], requestId, ((Number) r[1]).longValue(), hex((byte[]) r[2]), (String) r[3]);
  }

  static String hex(byte[] bytes) {
    return "0x" + HexFormat.of().formatHex(bytes);
  }
}
