package io.custos.policy.model;

import io.custos.policy.intent.Payload;
import io.custos.policy.intent.Requester;
import io.custos.policy.intent.TransactionIntent;
import java.time.Instant;

/**
 * The inputs one evaluation looks at. ERC-20 calldata is decoded once, here, rather than by every
 * rule that asks. Immutable, so an explanation can be rendered from it later on any thread.
 */
public final class EvaluationContext {
  private final TransactionIntent intent;
  private final Requester requester;
  private final Instant now;
  private final Erc20Call erc20;

  public EvaluationContext(TransactionIntent intent, Requester requester, Instant now) {
    this.intent = intent;
    this.requester = requester;
    this.now = now;
    this.erc20 =
        intent != null && intent.payload() instanceof Payload.ContractCall call
            ? Erc20Call.decode(call.to(), call.data())
            : null;
  }

  public TransactionIntent intent() {
    return intent;
  }

  public Requester requester() {
    return requester;
  }

  public Instant now() {
    return now;
  }

  /** The decoded ERC-20 call, or null when the intent is not one. */
  public Erc20Call erc20() {
    return erc20;
  }
}
