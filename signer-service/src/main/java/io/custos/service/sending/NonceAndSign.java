package io.custos.service.sending;

import io.custos.audit.EntryType;
import io.custos.hsm.HsmException;
import io.custos.hsm.eth.EthereumSigner;
import io.custos.hsm.eth.SignedTransaction;
import io.custos.service.audit.Audit;
import io.custos.service.chain.EthereumNode;
import io.custos.service.wallet.SigningKey;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

  /** Signs {@code out}; if its request already has a transaction, returns that one instead. */
  @Transactional
  public TxRecord signAndRecord(Outgoing out, SigningKey key, Fees fees) {
    TxRecord existing = original(out.requestId());
    if (existing != null) {
      return existing;
    }
    long nonce = lockCursor(key);
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
                + " to_address, value_wei, data, gas_limit, max_fee_per_gas,"
                + " max_priority_fee_per_gas, raw, hash, state, signed_at)"
                + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 'SIGNED', ?15)")
        .setParameter(1, id)
        .setParameter(2, out.requestId())
        .setParameter(3, key.walletId())
        .setParameter(4, key.chainId())
        .setParameter(5, key.address())
        .setParameter(6, nonce)
        .setParameter(7, out.to())
        .setParameter(8, new java.math.BigDecimal(out.valueWei()))
        .setParameter(9, out.data())
        .setParameter(10, fees.gasLimit().longValueExact())
        .setParameter(11, new java.math.BigDecimal(fees.maxFeePerGas()))
        .setParameter(12, new java.math.BigDecimal(fees.maxPriorityFeePerGas()))
        .setParameter(13, signed.raw())
        .setParameter(14, signed.hash().bytes())
        .setParameter(15, clock.instant())
        .executeUpdate();
    em.createNativeQuery(
            "UPDATE nonce_cursor SET next_nonce = ?3 WHERE chain_id = ?1 AND address = ?2")
        .setParameter(1, key.chainId())
        .setParameter(2, key.address())
        .setParameter(3, nonce + 1)
        .executeUpdate();
    String hash = hex(signed.hash().bytes());
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("requestId", out.requestId().toString());
    payload.put("chainId", Long.toString(key.chainId()));
    payload.put("from", key.address());
    payload.put("to", out.to() == null ? "" : out.to());
    payload.put("valueWei", out.valueWei().toString());
    payload.put("nonce", Long.toString(nonce));
    payload.put("gasLimit", fees.gasLimit().toString());
    payload.put("maxFeePerGas", fees.maxFeePerGas().toString());
    payload.put("maxPriorityFeePerGas", fees.maxPriorityFeePerGas().toString());
    payload.put("hash", hash);
    payload.put("raw", hex(signed.raw()));
    if (!out.authorization().isEmpty()) {
      // The approvals that counted, with their device signatures: an offline checker re-verifies
      // the quorum from this entry and the key registrations before it in the log.
      payload.put("authorization", out.authorization());
    }
    audit.record(
        EntryType.TRANSACTION_SIGNED,
        Audit.SYSTEM,
        List.of("request:" + out.requestId(), "wallet:" + key.walletId(), "tx:" + hash),
        payload);
    return new TxRecord(id, out.requestId(), nonce, hash, "SIGNED");
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
   * pending count, so transactions sent from the address before Custos held it are respected.
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
    return ((Number) rows.get(0)).longValue();
  }

  private List<?> selectCursor(SigningKey key) {
    return em.createNativeQuery(
            "SELECT next_nonce FROM nonce_cursor WHERE chain_id = ?1 AND address = ?2 FOR UPDATE")
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

  private TxRecord original(UUID requestId) {
    List<?> rows =
        em.createNativeQuery(
                "SELECT id, nonce, hash, state FROM eth_transaction"
                    + " WHERE request_id = ?1 AND attempt = 0")
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
