package io.custos.service.chain;

import java.math.BigInteger;

/**
 * A transaction's receipt: it was mined in this block.
 *
 * @param transactionHash the transaction, {@code 0x}-prefixed hex
 * @param blockNumber the block that holds it
 * @param blockHash that block's hash, {@code 0x}-prefixed hex
 * @param succeeded false when the transaction reverted
 * @param gasUsed the gas it used
 */
public record Receipt(
    String transactionHash,
    long blockNumber,
    String blockHash,
    boolean succeeded,
    BigInteger gasUsed) {}
