package io.custos.service.request;

import io.custos.policy.intent.Requester;
import io.custos.policy.intent.TransactionIntent;
import io.custos.policy.model.AddressBook;
import io.custos.service.api.ApiException;
import io.custos.service.api.ProblemType;
import io.custos.service.identity.Caller;
import io.custos.service.policy.ActivePolicy;
import io.custos.service.wallet.WalletService;
import io.custos.service.wallet.WalletView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Submission: a body becomes a request, decided at once under the locks of {@link Evaluator#lock}
 * in the transaction that stores it. An idempotency key names one request per requester.
 */
@ApplicationScoped
public class RequestSubmission {

  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,128}");

  private final RequestRepository repository;
  private final Evaluator evaluator;
  private final WalletService wallets;
  private final ActivePolicy policy;
  private final RequestClock clock;
  private final RequestAudit audit;
  private final Event<ReadyToSend> ready;
  private final FeeCeilingCheck ceiling;

  RequestSubmission(
      RequestRepository repository,
      Evaluator evaluator,
      WalletService wallets,
      ActivePolicy policy,
      RequestClock clock,
      RequestAudit audit,
      Event<ReadyToSend> ready,
      FeeCeilingCheck ceiling) {
    this.repository = repository;
    this.evaluator = evaluator;
    this.wallets = wallets;
    this.policy = policy;
    this.clock = clock;
    this.audit = audit;
    this.ready = ready;
    this.ceiling = ceiling;
  }

  /**
   * The outcome of a submission.
   *
   * @param id the request
   * @param created false when the idempotency key named an existing request with the same body
   */
  public record Submitted(UUID id, boolean created) {}

  /** Submits a request, or returns the one this key already made with the same body. */
  @Transactional(dontRollbackOn = FeeCeilingRefused.class)
  public Submitted submit(String idempotencyKey, SubmitBody body, Caller requester) {
    if (idempotencyKey == null || !KEY.matcher(idempotencyKey).matches()) {
      throw new ApiException(
          ProblemType.VALIDATION,
          "the Idempotency-Key header is required: 1 to 128 printable ASCII characters");
    }
    AddressBook book = policy.policy().addressBook();
    Draft draft = Drafts.parse(body, book);
    ceiling.check(
        "submit",
        null,
        draft.walletLabel(),
        requester,
        draft.maxFeePerGas(),
        draft.maxPriorityFeePerGas());
    byte[] hash = Drafts.canonicalHash(draft);
    WalletView wallet = existingWallet(draft.walletLabel());
    TransactionIntent intent = Evaluator.intent(wallet, draft);
    Requester who = RequestMapping.requester(requester);
    evaluator.lock(intent, who);
    Optional<RequestEntity> earlier = repository.byKey(requester.subject(), idempotencyKey);
    if (earlier.isPresent()) {
      return replay(earlier.get(), hash);
    }
    Instant now = clock.now();
    UUID id = UUID.randomUUID();
    Evaluation evaluation = evaluator.decide(intent, who, List.of(), id, null, now);
    NewRequest row =
        new NewRequest(id, idempotencyKey, hash, requester, wallet.id(), draft, evaluation, now);
    if (repository.insertIfAbsent(row)) {
      audit.submitted(row, wallet.tags());
      ReadyToSend.whenApproved(ready, id, evaluation);
      return new Submitted(id, true);
    }
    // Another submission with this key committed between our read and insert (possible only for
    // a different wallet, whose lock we do not hold): the unique constraint kept one.
    return replay(repository.byKey(requester.subject(), idempotencyKey).orElseThrow(), hash);
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
}
