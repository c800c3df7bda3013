package io.custos.service.sending;

import io.custos.service.audit.Audit;
import io.custos.service.audit.AuditEntryType;
import io.custos.service.chain.EthereumConfig;
import io.custos.service.chain.Receipt;
import io.custos.service.sending.TransactionRepository.Open;
import io.custos.service.sending.TransactionRepository.Sibling;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.web3j.utils.Numeric;

/**
 * Records what the node reported about one transaction, in its own database transaction: the move
 * the {@link Transitions} decide, the other transactions of its nonce REPLACED once it is mined,
 * and an audit entry when it reaches a final state. Another instance following the same transaction
 * may have moved it first: each statement checks the state it moves from, so there is one move and
 * one entry.
 */
@ApplicationScoped
class ReceiptRecorder {

  private final TransactionRepository transactions;
  private final Transitions rules;
  private final Audit audit;
  private final SendingMetrics metrics;

  ReceiptRecorder(
      TransactionRepository transactions,
      EthereumConfig config,
      Audit audit,
      SendingMetrics metrics) {
    this.transactions = transactions;
    this.rules = new Transitions(config.confirmations());
    this.audit = audit;
    this.metrics = metrics;
  }

  /** Records {@code receipt} (empty: the node has none) with the chain at {@code head}. */
  @Transactional
  void record(Open tx, Optional<Receipt> receipt, long head) {
    TxState next = rules.next(tx.state(), receipt, head);
    if (receipt.isEmpty()) {
      if (next == TxState.BROADCAST && tx.state() == TxState.MINED) {
        transactions.backToBroadcast(tx.id());
      }
      return;
    }
    Receipt r = receipt.get();
    byte[] blockHash = Numeric.hexStringToByteArray(r.blockHash());
    if (next == tx.state()) {
      transactions.followBlock(tx.id(), r.blockNumber(), blockHash);
      return;
    }
    boolean moved =
        transactions.move(
            tx.id(), tx.state(), next, r.blockNumber(), blockHash, r.succeeded() ? 1 : 0);
    if (!moved) {
      return;
    }
    replaceSiblings(tx, next);
    if (Transitions.audited(tx.state(), next)) {
      audit.record(
          r.succeeded() ? AuditEntryType.TRANSACTION_CONFIRMED : AuditEntryType.TRANSACTION_FAILED,
          Audit.SYSTEM,
          List.of("request:" + tx.requestId(), "tx:" + tx.hash()),
          Map.of(
              "hash", tx.hash(),
              "blockNumber", Long.toString(r.blockNumber()),
              "blockHash", r.blockHash(),
              "gasUsed", r.gasUsed().toString(),
              "status", r.succeeded() ? "success" : "reverted"));
    }
  }

  /** The other transactions of the nonce, when this move mined it. */
  private void replaceSiblings(Open mined, TxState next) {
    if (Transitions.sibling(mined.state(), next, TxState.BROADCAST) != TxState.REPLACED) {
      return;
    }
    for (Sibling s : transactions.lockReplaceableSiblings(mined.id())) {
      transactions.markReplaced(s.id());
      metrics.settled(TxState.REPLACED, 1);
      audit.record(
          AuditEntryType.TRANSACTION_REPLACED,
          Audit.SYSTEM,
          List.of("request:" + s.requestId(), "tx:" + s.hash()),
          Map.of("hash", s.hash(), "nonce", Long.toString(s.nonce()), "minedHash", mined.hash()));
    }
  }
}
