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
import jakarta.transaction.Transactional;
import java.math.BigInteger;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.web3j.crypto.RawTransaction;
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

  private final TransactionRepository transactions;
  private final NonceCursors cursors;
  private final EthereumSigner signer;
  private final EthereumNode node;
  private final Clock clock;
  private final Audit audit;
  private final SendingMetrics metrics;
  private final SigningGate gate;

  NonceAndSign(
      TransactionRepository transactions,
      NonceCursors cursors,
      EthereumSigner signer,
      EthereumNode node,
      Clock clock,
      Audit audit,
      SendingMetrics metrics,
      SigningGate gate) {
    this.transactions = transactions;
    this.cursors = cursors;
    this.signer = signer;
    this.node = node;
    this.clock = clock;
    this.audit = audit;
    this.metrics = metrics;
    this.gate = gate;
  }

  /**
   * Signs {@code out}; if its request already has a transaction, returns that one instead.
   *
   * @throws NonceDivergedException when the account's cursor is flagged (nothing signed)
   * @throws SigningRefusedException when the request is no longer allowed (nothing signed; its new
   *     state commits)
   */
  @Transactional(dontRollbackOn = SigningRefusedException.class)
  public TxRecord signAndRecord(Outgoing out, SigningKey key, Fees fees) {
    // Two workers (or instances) releasing the same request queue here; the second then finds the
    // first one's transaction instead of signing a second one and losing to the unique index.
    transactions.lockRequest(out.requestId());
    Optional<TxRecord> existing = transactions.ofRequest(out.requestId());
    if (existing.isPresent()) {
      return existing.get();
    }
    Map<String, Object> authorization = gate.authorize(out, fees);
    long nonce = lockCursor(key);
    TxRecord tx = signAndInsert(out, authorization, key, fees, nonce, 0);
    cursors.advance(key.chainId(), key.address(), nonce + 1);
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
   * @throws SigningRefusedException when the request is no longer allowed (nothing signed; its new
   *     state commits)
   */
  @Transactional(dontRollbackOn = SigningRefusedException.class)
  public TxRecord signReplacement(Outgoing out, SigningKey key, Fees fees) {
    transactions.lockRequest(out.requestId());
    Optional<TxRecord> existing = transactions.ofRequest(out.requestId());
    if (existing.isPresent()) {
      return existing.get();
    }
    TxRecord original =
        transactions
            .ofRequest(out.replaces())
            .orElseThrow(
                () ->
                    new IllegalStateException("request " + out.replaces() + " has no transaction"));
    Map<String, Object> authorization = gate.authorize(out, fees);
    int attempt = 0;
    for (TransactionRepository.Attempt a :
        transactions.lockNonce(key.chainId(), key.address(), original.nonce())) {
      if (a.state().tookTheNonce()) {
        throw new NonceSettledException(
            "nonce " + original.nonce() + " of " + key.address() + " is already mined");
      }
      attempt = a.attempt() + 1;
    }
    return signAndInsert(out, authorization, key, fees, original.nonce(), attempt);
  }

  private TxRecord signAndInsert(
      Outgoing out,
      Map<String, Object> authorization,
      SigningKey key,
      Fees fees,
      long nonce,
      int attempt) {
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
    transactions.insertSigned(id, out, key, fees, nonce, attempt, signed, clock.instant());
    String hash = hex(signed.hash().bytes());
    audit.record(
        AuditEntryType.TRANSACTION_SIGNED,
        Audit.SYSTEM,
        List.of("request:" + out.requestId(), "wallet:" + key.walletId(), "tx:" + hash),
        signedPayload(out, authorization, key, fees, nonce, attempt, signed));
    LOG.infof("request %s signed as %s (nonce %d)", out.requestId(), hash, nonce);
    return new TxRecord(id, out.requestId(), nonce, hash, TxState.SIGNED);
  }

  private static Map<String, Object> signedPayload(
      Outgoing out,
      Map<String, Object> authorization,
      SigningKey key,
      Fees fees,
      long nonce,
      int attempt,
      SignedTransaction signed) {
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
    if (!authorization.isEmpty()) {
      // The approvals that counted, with their device signatures: an offline checker re-verifies
      // the quorum from this entry and the key registrations before it in the log.
      p.put("authorization", authorization);
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
    Optional<NonceCursors.Cursor> cursor = cursors.lock(key.chainId(), key.address());
    if (cursor.isEmpty()) {
      cursors.create(key.chainId(), key.address(), node.pendingNonce(key.address()));
      cursor = cursors.lock(key.chainId(), key.address());
    }
    NonceCursors.Cursor c = cursor.orElseThrow();
    if (c.held()) {
      throw new NonceDivergedException(key.address(), c.next(), c.nodeNonce());
    }
    return c.next();
  }

  private static String hex(byte[] bytes) {
    return TransactionRepository.hex(bytes);
  }
}
