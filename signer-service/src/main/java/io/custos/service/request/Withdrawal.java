package io.custos.service.request;

import io.custos.service.api.ApiException;
import io.custos.service.api.ProblemType;
import io.custos.service.identity.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.UUID;

/**
 * A requester takes back what they asked for: their own request, until it is signed. Pending,
 * approved and timelocked requests can be withdrawn; once the HSM has signed the transaction, only
 * an operator's cancel can stop it.
 *
 * <p>Withdrawing takes the request's row lock, which signing takes too ({@code
 * SigningTimeDecision}), so a request is either withdrawn or signed, never both.
 */
@ApplicationScoped
class Withdrawal {

  private static final int MAX_REASON = 1024;

  private final Redecision redecision;
  private final RequestScans scans;
  private final RequestClock clock;
  private final RequestAudit audit;

  Withdrawal(Redecision redecision, RequestScans scans, RequestClock clock, RequestAudit audit) {
    this.redecision = redecision;
    this.scans = scans;
    this.clock = clock;
    this.audit = audit;
  }

  /**
   * Withdraws {@code id} for its requester {@code who}.
   *
   * @throws ApiException 403 when {@code who} did not submit it, 409 when it is signed or closed
   */
  @Transactional
  UUID withdraw(UUID id, WithdrawBody body, Caller who) {
    String reason = body == null ? null : body.reason();
    if (reason != null && (reason.isBlank() || reason.length() > MAX_REASON)) {
      throw new ApiException(
          ProblemType.VALIDATION, "reason must be 1 to " + MAX_REASON + " characters");
    }
    Redecision.Locked locked = redecision.lock(id);
    if (!locked.request().requesterSubject.equals(who.subject())) {
      throw new ApiException(
          ProblemType.FORBIDDEN,
          "only the requester who submitted a request may withdraw it",
          Map.of("requestId", id.toString()));
    }
    RequestState from = locked.state();
    if (!from.withdrawable() || !scans.withdraw(id, from, clock.now())) {
      throw new ApiException(
          ProblemType.CONFLICT,
          from.withdrawable()
              ? "the request is already signed; an operator can cancel its transaction"
              : "the request is " + from + "; only a request not yet signed can be withdrawn",
          Map.of("requestId", id.toString(), "state", from.name()));
    }
    audit.withdrawn(id, from, who, reason);
    return id;
  }
}
