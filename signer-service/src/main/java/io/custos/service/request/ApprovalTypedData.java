package io.custos.service.request;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custos.policy.intent.Approval;
import io.custos.service.approvals.ApprovalMessage;
import io.custos.service.approvals.DeviceSignatures;
import io.custos.service.approvals.Eip712;
import io.custos.service.policy.ActivePolicy;
import io.custos.service.wallet.WalletView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;
import org.web3j.utils.Numeric;

/**
 * The EIP-712 Approval an approver's device signs for a verdict: handed out before the verdict, and
 * rebuilt when it arrives to check that the signature covers exactly this request.
 */
@ApplicationScoped
class ApprovalTypedData {

  private final RequestRepository repository;
  private final RequestWallets wallets;
  private final ActivePolicy policy;
  private final DeviceSignatures signatures;
  private final RequestClock clock;

  ApprovalTypedData(
      RequestRepository repository,
      RequestWallets wallets,
      ActivePolicy policy,
      DeviceSignatures signatures,
      RequestClock clock) {
    this.repository = repository;
    this.wallets = wallets;
    this.policy = policy;
    this.signatures = signatures;
    this.clock = clock;
  }

  /**
   * The typed data to sign to give {@code verdict} on a pending request, or to veto a timelocked
   * one.
   */
  @Transactional
  TypedDataView typedData(UUID id, String verdict) {
    Approval.Verdict v = RequestMapping.verdict(verdict);
    RequestEntity r = repository.find(id).orElseThrow(() -> RequestMapping.notFound(id));
    RequestState state = RequestState.valueOf(r.state);
    if (!RequestMapping.takesVerdict(state, v)) {
      throw RequestMapping.notPending(state);
    }
    long expiresAt = signatures.expiryFrom(clock.now());
    ObjectNode typed = Eip712.approval(signatures.domain(), message(r, v, expiresAt));
    return new TypedDataView(
        typed, Numeric.toHexString(Eip712.digest(typed)), Instant.ofEpochSecond(expiresAt));
  }

  /**
   * The Approval message for this request and verdict: exactly what {@link
   * OutgoingRequests#outgoing} sends.
   */
  ApprovalMessage message(RequestEntity r, Approval.Verdict verdict, long expiresAt) {
    WalletView wallet = wallets.of(r.walletId);
    return new ApprovalMessage(
        r.id,
        wallet.chainId(),
        wallet.address(),
        RequestMapping.txTo(r),
        r.valueWei,
        ApprovalMessage.dataHash(r.data),
        r.maxFeePerGas,
        r.maxPriorityFeePerGas,
        ApprovalMessage.policyHash(policy.refresh().policy().hash()),
        RequestMapping.word(verdict),
        expiresAt);
  }
}
