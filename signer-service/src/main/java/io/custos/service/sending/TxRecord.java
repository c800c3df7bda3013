package io.custos.service.sending;

import java.util.UUID;

/**
 * A signed transaction as recorded.
 *
 * @param id its row id
 * @param requestId the request it carries out
 * @param nonce its nonce
 * @param hash its transaction hash, {@code 0x}-prefixed hex
 * @param state where it is in its life
 */
public record TxRecord(UUID id, UUID requestId, long nonce, String hash, TxState state) {}
