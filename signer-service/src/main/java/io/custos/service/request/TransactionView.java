package io.custos.service.request;

import io.custos.service.sending.TxState;
import java.time.Instant;

/**
 * The transaction that carries a request out, as the API shows it.
 *
 * @param hash the transaction hash
 * @param nonce its nonce
 * @param state where it is (REPLACED for a superseded attempt)
 * @param blockNumber the block it was mined in, or null
 * @param signedAt when the HSM signature was recorded
 * @param broadcastAt when the node first accepted it, or null before
 */
public record TransactionView(
    String hash,
    long nonce,
    TxState state,
    Long blockNumber,
    Instant signedAt,
    Instant broadcastAt) {}
