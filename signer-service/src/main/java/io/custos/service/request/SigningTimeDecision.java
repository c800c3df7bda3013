package io.custos.service.request;

import io.custos.policy.intent.FeeCaps;
import io.custos.policy.intent.TransactionIntent;
import io.custos.policy.value.Wei;
import io.custos.service.audit.Audit;
import io.custos.service.freeze.Freezes;
import io.custos.service.policy.ActivePolicy;
import io.custos.service.sending.Fees;
import io.custos.service.sending.Outgoing;
import io.custos.service.sending.SigningGate;
import io.custos.service.sending.SigningRefusedException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * The request is decided once more right before its transaction is signed, under its usage locks
 * and row lock, with the active policy, address book and approver keys, and with the transaction's
 * real fees and gas limit, so that {@code fees.max_total} is judged on what the transaction can
 * really pay. A request that waited (fees above its cap, a node outage, a nonce hold) is judged as
 * things are now, not as they were when it was approved; one that waited longer than {@code
 * custos.requests.approved-max-age} expires instead.
 *
 * <p>An emergency freeze of the wallet, or of every wallet, refuses any signature first; the
 * request stays APPROVED and waits for the freeze to be lifted (or expires).
 *
 * <p>Always, not only after a grace: it is the work of one submission's decision (two advisory
 * locks, a row lock, the approvals and the usage query, the engine's in-memory evaluation), done
 * once per signature next to an HSM signature and the inserts, and the per-wallet lock it takes is
 * already serialised by the wallet's nonce cursor.
 */
@ApplicationScoped
class SigningTimeDecision implements SigningGate {

  private final RequestRepository repository;
  private final Redecision redecision;
  private final Verdicts verdicts;
  private final ActivePolicy policy;
  private final RequestClock clock;
  private final RequestExpiry expiry;
  private final RequestsConfig config;
  private final Freezes freezes;

  SigningTimeDecision(
      RequestRepository repository,
      Redecision redecision,
      Verdicts verdicts,
      ActivePolicy policy,
      RequestClock clock,
      RequestExpiry expiry,
      RequestsConfig config,
      Freezes freezes) {
    this.repository = repository;
    this.redecision = redecision;
    this.verdicts = verdicts;
    this.policy = policy;
    this.clock = clock;
    this.expiry = expiry;
    this.config = config;
    this.freezes = freezes;
  }

  @Override
  public Map<String, Object> authorize(Outgoing out, Fees fees) {
    freezes
        .holding(out.walletId())
        .ifPresent(
            f -> {
              throw new SigningRefusedException(
                  "signing is frozen"
                      + (f.wallet() == null ? "" : " for the wallet " + f.wallet())
                      + " (freeze "
                      + f.id()
                      + "): "
                      + f.reason());
            });
    RequestEntity stored =
        repository
            .find(out.requestId())
            .orElseThrow(
                () ->
                    new SigningRefusedException(
                        "no request "
                            + out.requestId()
                            + ": nothing is signed that the policy did not decide"));
    policy.refresh();
    Redecision.Locked locked = redecision.lock(stored);
    if (!carries(out, locked.request())) {
      throw new SigningRefusedException(
          "the transaction to sign is not the one request " + out.requestId() + " asked for");
    }
    if (locked.state() != RequestState.APPROVED) {
      throw new SigningRefusedException(
          "request " + out.requestId() + " is " + locked.state() + ", no longer APPROVED");
    }
    if (!expiry.expireApproved(config.approvedMaxAge(), out.requestId()).isEmpty()) {
      throw new SigningRefusedException(
          "request " + out.requestId() + " expired: approved but not sent within its maximum age");
    }
    Instant now = clock.now();
    Evaluation e = redecision.evaluate(locked, withFees(locked.intent(), fees), now);
    RequestEntity r = locked.request();
    if (e.state() != RequestState.APPROVED) {
      redecision.record(locked, e, now, Audit.SYSTEM);
      throw new SigningRefusedException(
          "request " + out.requestId() + " is " + e.state() + " when decided again before signing");
    }
    if (!e.decision().rule().equals(r.decidedRule)
        || !e.decision().policyHash().equals(r.policyHash)) {
      // Still allowed, by another rule or policy version: the signature records what allows it now.
      redecision.record(locked, e, now, Audit.SYSTEM);
    }
    return verdicts.authorization(r, e.decision().rule(), e.decision().policyHash());
  }

  /**
   * Whether {@code out} is exactly what the request asked for: the request's decision covers its
   * wallet, destination, value, calldata, fee caps and the original it replaces, and nothing else.
   */
  static boolean carries(Outgoing out, RequestEntity r) {
    return out.walletId().equals(r.walletId)
        && RequestMapping.txTo(r).equalsIgnoreCase(out.to())
        && r.valueWei.equals(out.valueWei())
        && Arrays.equals(r.data, out.data())
        && Outgoing.caps(r.maxFeePerGas, r.maxPriorityFeePerGas).equals(out.caps())
        && Objects.equals(r.replaces, out.replaces());
  }

  /** The intent as it will be signed: the filled fees and the estimated gas limit. */
  private static TransactionIntent withFees(TransactionIntent intent, Fees fees) {
    return new TransactionIntent(
        intent.chainId(),
        intent.wallet(),
        intent.payload(),
        new FeeCaps(
            new Wei(fees.maxFeePerGas()),
            new Wei(fees.maxPriorityFeePerGas()),
            fees.gasLimit().longValueExact()));
  }
}
