package io.custos.service.request;

import io.custos.policy.model.Erc20Call;
import io.custos.service.identity.Caller;
import java.time.Instant;
import java.util.UUID;

/**
 * Everything stored for a newly submitted request.
 *
 * @param id the new request's id
 * @param idempotencyKey the client's key
 * @param bodySha256 the canonical body's hash
 * @param requester who submitted it
 * @param walletId the signing wallet
 * @param draft what would be signed
 * @param evaluation the decision at submission
 * @param now the submission time
 * @param replaces the original request of a speed-up or cancel, else null
 * @param initiatedBy the operator who asked for the replacement, else null
 */
record NewRequest(
    UUID id,
    String idempotencyKey,
    byte[] bodySha256,
    Caller requester,
    UUID walletId,
    Draft draft,
    Evaluation evaluation,
    Instant now,
    UUID replaces,
    String initiatedBy) {

  /** A request as a requester submits it. */
  NewRequest(
      UUID id,
      String idempotencyKey,
      byte[] bodySha256,
      Caller requester,
      UUID walletId,
      Draft draft,
      Evaluation evaluation,
      Instant now) {
    this(id, idempotencyKey, bodySha256, requester, walletId, draft, evaluation, now, null, null);
  }

  /**
   * The ERC-20 call the policy decided on, or null: velocity usage records its token and amount, so
   * it counts exactly what the limits checked.
   */
  Erc20Call erc20() {
    return evaluation.decision().erc20Call();
  }

  /** The DESTINATION usage subject as the policy's limits see it. */
  String destination() {
    Erc20Call erc20 = erc20();
    return erc20 != null ? erc20.counterparty().lowerHex() : draft.txTo().lowerHex();
  }
}
