package io.custos.service.request;

import io.custos.policy.intent.Approval;
import io.custos.policy.intent.FeeCaps;
import io.custos.policy.intent.Requester;
import io.custos.policy.intent.TransactionIntent;
import io.custos.policy.value.Address;
import io.custos.policy.value.HexData;
import io.custos.policy.value.Wei;
import io.custos.service.api.ApiException;
import io.custos.service.api.ProblemType;
import io.custos.service.chain.NodeException;
import io.custos.service.identity.Caller;
import io.custos.service.sending.FeeOracle;
import io.custos.service.sending.OpenNonce;
import io.custos.service.sending.Replacements;
import io.custos.service.wallet.WalletView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Speed-up and cancel of a request whose transaction is not mined: each makes a new request linked
 * to the original ({@code replaces}), decided by the policy like any other, whose transaction takes
 * the original's nonce with both fees raised by at least the node's replacement minimum. Whichever
 * transaction of the nonce is mined, the others become REPLACED (the {@code Follower}).
 *
 * <p>A speed-up carries the original's intent, so it is decided as the original's requester and
 * needs what the original needed. The original's approvals carry over when only the fees changed
 * and the new fees stay within the finite caps those approvals were given for; otherwise (and
 * always when the original had no caps) the speed-up collects its own. No fee above the service's
 * ceiling ({@link FeeCeilingCheck}) is accepted at all. A cancel is a zero-value transfer from the
 * wallet to itself: it moves nothing, so it is decided as the operator who asks, by the rules for
 * operators.
 */
@ApplicationScoped
public class ReplacementService {

  private final RequestRepository repository;
  private final RequestWallets wallets;
  private final Verdicts verdicts;
  private final Evaluator evaluator;
  private final RequestClock clock;
  private final Replacements replacements;
  private final FeeOracle feeOracle;
  private final RequestAudit audit;
  private final FeeCeilingCheck ceiling;

  ReplacementService(
      RequestRepository repository,
      RequestWallets wallets,
      Verdicts verdicts,
      Evaluator evaluator,
      RequestClock clock,
      Replacements replacements,
      FeeOracle feeOracle,
      RequestAudit audit,
      FeeCeilingCheck ceiling) {
    this.repository = repository;
    this.wallets = wallets;
    this.verdicts = verdicts;
    this.evaluator = evaluator;
    this.clock = clock;
    this.replacements = replacements;
    this.feeOracle = feeOracle;
    this.audit = audit;
    this.ceiling = ceiling;
  }

  /** Submits a speed-up of the request (or of the original it replaces); returns the new id. */
  @Transactional(dontRollbackOn = FeeCeilingRefused.class)
  public UUID speedUp(UUID id, ReplaceBody body, Caller operator) {
    RequestEntity original = originalOf(id);
    FeeCaps fees = fees(openNonce(original), body);
    WalletView wallet = wallets.of(original.walletId);
    withinCeiling("speed-up", original, wallet, operator, fees);
    Draft draft =
        RequestMapping.draftOf(
            original,
            wallet.label(),
            fees.maxFeePerGas().value(),
            fees.maxPriorityFeePerGas().value());
    // Whoever initiates a replacement never counts as its approver, not even with a verdict they
    // gave the original: they chose the replacement's fees.
    List<Approval> carried =
        withinApprovedCaps(original, fees)
            ? verdicts.countedUnderActivePolicy(original.id).stream()
                .filter(a -> !a.approver().equals(operator.subject()))
                .toList()
            : List.of();
    Caller requester = RequestMapping.callerOf(original);
    UUID created = create(original, wallet, draft, requester, operator, carried);
    if (!carried.isEmpty()) {
      repository.copyApprovals(original.id, created, operator.subject());
    }
    return created;
  }

  /** Submits a cancel of the request (or of the original it replaces); returns the new id. */
  @Transactional(dontRollbackOn = FeeCeilingRefused.class)
  public UUID cancel(UUID id, ReplaceBody body, Caller operator) {
    RequestEntity original = originalOf(id);
    FeeCaps fees = fees(openNonce(original), body);
    WalletView wallet = wallets.of(original.walletId);
    withinCeiling("cancel", original, wallet, operator, fees);
    Address self = Address.parse(wallet.address());
    Draft draft =
        new Draft(
            wallet.label(),
            RequestKind.NATIVE_TRANSFER,
            self,
            Wei.ZERO,
            null,
            null,
            HexData.EMPTY,
            fees.maxFeePerGas().value(),
            fees.maxPriorityFeePerGas().value(),
            "cancel of " + original.id);
    return create(original, wallet, draft, operator, operator, List.of());
  }

  private void withinCeiling(
      String action, RequestEntity original, WalletView wallet, Caller operator, FeeCaps fees) {
    ceiling.check(
        action,
        original.id,
        wallet.label(),
        operator,
        fees.maxFeePerGas().value(),
        fees.maxPriorityFeePerGas().value());
  }

  private UUID create(
      RequestEntity original,
      WalletView wallet,
      Draft draft,
      Caller requester,
      Caller operator,
      List<Approval> approvals) {
    TransactionIntent intent = Evaluator.intent(wallet, draft);
    Requester who = RequestMapping.requester(requester);
    evaluator.lock(intent, who);
    UUID id = UUID.randomUUID();
    Instant now = clock.now();
    Evaluation evaluation = evaluator.decide(intent, who, approvals, id, original.id, now);
    NewRequest row =
        new NewRequest(
            id,
            "replace:" + id,
            Drafts.canonicalHash(draft),
            requester,
            wallet.id(),
            draft,
            evaluation,
            now,
            original.id,
            operator.username());
    repository.insertIfAbsent(row);
    audit.submitted(row, wallet.tags());
    return id;
  }

  /** The first request of a chain of replacements: the one whose nonce they all take. */
  private RequestEntity originalOf(UUID id) {
    RequestEntity named = repository.find(id).orElseThrow(() -> RequestMapping.notFound(id));
    return named.replaces == null ? named : repository.find(named.replaces).orElseThrow();
  }

  private OpenNonce openNonce(RequestEntity original) {
    return replacements
        .open(original.id)
        .orElseThrow(
            () ->
                new ApiException(
                    ProblemType.CONFLICT,
                    "request "
                        + original.id
                        + " has no transaction waiting to be mined: only a signed or sent"
                        + " transaction that is not mined yet can be sped up or cancelled",
                    Map.of("requestId", original.id.toString())));
  }

  /** The replacement's fees: as asked, or the least the node takes; never below that least. */
  private FeeCaps fees(OpenNonce open, ReplaceBody body) {
    ReplaceBody b = body == null ? ReplaceBody.DEFAULTS : body;
    BigInteger maxFee = Drafts.optionalWei(b.maxFeePerGas(), "maxFeePerGas");
    BigInteger tip = Drafts.optionalWei(b.maxPriorityFeePerGas(), "maxPriorityFeePerGas");
    tip = tip == null ? open.minimumTip() : tip;
    maxFee = maxFee == null ? open.minimumMaxFee().max(twiceBaseFee().add(tip)) : maxFee;
    if (tip.compareTo(maxFee) > 0) {
      throw new ApiException(
          ProblemType.VALIDATION, "maxPriorityFeePerGas must not be above maxFeePerGas");
    }
    if (maxFee.compareTo(open.minimumMaxFee()) < 0 || tip.compareTo(open.minimumTip()) < 0) {
      throw new ApiException(
          ProblemType.UNPROCESSABLE,
          "a replacement must raise both fees by at least 10 %: maxFeePerGas at least "
              + open.minimumMaxFee()
              + " and maxPriorityFeePerGas at least "
              + open.minimumTip()
              + " wei",
          Map.of(
              "minimumMaxFeePerGas", open.minimumMaxFee().toString(),
              "minimumMaxPriorityFeePerGas", open.minimumTip().toString()));
    }
    return new FeeCaps(new Wei(maxFee), new Wei(tip), 0);
  }

  private BigInteger twiceBaseFee() {
    try {
      return feeOracle.baseFee().shiftLeft(1);
    } catch (NodeException e) {
      throw new ApiException(
          ProblemType.UNAVAILABLE,
          "the Ethereum node did not give the base fee: " + e.getMessage());
    }
  }

  /**
   * Whether the approvers signed for fees up to these: only a finite fee cap they approved bounds
   * what a replacement may pay. Without one they approved no fee at all, and a speed-up at any fee
   * would spend what nobody approved. A tip without its own cap is bounded by the fee cap.
   */
  private static boolean withinApprovedCaps(RequestEntity original, FeeCaps fees) {
    BigInteger maxFee = fees.maxFeePerGas().value();
    BigInteger tip = fees.maxPriorityFeePerGas().value();
    return original.maxFeePerGas != null
        && maxFee.compareTo(original.maxFeePerGas) <= 0
        && (original.maxPriorityFeePerGas == null
            || tip.compareTo(original.maxPriorityFeePerGas) <= 0);
  }
}
