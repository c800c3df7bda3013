package io.custos.service.sending;

import java.util.Map;

/**
 * The last word on a transaction before the HSM signs it, given in the signing transaction itself
 * with what is known only then (the gas limit and the fees filled). The request workflow implements
 * it (a port: {@code sending} must not depend on {@code request}); a request that is no longer
 * allowed is recorded as such and nothing is signed.
 */
public interface SigningGate {

  /**
   * Whether {@code out} may be signed with {@code fees} now; the caller holds the request's send
   * lock and signs in the same transaction.
   *
   * @return the authorization to record in the {@code transaction.signed} entry
   * @throws SigningRefusedException when it may not (the refusal is recorded in the caller's
   *     transaction, which commits)
   */
  Map<String, Object> authorize(Outgoing out, Fees fees);
}
