package io.custos.service.request;

import io.custos.policy.intent.Requester;
import io.custos.policy.intent.TransactionIntent;
import io.custos.service.policy.ActivePolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Instant;
import java.util.UUID;

/**
 * Deciding a stored request again, the step a verdict and the end of a timelock share: lock it,
 * decide with the verdicts that count now, record and audit the decision, and send it once the
 * transaction commits when it is approved. Callers own the transaction.
 */
@ApplicationScoped
class Redecision {

  private final RequestRepository repository;
  private final RequestWallets wallets;
  private final Evaluator evaluator;
  private final Verdicts verdicts;
  private final ActivePolicy policy;
  private final RequestAudit audit;
  private final Event<ReadyToSend> ready;

  Redecision(
      RequestRepository repository,
      RequestWallets wallets,
      Evaluator evaluator,
      Verdicts verdicts,
      ActivePolicy policy,
      RequestAudit audit,
      Event<ReadyToSend> ready) {
    this.repository = repository;
    this.wallets = wallets;
    this.evaluator = evaluator;
    this.verdicts = verdicts;
    this.policy = policy;
    this.audit = audit;
    this.ready = ready;
  }

  /**
   * A request under the locks of {@link Evaluator#lock} and its row lock, with its state read under
   * them.
   */
  record Locked(
      RequestEntity request, TransactionIntent intent, Requester requester, RequestState state) {
    UUID id() {
      return request.id;
    }
  }

  /** Takes the request's usage locks ({@link Evaluator#lock}), then its row lock. */
  Locked lock(UUID id) {
    return lock(repository.find(id).orElseThrow(() -> RequestMapping.notFound(id)));
  }

  /** {@link #lock(UUID)} for a request already read. */
  Locked lock(RequestEntity r) {
    UUID id = r.id;
    TransactionIntent intent = wallets.intentOf(r);
    Requester requester = RequestMapping.requesterOf(r);
    evaluator.lock(intent, requester);
    RequestState state = repository.lockState(id).orElseThrow(() -> RequestMapping.notFound(id));
    return new Locked(r, intent, requester, state);
  }

  /** Decides the locked request again and records the decision as {@code actor}'s. */
  Evaluation decide(Locked l, Instant now, String actor) {
    Evaluation e = evaluate(l, l.intent(), now);
    record(l, e, now, actor);
    ReadyToSend.whenApproved(ready, l.id(), e);
    return e;
  }

  /**
   * Decides the locked request again as {@code intent} (its own, or with the fees it will be signed
   * with) without recording anything.
   */
  Evaluation evaluate(Locked l, TransactionIntent intent, Instant now) {
    UUID id = l.id();
    return evaluator.decide(
        intent,
        l.requester(),
        verdicts.counted(id, policy.policy().hash()),
        id,
        l.request().replaces,
        now);
  }

  /** Records a new decision on the locked request, with its audit entry, as {@code actor}'s. */
  void record(Locked l, Evaluation e, Instant now, String actor) {
    repository.decide(l.id(), l.state(), e, now);
    audit.decided(l.id(), l.state(), e, actor);
  }
}
