package io.custos.audit.store;

import io.custos.audit.Hash;

/**
 * The committed end of the log.
 *
 * @param size the number of entries, which is also the next sequence number
 * @param lastChain the chain hash of entry {@code size - 1}, {@link Hash#ZERO} when empty
 */
public record LogHead(long size, Hash lastChain) {}
