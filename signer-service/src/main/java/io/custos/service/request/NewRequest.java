package io.custos.service.request;

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
 * @param exposure the token exposure of the calldata, or null
 * @param destination the DESTINATION usage subject
 * @param evaluation the decision at submission
 * @param now the submission time
 */
record NewRequest(
    UUID id,
    String idempotencyKey,
    byte[] bodySha256,
    Caller requester,
    UUID walletId,
    Draft draft,
    Erc20Calls.Exposure exposure,
    String destination,
    Evaluation evaluation,
    Instant now) {}
