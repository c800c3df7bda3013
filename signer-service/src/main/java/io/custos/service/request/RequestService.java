package io.custos.service.request;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custos.policy.intent.Approval;
import io.custos.policy.intent.Requester;
import io.custos.policy.intent.TransactionIntent;
import io.custos.policy.model.AddressBook;
import io.custos.policy.value.Address;
import io.custos.policy.value.Asset;
import io.custos.policy.value.HexData;
import io.custos.policy.value.Wei;
import io.custos.service.api.ApiException;
import io.custos.service.api.ProblemType;
import io.custos.service.approvals.ApprovalMessage;
import io.custos.service.approvals.ApprovalRefused;
import io.custos.service.approvals.DeviceSignatures;
import io.custos.service.approvals.Eip712;
import io.custos.service.approvals.VerifiedSignature;
import io.custos.service.approvers.ApproverKeys;
import io.custos.service.identity.Caller;
import io.custos.service.policy.ActivePolicy;
import io.custos.service.sending.FeeCaps;
import io.custos.service.sending.Outgoing;
import io.custos.service.wallet.WalletService;
import io.custos.service.wallet.WalletView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.web3j.utils.Numeric;

/**
 * The request lifecycle: submission, verdicts and release. Every decision is made under the locks
 * of {@link Evaluator#lock} in the transaction that records it.
 */
@ApplicationScoped
public class RequestService {

  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,128}");
  private static final int MAX_COMMENT = 1024;

  private final RequestRepository repository;
  private final RequestScans scans;
  private final Evaluator evaluator;
  private final WalletService wallets;
  private final ActivePolicy policy;
  private final Clock clock;
  private final RequestAudit audit;
  private final Event<ReadyToSend> ready;
  private final DeviceSignatures signatures;
  private final ApproverKeys keys;
  private final Verdicts verdicts;

  RequestService(
      RequestRepository repository,
      RequestScans scans,
      Evaluator evaluator,
      WalletService wallets,
      ActivePolicy policy,
      Clock clock,
      RequestAudit audit,
      Event<ReadyToSend> ready,
      DeviceSignatures signatures,
      ApproverKeys keys,
      Verdicts verdicts) {
    this.repository = repository;
    this.scans = scans;
    this.evaluator = evaluator;
    this.wallets = wallets;
    this.policy = policy;
    this.clock = clock;
    this.audit = audit;
    this.ready = ready;
    this.signatures = signatures;
    this.keys = keys;
    this.verdicts = verdicts;
  }

  /**
   * The outcome of a submission.
   *
   * @param id the request
   * @param created false when the idempotency key named an existing request with the same body
   */
  public record Submitted(UUID id, boolean created) {}

  /** Submits a request, or returns the one this key already made with the same body. */
  @Transactional
  public Submitted submit(String idempotencyKey, SubmitBody body, Caller requester) {
    if (idempotencyKey == null || !KEY.matcher(idempotencyKey).matches()) {
      throw new ApiException(
          ProblemType.VALIDATION,
          "the Idempotency-Key header is required: 1 to 128 printable ASCII characters");
    }
    AddressBook book = policy.policy().addressBook();
    Draft draft = Drafts.parse(body, book);
    byte[] hash = Drafts.canonicalHash(draft);
    WalletView wallet = existingWallet(draft.walletLabel());
    TransactionIntent intent = Evaluator.intent(wallet, draft);
    Requester who = requester(requester);
    evaluator.lock(intent, who);
    Optional<RequestEntity> earlier = repository.byKey(requester.subject(), idempotencyKey);
    if (earlier.isPresent()) {
      return replay(earlier.get(), hash);
    }
    Instant now = now();
    UUID id = UUID.randomUUID();
    Erc20Calls.Exposure exposure = exposure(draft, book);
    String destination =
        exposure != null ? exposure.counterparty().lowerHex() : draft.txTo().lowerHex();
    Evaluation evaluation = evaluator.decide(intent, who, List.of(), id, null, now);
    NewRequest row =
        new NewRequest(
            id,
            idempotencyKey,
            hash,
            requester,
            wallet.id(),
            draft,
            exposure,
            destination,
            evaluation,
            now);
    if (repository.insertIfAbsent(row)) {
      audit.submitted(row);
      sendWhenCommitted(id, evaluation);
      return new Submitted(id, true);
    }
    // Another submission with this key committed between our read and insert (possible only for
    // a different wallet, whose lock we do not hold): the unique constraint kept one.
    return replay(repository.byKey(requester.subject(), idempotencyKey).orElseThrow(), hash);
  }

  /**
   * An approved request is sent right after this transaction commits ({@link ImmediateRelease}).
   */
  private void sendWhenCommitted(UUID id, Evaluation e) {
    if (e.state() == RequestState.APPROVED) {
      ready.fire(new ReadyToSend(id));
    }
  }

  private static Submitted replay(RequestEntity earlier, byte[] hash) {
    if (!MessageDigest.isEqual(earlier.bodySha256, hash)) {
      throw new ApiException(
          ProblemType.CONFLICT,
          "this Idempotency-Key was used for a different request body",
          Map.of("requestId", earlier.id.toString()));
    }
    return new Submitted(earlier.id, false);
  }

  private static Erc20Calls.Exposure exposure(Draft draft, AddressBook book) {
    if (draft.token() != null) {
      return new Erc20Calls.Exposure(draft.token().address(), draft.to(), draft.tokenUnits());
    }
    return Erc20Calls.exposure(draft.txTo(), draft.data(), book.tokens());
  }

  private WalletView existingWallet(String label) {
    try {
      return wallets.require(label);
    } catch (ApiException e) {
      if (e.type() != ProblemType.NOT_FOUND) {
        throw e;
      }
      throw new ApiException(
          ProblemType.UNPROCESSABLE, "no wallet labelled '" + label + "'", Map.of("wallet", label));
    }
  }

  /**
   * The EIP-712 Approval an approver's device signs to give {@code verdict} on a pending request.
   */
  @Transactional
  public TypedDataView typedData(UUID id, String verdict) {
    Approval.Verdict v = verdict(verdict);
    RequestEntity r = repository.find(id).orElseThrow(() -> notFound(id));
    RequestState state = RequestState.valueOf(r.state);
    if (state != RequestState.PENDING_APPROVAL) {
      throw notPending(state);
    }
    long expiresAt = signatures.expiryFrom(now());
    ObjectNode typed = Eip712.approval(signatures.domain(), message(r, v, expiresAt));
    return new TypedDataView(
        typed, Numeric.toHexString(Eip712.digest(typed)), Instant.ofEpochSecond(expiresAt));
  }

  /**
   * Records an approver's verdict, proven by their device key's EIP-712 signature, and decides the
   * request again. A verdict the signature does not prove is refused, and the refusal is audited:
   * the transaction commits with that entry alone.
   */
  @Transactional(dontRollbackOn = ApprovalRefused.class)
  public UUID judge(UUID id, ApprovalBody body, Caller approver) {
    Approval.Verdict verdict = verdict(body == null ? null : body.verdict());
    String comment = body.comment();
    if (comment != null && comment.length() > MAX_COMMENT) {
      throw new ApiException(
          ProblemType.VALIDATION, "comment must be at most " + MAX_COMMENT + " characters");
    }
    RequestEntity r = repository.find(id).orElseThrow(() -> notFound(id));
    TransactionIntent intent = intentOf(r);
    Requester requester = requesterOf(r);
    evaluator.lock(intent, requester);
    RequestState state = repository.lockState(id).orElseThrow(() -> notFound(id));
    keys.lockShared();
    Instant now = now();
    VerifiedSignature signed;
    try {
      if (r.requesterSubject.equals(approver.subject())) {
        throw new ApprovalRefused(
            ProblemType.SELF_APPROVAL,
            "you submitted this request; someone else must give the verdict",
            Map.of("requestId", id.toString()));
      }
      if (state != RequestState.PENDING_APPROVAL) {
        throw notPending(state);
      }
      signed =
          signatures.verifyApproval(
              message(r, verdict, 0), body.typedData(), body.signature(), approver, now);
    } catch (ApprovalRefused e) {
      audit.refused(id, approver, verdict.name(), body, e);
      throw e;
    }
    repository.upsertApproval(
        id,
        approver,
        verdict.name(),
        comment,
        Verdicts.EVIDENCE_SCHEME,
        Verdicts.evidence(signed),
        now);
    audit.verdict(id, approver, verdict.name(), comment, signed);
    Evaluation e =
        evaluator.decide(
            intent, requester, verdicts.counted(id, policy.policy().hash()), id, r.replaces, now);
    repository.decide(id, state, e, now);
    audit.decided(id, state, e, approver.username());
    sendWhenCommitted(id, e);
    return id;
  }

  private static ApiException notPending(RequestState state) {
    return new ApiException(
        ProblemType.CONFLICT,
        "the request is " + state + "; verdicts are taken only while it is PENDING_APPROVAL",
        Map.of("state", state.name()));
  }

  /** The Approval message for this request and verdict: exactly what {@link #outgoing} sends. */
  private ApprovalMessage message(RequestEntity r, Approval.Verdict verdict, long expiresAt) {
    WalletView wallet = walletOf(r.walletId);
    String to = r.tokenSymbol != null ? r.tokenAddress : r.toAddress;
    return new ApprovalMessage(
        r.id,
        wallet.chainId(),
        wallet.address(),
        to,
        r.valueWei,
        ApprovalMessage.dataHash(r.data),
        r.maxFeePerGas,
        r.maxPriorityFeePerGas,
        ApprovalMessage.policyHash(policy.refresh().policy().hash()),
        verdict == Approval.Verdict.APPROVE ? "approve" : "reject",
        expiresAt);
  }

  private static Approval.Verdict verdict(String v) {
    if ("approve".equals(v)) {
      return Approval.Verdict.APPROVE;
    }
    if ("reject".equals(v)) {
      return Approval.Verdict.REJECT;
    }
    throw new ApiException(ProblemType.VALIDATION, "verdict must be \"approve\" or \"reject\"");
  }

  /** The approvals that count on a request now (their device keys still active). */
  List<Approval> approvals(UUID id) {
    return verdicts.counted(id, policy.refresh().policy().hash());
  }

  /**
   * Decides a timelocked request again when its timelock ends: approvals may have expired or limits
   * filled meanwhile. Returns its new state.
   */
  @Transactional
  public RequestState releaseTimelocked(UUID id) {
    RequestEntity r = repository.find(id).orElseThrow(() -> notFound(id));
    TransactionIntent intent = intentOf(r);
    Requester requester = requesterOf(r);
    evaluator.lock(intent, requester);
    RequestState state = repository.lockState(id).orElseThrow(() -> notFound(id));
    if (state != RequestState.TIMELOCKED) {
      return state;
    }
    Instant now = now();
    Evaluation e =
        evaluator.decide(
            intent, requester, verdicts.counted(id, policy.policy().hash()), id, r.replaces, now);
    repository.decide(id, state, e, now);
    audit.decided(id, state, e, io.custos.service.audit.Audit.SYSTEM);
    sendWhenCommitted(id, e);
    return e.state();
  }

  /** Approved requests not yet signed whose release time was {@code ago} or earlier. */
  @Transactional
  public List<UUID> due(Duration ago, int max) {
    return scans.due(now().minus(ago), max);
  }

  /** Timelocked requests whose timelock has ended. */
  @Transactional
  public List<UUID> timelockEnded(int max) {
    return scans.timelockEnded(now(), max);
  }

  /** Expires requests that waited longer than {@code timeout} for approvals; returns them. */
  @Transactional
  public List<UUID> expire(Duration timeout) {
    Instant now = now();
    List<UUID> expired = scans.expire(now.minus(timeout), now);
    expired.forEach(audit::expired);
    return expired;
  }

  /** What to send for an approved request. */
  @Transactional
  public Outgoing outgoing(UUID id) {
    RequestEntity r = repository.find(id).orElseThrow(() -> notFound(id));
    Address to = r.tokenSymbol != null ? new Address(r.tokenAddress) : new Address(r.toAddress);
    return new Outgoing(
        r.id,
        r.walletId,
        to.checksummed(),
        r.valueWei,
        r.data,
        new FeeCaps(r.maxFeePerGas, r.maxPriorityFeePerGas),
        r.replaces,
        verdicts.authorization(r));
  }

  /**
   * A speed-up or cancel that came too late: a transaction of its nonce was mined first, so it is
   * never signed.
   */
  @Transactional
  public void replacedBeforeSigning(UUID id) {
    if (scans.replacedBeforeSigning(id, now())) {
      audit.replacedBeforeSigning(id);
    }
  }

  /**
   * The service time at PostgreSQL's precision: a stored time is rounded to microseconds, and an
   * approval rounded up past the evaluation time would not count.
   */
  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  TransactionIntent intentOf(RequestEntity r) {
    return Evaluator.intent(walletOf(r.walletId), draftOf(r));
  }

  WalletView walletOf(UUID walletId) {
    return wallets.list().stream()
        .filter(w -> w.id().equals(walletId))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("request of unknown wallet " + walletId));
  }

  /** The draft a stored request was made from (the token's decimals do not matter any more). */
  static Draft draftOf(RequestEntity r) {
    Asset.Token token =
        r.tokenSymbol == null
            ? null
            : new Asset.Token(r.tokenSymbol, new Address(r.tokenAddress), 0);
    return new Draft(
        "",
        r.kind,
        new Address(r.toAddress),
        new Wei(r.valueWei),
        token,
        token == null ? null : r.tokenUnits,
        HexData.of(r.data),
        r.maxFeePerGas,
        r.maxPriorityFeePerGas,
        r.memo);
  }

  static Requester requester(Caller c) {
    return new Requester(c.subject(), c.roles(), c.groups(), c.serviceAccount());
  }

  static Requester requesterOf(RequestEntity r) {
    return new Requester(
        r.requesterSubject,
        Set.copyOf(Arrays.asList(r.requesterRoles)),
        Set.copyOf(Arrays.asList(r.requesterGroups)),
        r.requesterServiceAccount);
  }

  static ApiException notFound(UUID id) {
    return new ApiException(
        ProblemType.NOT_FOUND, "no request " + id, Map.of("requestId", id.toString()));
  }
}
