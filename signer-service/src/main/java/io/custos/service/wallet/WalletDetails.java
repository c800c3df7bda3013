package io.custos.service.wallet;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.math.BigInteger;

/**
 * A wallet with its state on the chain, read from the organization's node.
 *
 * @param wallet the wallet
 * @param balanceWei its balance at the latest block, in wei (a decimal string: JSON numbers lose
 *     precision beyond 2^53 in most clients)
 * @param nonce transactions mined from it (the next nonce the chain expects)
 * @param pendingNonce the next nonce counting transactions in the node's pool
 */
public record WalletDetails(
    WalletView wallet,
    @JsonSerialize(using = ToStringSerializer.class) BigInteger balanceWei,
    long nonce,
    long pendingNonce) {}
